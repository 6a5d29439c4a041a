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
package dev.floe.flink.sink;

import dev.floe.wal.record.WalRecord;
import java.io.Serializable;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.serialization.SerializationSchema;

/**
 * Turns a stream element into a Floe record: key, value, timestamp and headers. Ready-made ones are
 * in {@link FloeRecordSerializers}. Instances are used by one writer thread each.
 *
 * @param <T> the element type
 */
@PublicEvolving
public interface FloeRecordSerializer<T> extends Serializable {

    /** Called once per writer before the first element. */
    default void open(SerializationSchema.InitializationContext context) throws Exception {}

    /**
     * @param element the element, never null
     * @param timestamp the element's Flink timestamp, or null when it has none
     * @return the record to append; its timestamp is the record's event time in milliseconds
     */
    WalRecord serialize(T element, Long timestamp) throws Exception;

    /**
     * The key {@link #serialize} gives the element (null for none), for {@link
     * FloeRouting#byKeyHash()} to route the element before the writer serializes it. The default
     * serializes the whole element to find the key; a serializer that writes keys should return the
     * key alone, as {@link FloeRecordSerializers#of(SerializationSchema, SerializationSchema)}
     * does, so that each element is serialized once.
     */
    default byte[] serializeKey(T element) throws Exception {
        return serialize(element, null).key();
    }

    /**
     * The Avro schema (JSON) of record values, stored with the stream and used for typed Parquet
     * columns; null when values are opaque bytes.
     */
    default String valueSchema() {
        return null;
    }
}
