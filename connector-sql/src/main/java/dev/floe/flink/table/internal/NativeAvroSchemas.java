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
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;

/**
 * The row schemas of the native {@code 'avro'} value format: they write and read Avro binary
 * straight from and into Flink's rows ({@link AvroRowEncoder}, {@link AvroRowDecoder}), built only
 * when a task opens them. What is shipped to the cluster is the row type alone: nothing of
 * flink-avro or Avro, which the shaded SQL jar relocates (serialized lambdas, as flink-avro's own
 * converters are, do not survive that). Not thread-safe.
 */
final class NativeAvroSchemas {

    private NativeAvroSchemas() {}

    /** Writes the value columns of consumed rows as Avro binary. */
    static final class Writer implements SerializationSchema<RowData> {
        private static final long serialVersionUID = 2L;

        private final RowType value;
        private final int[] positions;
        private transient AvroRowEncoder encoder;

        /**
         * @param value the value columns' row type
         * @param positions where a consumed row holds each value column
         */
        Writer(RowType value, int[] positions) {
            this.value = value;
            this.positions = positions.clone();
        }

        @Override
        public void open(InitializationContext context) {
            encoder = new AvroRowEncoder(value, NativeAvro.schema(value), positions);
        }

        @Override
        public byte[] serialize(RowData row) {
            return encoder.encode(row);
        }
    }

    /** Reads Avro binary into rows of {@code value}. */
    static final class Reader implements DeserializationSchema<RowData> {
        private static final long serialVersionUID = 2L;

        private final RowType value;
        private final TypeInformation<RowData> type;
        private transient AvroRowDecoder decoder;

        Reader(RowType value, TypeInformation<RowData> type) {
            this.value = value;
            this.type = type;
        }

        @Override
        public void open(InitializationContext context) {
            decoder = new AvroRowDecoder(value, NativeAvro.schema(value));
        }

        @Override
        public RowData deserialize(byte[] message) throws IOException {
            return decoder.decode(message);
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
