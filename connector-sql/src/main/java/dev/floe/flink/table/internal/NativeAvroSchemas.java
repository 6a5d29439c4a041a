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
package dev.floe.flink.table.internal;

import java.io.IOException;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.formats.avro.AvroFormatOptions;
import org.apache.flink.formats.avro.AvroRowDataDeserializationSchema;
import org.apache.flink.formats.avro.AvroRowDataSerializationSchema;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;

/**
 * flink-avro's row schemas for the native {@code 'avro'} value format, built only when a task opens
 * them: they hold flink-avro's converters as serializable lambdas, which do not survive being
 * shipped to a cluster from the shaded SQL jar, where flink-avro is relocated. What is shipped is
 * the row type alone. Not thread-safe, as Flink's schemas are not.
 */
final class NativeAvroSchemas {

    private NativeAvroSchemas() {}

    /** Writes rows of {@code value} as Avro binary. */
    static final class Writer implements SerializationSchema<RowData> {
        private static final long serialVersionUID = 1L;

        private final RowType value;
        private transient AvroRowDataSerializationSchema schema;

        Writer(RowType value) {
            this.value = value;
        }

        @Override
        public void open(InitializationContext context) throws Exception {
            schema =
                    new AvroRowDataSerializationSchema(
                            value,
                            AvroFormatOptions.AvroEncoding.BINARY,
                            NativeAvro.LEGACY_TIMESTAMP_MAPPING);
            schema.open(context);
        }

        @Override
        public byte[] serialize(RowData row) {
            return schema.serialize(row);
        }
    }

    /** Reads Avro binary into rows of {@code value}. */
    static final class Reader implements DeserializationSchema<RowData> {
        private static final long serialVersionUID = 1L;

        private final RowType value;
        private final TypeInformation<RowData> type;
        private transient AvroRowDataDeserializationSchema schema;

        Reader(RowType value, TypeInformation<RowData> type) {
            this.value = value;
            this.type = type;
        }

        @Override
        public void open(InitializationContext context) throws Exception {
            schema =
                    new AvroRowDataDeserializationSchema(
                            value,
                            type,
                            AvroFormatOptions.AvroEncoding.BINARY,
                            NativeAvro.LEGACY_TIMESTAMP_MAPPING);
            schema.open(context);
        }

        @Override
        public RowData deserialize(byte[] message) throws IOException {
            return schema.deserialize(message);
        }

        @Override
        public boolean isEndOfStream(RowData next) {
            return false;
        }

        @Override
        public TypeInformation<RowData> getProducedType() {
            return type;
        }
    }
}
