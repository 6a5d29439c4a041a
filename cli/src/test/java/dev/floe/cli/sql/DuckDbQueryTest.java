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
package dev.floe.cli.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.wal.admin.CommittedObject;
import dev.floe.wal.admin.CommittedParquet;
import dev.floe.wal.admin.CommittedParquetObject;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.StreamConfig;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.record.WalRecord;
import dev.floe.wal.tier.BucketLayout;
import dev.floe.wal.tier.ObjectDescriptors;
import dev.floe.wal.tier.parquet.ParquetObjectOptions;
import dev.floe.wal.tier.parquet.ParquetObjectSchema;
import dev.floe.wal.tier.parquet.ParquetObjectSummary;
import dev.floe.wal.tier.parquet.ParquetObjectWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DuckDbQuery} over Parquet objects written by Floe's writer and run by DuckDB: objects of
 * one partition are read whole, shared objects only for the partitions that reference them.
 */
class DuckDbQueryTest {

    private static final String EVENT_SCHEMA =
            """
            {"type": "record", "name": "Event", "fields": [
              {"name": "_object", "type": "string"}, {"name": "__OBJECT", "type": "long"}
            ]}""";

    @TempDir Path dir;

    @Test
    void readsObjectsOfOnePartitionWholeWithoutTheObjectColumn() throws Exception {
        StreamConfig stream = new StreamConfig("texts", 2, null, null);
        CommittedObject p0 = single(stream, 0, 0, 5, DuckDbQueryTest::text);
        CommittedObject p1 = single(stream, 1, 0, 3, DuckDbQueryTest::text);
        DuckDbQuery query = over(stream, List.of(p0), List.of(p1));

        assertThat(query.createView("texts"))
                .isEqualTo(
                        "CREATE OR REPLACE VIEW \"texts\" AS SELECT * FROM read_parquet([\n    '"
                                + p0.location()
                                + "',\n    '"
                                + p1.location()
                                + "'\n])");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = db.createStatement()) {
            sql.execute(query.createView("texts"));
            assertThat(rows(sql, "SELECT _partition, count(*) FROM texts GROUP BY ALL ORDER BY 1"))
                    .containsExactly(List.of(0, 5L), List.of(1, 3L));
        }
    }

    @Test
    void readsFromASharedObjectOnlyThePartitionsWhoseDescriptorsNameIt() throws Exception {
        StreamConfig stream = new StreamConfig("texts", 3, null, null);
        // Partitions 0..2 each hold offsets 0..3 in the shared object; partition 1's swap did
        // not happen, and its offsets 0..3 were later tiered into an object of its own.
        Map<Integer, CommittedObject> shared =
                shared(stream, 0, Map.of(0, 4, 1, 4, 2, 4), DuckDbQueryTest::text);
        CommittedObject own = single(stream, 1, 0, 4, i -> text(100 + i));
        CommittedObject wholeShared = shared(stream, 4, Map.of(2, 2), DuckDbQueryTest::text).get(2);
        DuckDbQuery query =
                over(
                        stream,
                        List.of(shared.get(0), shared.get(2)),
                        List.of(own),
                        List.of(wholeShared));

        String view = query.createView("texts");
        assertThat(view)
                .contains("SELECT * FROM read_parquet([\n    '" + own.location() + "'\n])")
                .contains("\nUNION ALL\nSELECT * EXCLUDE (\"_object\") FROM read_parquet([")
                .contains("], filename = '_object')")
                .contains("('" + shared.get(0).location() + "', [0, 2])")
                .contains("('" + wholeShared.location() + "', [2])");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = db.createStatement()) {
            sql.execute(view);
            assertThat(
                            rows(
                                    sql,
                                    "SELECT _partition, count(*), count(DISTINCT _offset),"
                                            + " min(_value::VARCHAR) FROM texts GROUP BY ALL"
                                            + " ORDER BY 1"))
                    .containsExactly(
                            List.of(0, 4L, 4L, "text-0"),
                            List.of(1, 4L, 4L, "text-100"),
                            List.of(2, 6L, 6L, "text-0"));
            assertThat(columns(sql, "texts")).isEqualTo(columns(sql, own.location()));
            // Read whole, the shared object would give partition 1's offsets twice.
            assertThat(
                            rows(
                                    sql,
                                    "SELECT count(*) FROM read_parquet(['"
                                            + shared.get(0).location()
                                            + "', '"
                                            + own.location()
                                            + "'])"))
                    .containsExactly(List.of(16L));
        }
    }

    @Test
    void namesTheObjectColumnApartFromTheStreamsFields() throws Exception {
        StreamConfig stream = new StreamConfig("events", 2, EVENT_SCHEMA, null);
        Map<Integer, CommittedObject> shared =
                shared(stream, 0, Map.of(0, 3, 1, 2), DuckDbQueryTest::event);
        DuckDbQuery query = over(stream, List.of(shared.get(1)));

        assertThat(query.createView("events"))
                .contains("SELECT * EXCLUDE (\"___object\")")
                .contains("filename = '___object'");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = db.createStatement()) {
            sql.execute(query.createView("events"));
            assertThat(rows(sql, "SELECT _partition, _object, __OBJECT FROM events ORDER BY ALL"))
                    .containsExactly(List.of(1, "event-0", 0L), List.of(1, "event-1", 1L));
        }
    }

    /** A query over the objects, each listed once with its references. */
    @SafeVarargs
    private static DuckDbQuery over(StreamConfig stream, List<CommittedObject>... objects) {
        List<CommittedParquetObject> parquet = new ArrayList<>();
        long records = 0;
        for (List<CommittedObject> references : objects) {
            parquet.add(new CommittedParquetObject(references));
            records += references.stream().mapToLong(r -> r.descriptor().recordCount()).sum();
        }
        CommittedParquet committed = new CommittedParquet(stream, parquet, records, 0);
        return DuckDbQuery.over(committed, committed.locations());
    }

    /** Writes records {@code [from, from + count)} of one partition as an object of its own. */
    private CommittedObject single(
            StreamConfig stream, int partition, long from, int count, IntFunction<byte[]> value)
            throws IOException {
        String key = BucketLayout.newParquetKey(stream.name(), partition, from, 1);
        Path file = file(key);
        ParquetObjectSummary summary;
        try (OutputStream out = Files.newOutputStream(file);
                ParquetObjectWriter writer =
                        ParquetObjectWriter.open(
                                out,
                                key,
                                schema(stream),
                                partition,
                                ParquetObjectOptions.defaults())) {
            for (int i = 0; i < count; i++) {
                writer.write(new LoggedRecord(from + i, WalRecord.of(i, null, value.apply(i))));
            }
            summary = writer.finish();
        }
        return reference(partition, key, summary, file);
    }

    /**
     * Writes a shared object holding offsets {@code [from, from + count)} of each partition;
     * returns each partition's descriptor of it.
     */
    private Map<Integer, CommittedObject> shared(
            StreamConfig stream, long from, Map<Integer, Integer> counts, IntFunction<byte[]> value)
            throws IOException {
        String key = BucketLayout.newSharedParquetKey(stream.name(), System.nanoTime(), 1);
        Path file = file(key);
        Map<Integer, ParquetObjectSummary> summaries;
        try (OutputStream out = Files.newOutputStream(file);
                ParquetObjectWriter writer =
                        ParquetObjectWriter.openShared(
                                out, key, schema(stream), ParquetObjectOptions.defaults())) {
            for (int p : counts.keySet().stream().sorted().toList()) {
                writer.startPartition(p);
                for (int i = 0; i < counts.get(p); i++) {
                    writer.write(new LoggedRecord(from + i, WalRecord.of(i, null, value.apply(i))));
                }
            }
            summaries = writer.finishShared();
        }
        Map<Integer, CommittedObject> references = new LinkedHashMap<>();
        summaries.forEach((p, summary) -> references.put(p, reference(p, key, summary, file)));
        return references;
    }

    private Path file(String key) throws IOException {
        Path file = dir.resolve(key).toAbsolutePath();
        Files.createDirectories(file.getParent());
        return file;
    }

    private static CommittedObject reference(
            int partition, String key, ParquetObjectSummary summary, Path file) {
        try {
            ObjectDescriptor descriptor =
                    ObjectDescriptors.of(
                            ObjectDescriptor.Kind.PARQUET, key, summary, Files.size(file), 1);
            return new CommittedObject(partition, descriptor, file.toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ParquetObjectSchema schema(StreamConfig stream) {
        return stream.valueSchema() == null
                ? ParquetObjectSchema.bytesValued()
                : ParquetObjectSchema.forValueSchema(stream.valueSchema());
    }

    private static byte[] text(int i) {
        return ("text-" + i).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] event(int i) {
        Schema schema = new Schema.Parser().parse(EVENT_SCHEMA);
        GenericRecord r = new GenericData.Record(schema);
        r.put("_object", "event-" + i);
        r.put("__OBJECT", (long) i);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        try {
            new GenericDatumWriter<GenericRecord>(schema).write(r, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    private static List<String> columns(Statement sql, String relation) throws SQLException {
        String from =
                relation.startsWith("/")
                        ? "read_parquet(" + DuckDbQuery.literal(relation) + ")"
                        : DuckDbQuery.identifier(relation);
        List<String> names = new ArrayList<>();
        for (List<Object> row : rows(sql, "DESCRIBE SELECT * FROM " + from)) {
            names.add((String) row.get(0));
        }
        return names;
    }

    private static List<List<Object>> rows(Statement sql, String query) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (ResultSet rs = sql.executeQuery(query)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
