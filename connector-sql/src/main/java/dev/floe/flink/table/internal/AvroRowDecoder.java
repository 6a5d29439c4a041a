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

import dev.floe.flink.table.internal.AvroValueReaders.ValueReader;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.types.logical.RowType;

/**
 * Reads Avro binary of a record schema straight into rows, one value after the other, through a
 * reused decoder and without an Avro record in between. Not thread-safe.
 */
final class AvroRowDecoder {

    private final ValueReader[] readers;
    private BinaryDecoder decoder;

    /**
     * @param type the rows' type
     * @param schema the record schema Flink's Avro format gives {@code type}
     * @throws IllegalArgumentException if {@code schema} does not match {@code type}
     */
    AvroRowDecoder(RowType type, Schema schema) {
        this.readers = AvroValueReaders.fields(type, schema, "");
    }

    /**
     * The row of Avro binary {@code bytes}.
     *
     * @throws IOException if the bytes end before the row does
     */
    GenericRowData decode(byte[] bytes) throws IOException {
        decoder = DecoderFactory.get().binaryDecoder(bytes, decoder);
        return AvroValueReaders.readRow(readers, decoder);
    }
}
