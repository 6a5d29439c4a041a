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
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * Some value fields of a typed stream: turns a whole value's Avro binary encoding (as segment
 * objects and the WAL hold it) into the encoding of the projected schema, the same bytes a Parquet
 * read with {@link ReadRequest#withValueFields} returns; or, {@link #resolving}, a value written
 * with one version of the stream's schema into the encoding of another. Not thread-safe: it reuses
 * a decoder, an encoder and a buffer.
 */
public final class ValueProjection {

    private final Schema projected;
    private final GenericDatumReader<GenericRecord> reader;
    private final GenericDatumWriter<GenericRecord> writer;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
    private BinaryDecoder decoder;
    private BinaryEncoder encoder;
    private GenericRecord reused;

    private ValueProjection(Schema whole, Schema projected) {
        this.projected = projected;
        this.reader = new GenericDatumReader<>(whole, projected);
        this.writer = new GenericDatumWriter<>(projected);
    }

    /**
     * The projection of a stream's value schema onto {@code fields}.
     *
     * @throws IllegalArgumentException if the stream has no value schema, or lacks a field
     */
    public static ValueProjection of(ParquetObjectSchema schema, List<String> fields) {
        return new ValueProjection(schema.valueSchema(), schema.projectedValueSchema(fields));
    }

    /**
     * Values written with {@code writer} read as {@code reader}, by Avro's schema resolution
     * (fields the writer lacks take their defaults; fields the reader lacks are skipped).
     */
    public static ValueProjection resolving(Schema writer, Schema reader) {
        return new ValueProjection(writer, reader);
    }

    /** The projected value schema: the chosen fields, in the stream schema's order. */
    public Schema projectedSchema() {
        return projected;
    }

    /**
     * The projected encoding of {@code value}, the Avro binary encoding of the whole value.
     *
     * @throws IOException if {@code value} is not one value of the stream's schema
     */
    public byte[] apply(byte[] value) throws IOException {
        decoder = DecoderFactory.get().binaryDecoder(value, decoder);
        reused = reader.read(reused, decoder);
        if (!decoder.isEnd()) {
            throw new IOException("bytes are left after the value");
        }
        buffer.reset();
        encoder = EncoderFactory.get().directBinaryEncoder(buffer, encoder);
        writer.write(reused, encoder);
        encoder.flush();
        return buffer.toByteArray();
    }
}
