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

import dev.floe.flink.table.internal.AvroValueWriters.FieldWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;

/**
 * Writes columns of rows as Avro binary of a record schema: each column is read from the row in
 * place, by position, and encoded into a reused buffer, without a projected row or Avro record in
 * between. Not thread-safe.
 */
final class AvroRowEncoder {

    private final FieldWriter[] writers;
    private final int[] positions;
    private final Bytes bytes = new Bytes();
    private final BinaryEncoder encoder;

    /**
     * @param type the columns' row type
     * @param schema the record schema Flink's Avro format gives {@code type}
     * @param positions where a row holds each of {@code type}'s fields
     * @throws IllegalArgumentException if {@code schema} does not match {@code type}
     */
    AvroRowEncoder(RowType type, Schema schema, int[] positions) {
        if (positions.length != type.getFieldCount()) {
            throw new IllegalArgumentException(
                    positions.length + " positions for a row of " + type.getFieldCount());
        }
        this.writers = AvroValueWriters.fields(type, schema, "");
        this.positions = positions.clone();
        this.encoder = EncoderFactory.get().binaryEncoder(bytes, null);
    }

    /** The Avro binary of the columns of {@code row}. */
    byte[] encode(RowData row) {
        bytes.reset();
        try {
            for (int f = 0; f < writers.length; f++) {
                writers[f].write(row, positions[f], encoder);
            }
            encoder.flush();
        } catch (IOException e) {
            // Only the in-memory buffer is written to.
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A growing byte buffer, without the locks of {@link java.io.ByteArrayOutputStream}. */
    private static final class Bytes extends OutputStream {
        private byte[] buffer = new byte[256];
        private int size;

        void reset() {
            size = 0;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buffer, size);
        }

        @Override
        public void write(int b) {
            ensure(1);
            buffer[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, buffer, size, len);
            size += len;
        }

        private void ensure(int more) {
            if (size + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
            }
        }
    }
}
