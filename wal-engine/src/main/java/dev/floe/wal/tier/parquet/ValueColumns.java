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
package dev.floe.wal.tier.parquet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * The top-level value columns of a typed stream, bound to an Avro record schema: turns a value's
 * Avro binary encoding into Parquet columns and a row back into the same bytes. Not thread-safe: it
 * reuses a decoder, an encoder and a buffer.
 */
final class ValueColumns {

    private final List<AvroField> fields;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
    private BinaryDecoder decoder;
    private BinaryEncoder encoder;

    /** Binds {@code value}'s fields to the same-named top-level columns of {@code message}. */
    ValueColumns(Schema value, MessageType message) {
        this.fields = AvroField.all(value, message);
    }

    /**
     * Emits the columns of one value, Avro binary of the bound schema.
     *
     * @throws IOException if the bytes are not one value of the schema, with nothing left over
     */
    void write(byte[] value, RecordConsumer out) throws IOException {
        decoder = DecoderFactory.get().binaryDecoder(value, decoder);
        for (AvroField f : fields) {
            f.write(decoder, out);
        }
        if (!decoder.isEnd()) {
            throw new IOException("bytes are left after the value");
        }
    }

    /** Encodes the value held by {@code row} as Avro binary of the bound schema. */
    byte[] encode(Group row) throws IOException {
        buffer.reset();
        encoder = EncoderFactory.get().directBinaryEncoder(buffer, encoder);
        for (AvroField f : fields) {
            f.encode(row, encoder);
        }
        encoder.flush();
        return buffer.toByteArray();
    }
}
