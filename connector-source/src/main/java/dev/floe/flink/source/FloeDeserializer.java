/*
 * Copyright 2026 The Floe Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package dev.floe.flink.source;

import dev.floe.wal.record.LoggedRecord;
import java.io.IOException;
import java.io.Serializable;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.Collector;

/**
 * Turns a Floe record (offset, timestamp, key, value, headers) into a stream element. Ready-made
 * ones are in {@link FloeDeserializers}. Instances are used by one reader thread each.
 *
 * @param <T> the element type
 */
@PublicEvolving
public interface FloeDeserializer<T> extends Serializable {

    /** Called once per reader before the first record. */
    default void open(DeserializationSchema.InitializationContext context) throws Exception {}

    /** The element for {@code record}, or null to drop the record. */
    T deserialize(LoggedRecord record) throws IOException;

    /**
     * Emits the elements of {@code record}, read from {@code partition}: what the source calls for
     * each record. By default the one element {@link #deserialize(LoggedRecord)} returns, if any;
     * override it to emit several elements or none, or to use the partition.
     */
    default void deserialize(LoggedRecord record, int partition, Collector<T> out)
            throws IOException {
        T element = deserialize(record);
        if (element != null) {
            out.collect(element);
        }
    }

    TypeInformation<T> producedType();

    /**
     * The Avro schema (JSON) this deserializer reads values as: the source resolves values written
     * with every version of the stream's schema to it (fields added since take their defaults). By
     * default null: values arrive in the stream's latest schema.
     */
    default String valueSchema() {
        return null;
    }
}
