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
import dev.floe.wal.manifest.SchemaHistory;
import dev.floe.wal.manifest.SchemaVersion;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.record.WalRecord;
import dev.floe.wal.tier.parquet.ParquetObjectSchema;
import dev.floe.wal.tier.parquet.ReadRequest;
import dev.floe.wal.tier.parquet.ValueProjection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.apache.avro.Schema;
import org.apache.flink.annotation.Internal;

/**
 * The values a reader returns: every record's value in one encoding, the reader's schema (or the
 * stream's latest schema when the reader gives none), whole or projected onto some fields ({@link
 * FloeSourceOptions#VALUE_FIELDS}). Records written with another version of the stream's schema are
 * resolved to it by Avro's rules (fields added since take their defaults). Parquet objects of the
 * reader's schema read only the projected columns; other records are resolved and projected here.
 * Used by the fetcher thread only.
 */
@Internal
public final class ValueFields {

    private static final ValueFields WHOLE = new ValueFields(null, null, null, null);

    private final List<String> fields;
    private final Schema target;
    private final Schema projectedTarget;
    private final Supplier<SchemaHistory> history;
    private final Map<Integer, Optional<ValueProjection>> resolvers = new HashMap<>();
    private final Map<Integer, Boolean> projectedInParquet = new HashMap<>();
    private SchemaHistory known;

    private ValueFields(
            List<String> fields,
            Schema target,
            Schema projectedTarget,
            Supplier<SchemaHistory> history) {
        this.fields = fields;
        this.target = target;
        this.projectedTarget = projectedTarget;
        this.history = history;
    }

    /** Values as they are stored, whatever schema version wrote them. */
    static ValueFields whole() {
        return WHOLE;
    }

    /**
     * The values of a stream with schema {@code history}, read as {@code readerSchema} (the latest
     * version when null) projected onto {@code fields} (whole values when null).
     *
     * @param history reads the stream's schema history again, when a record names a version newer
     *     than the ones known
     * @throws IllegalArgumentException if the stream's values are bytes and fields are asked for,
     *     or the schema lacks a field
     */
    public static ValueFields of(
            Supplier<SchemaHistory> history, String readerSchema, List<String> fields) {
        SchemaHistory now = history.get();
        SchemaVersion latest = now.latest();
        if (!latest.typed()) {
            if (fields != null) {
                throw new IllegalArgumentException(
                        FloeSourceOptions.VALUE_FIELDS.key()
                                + " of stream "
                                + now.stream()
                                + ": its values are bytes without a schema, so it has no fields");
            }
            return WHOLE;
        }
        Schema target =
                readerSchema != null
                        ? new Schema.Parser().parse(readerSchema)
                        : latest.avroSchema();
        Schema projected;
        try {
            projected = ParquetObjectSchema.forValueSchema(target).projectedValueSchema(fields);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    FloeSourceOptions.VALUE_FIELDS.key()
                            + " of stream "
                            + now.stream()
                            + ": "
                            + e.getMessage(),
                    e);
        }
        ValueFields values = new ValueFields(fields, target, projected, history);
        values.known = now;
        return values;
    }

    /**
     * The Parquet read of offsets {@code [from, to)} of an object of schema {@code version}: only
     * the projected columns when the object's schema has them as the reader wants them, else whole
     * values, which {@link #fromParquet} resolves.
     */
    ReadRequest parquetRead(long from, long to, int version) throws IOException {
        ReadRequest offsets = ReadRequest.offsets(from, to);
        return readsProjected(version) ? offsets.withValueFields(fields) : offsets;
    }

    /**
     * {@code batch}, read from a Parquet object of schema {@code version} by {@link #parquetRead}.
     */
    List<LoggedRecord> fromParquet(List<LoggedRecord> batch, int version) throws IOException {
        return readsProjected(version) ? batch : fromWholeValues(batch, version);
    }

    /** {@code batch}, records with whole values of schema {@code version}, as the reader wants. */
    List<LoggedRecord> fromWholeValues(List<LoggedRecord> batch, int version) throws IOException {
        if (this == WHOLE) {
            return batch;
        }
        Optional<ValueProjection> resolver = resolver(version);
        if (resolver.isEmpty()) {
            return batch;
        }
        List<LoggedRecord> resolved = new ArrayList<>(batch.size());
        for (LoggedRecord r : batch) {
            WalRecord whole = r.record();
            byte[] value;
            try {
                value = resolver.get().apply(whole.value());
            } catch (IOException | RuntimeException e) {
                throw new IOException(
                        "The value at offset "
                                + r.offset()
                                + " is not a value of the stream's schema version "
                                + version
                                + ", or that version cannot be read as "
                                + target.getFullName()
                                + ": "
                                + e.getMessage(),
                        e);
            }
            resolved.add(
                    new LoggedRecord(
                            r.offset(),
                            new WalRecord(whole.timestamp(), whole.key(), value, whole.headers())));
        }
        return resolved;
    }

    /** Turns whole values of {@code version} into the reader's; empty when they already are. */
    private Optional<ValueProjection> resolver(int version) throws IOException {
        Optional<ValueProjection> resolver = resolvers.get(version);
        if (resolver == null) {
            Schema written = schemaOf(version);
            resolver =
                    sameEncoding(written, projectedTarget)
                            ? Optional.empty()
                            : Optional.of(ValueProjection.resolving(written, projectedTarget));
            resolvers.put(version, resolver);
        }
        return resolver;
    }

    /** Whether a Parquet object of {@code version} returns the reader's values itself. */
    private boolean readsProjected(int version) throws IOException {
        if (this == WHOLE) {
            return true;
        }
        Boolean projected = projectedInParquet.get(version);
        if (projected == null) {
            Schema written = schemaOf(version);
            if (fields == null) {
                projected = sameEncoding(written, target);
            } else {
                projected =
                        fields.stream().allMatch(f -> written.getField(f) != null)
                                && sameEncoding(
                                        ParquetObjectSchema.forValueSchema(written)
                                                .projectedValueSchema(fields),
                                        projectedTarget);
            }
            projectedInParquet.put(version, projected);
        }
        return projected;
    }

    /**
     * Whether values of {@code a} are values of {@code b} as they are: the same fields, types and
     * symbols, whatever the records are named (a SQL table names its record after itself).
     */
    static boolean sameEncoding(Schema a, Schema b) {
        if (a.getType() != b.getType() || !Objects.equals(a.getLogicalType(), b.getLogicalType())) {
            return false;
        }
        return switch (a.getType()) {
            case RECORD -> {
                List<Schema.Field> fa = a.getFields();
                List<Schema.Field> fb = b.getFields();
                if (fa.size() != fb.size()) {
                    yield false;
                }
                for (int i = 0; i < fa.size(); i++) {
                    if (!fa.get(i).name().equals(fb.get(i).name())
                            || !sameEncoding(fa.get(i).schema(), fb.get(i).schema())) {
                        yield false;
                    }
                }
                yield true;
            }
            case ARRAY -> sameEncoding(a.getElementType(), b.getElementType());
            case MAP -> sameEncoding(a.getValueType(), b.getValueType());
            case UNION -> {
                List<Schema> ta = a.getTypes();
                List<Schema> tb = b.getTypes();
                yield ta.size() == tb.size()
                        && IntStream.range(0, ta.size())
                                .allMatch(i -> sameEncoding(ta.get(i), tb.get(i)));
            }
            case ENUM -> a.getEnumSymbols().equals(b.getEnumSymbols());
            case FIXED -> a.getFixedSize() == b.getFixedSize();
            default -> true;
        };
    }

    private Schema schemaOf(int version) throws IOException {
        if (version > known.latest().version()) {
            known = history.get();
        }
        try {
            return known.version(version).avroSchema();
        } catch (RuntimeException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
