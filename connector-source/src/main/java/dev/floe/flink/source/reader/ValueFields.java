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
package dev.floe.flink.source.reader;

import dev.floe.flink.source.FloeSourceOptions;
import dev.floe.wal.manifest.StreamConfig;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.record.WalRecord;
import dev.floe.wal.tier.parquet.ParquetObjectSchema;
import dev.floe.wal.tier.parquet.ReadRequest;
import dev.floe.wal.tier.parquet.ValueProjection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.Internal;

/**
 * The value fields a reader returns: the whole value, or a projection ({@link
 * FloeSourceOptions#VALUE_FIELDS}). Parquet objects read only the projected columns; records from
 * segment objects and writers' tails carry whole values and are projected here, so every record
 * reaches the deserializer in one encoding. Used by the fetcher thread only.
 */
@Internal
public final class ValueFields {

    private static final ValueFields WHOLE = new ValueFields(null, null);

    private final List<String> fields;
    private final ValueProjection projection;

    private ValueFields(List<String> fields, ValueProjection projection) {
        this.fields = fields;
        this.projection = projection;
    }

    /** Whole values. */
    static ValueFields whole() {
        return WHOLE;
    }

    /**
     * The projection of {@code stream}'s values onto {@code fields}; whole values when null.
     *
     * @throws IllegalArgumentException if the stream has no value schema or lacks a field
     */
    public static ValueFields of(StreamConfig stream, List<String> fields) {
        if (fields == null) {
            return WHOLE;
        }
        return new ValueFields(fields, projection(stream, fields));
    }

    private static ValueProjection projection(StreamConfig stream, List<String> fields) {
        try {
            return ValueProjection.of(
                    ParquetObjectSchema.forValueSchema(stream.valueSchema()), fields);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    FloeSourceOptions.VALUE_FIELDS.key()
                            + " of stream "
                            + stream.name()
                            + ": "
                            + e.getMessage(),
                    e);
        }
    }

    /** The Parquet read of offsets {@code [from, to)} with these fields. */
    ReadRequest parquetRead(long from, long to) {
        return ReadRequest.offsets(from, to).withValueFields(fields);
    }

    /** {@code batch}, records with whole values, with these fields. */
    List<LoggedRecord> fromWholeValues(List<LoggedRecord> batch) throws IOException {
        if (projection == null) {
            return batch;
        }
        List<LoggedRecord> projected = new ArrayList<>(batch.size());
        for (LoggedRecord r : batch) {
            WalRecord whole = r.record();
            byte[] value;
            try {
                value = projection.apply(whole.value());
            } catch (IOException | RuntimeException e) {
                throw new IOException(
                        "The value at offset "
                                + r.offset()
                                + " is not a value of the stream's schema: "
                                + e.getMessage(),
                        e);
            }
            projected.add(
                    new LoggedRecord(
                            r.offset(),
                            new WalRecord(whole.timestamp(), whole.key(), value, whole.headers())));
        }
        return projected;
    }
}
