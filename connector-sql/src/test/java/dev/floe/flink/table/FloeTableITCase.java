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
package dev.floe.flink.table;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.flink.connection.FloeAdmins;
import dev.floe.flink.connection.FloeConnectionOptions;
import dev.floe.flink.sink.FloeRouting;
import dev.floe.wal.admin.CommittedObject;
import dev.floe.wal.admin.FloeAdmin;
import dev.floe.wal.admin.LocalLayout;
import dev.floe.wal.manifest.ObjectDescriptor;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.apache.avro.Schema;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.api.config.ExecutionConfigOptions;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Floe tables written with {@code INSERT} and read back with {@code SELECT} in a MiniCluster, on
 * the embedded stores in a temporary directory: metadata columns, the native Avro value format,
 * key-hash partitioning, startup and bounded modes, and the push-downs.
 */
class FloeTableITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(4)
                            .build());

    @TempDir Path dir;
    private StreamTableEnvironment sql;

    @BeforeEach
    void environment() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(100);
        env.setParallelism(2);
        sql = StreamTableEnvironment.create(env);
    }

    @Test
    void rowsAndTheirMetadataComeBackAsWritten() throws Exception {
        create(
                "events",
                "id BIGINT, name STRING, ts TIMESTAMP_LTZ(3) METADATA FROM 'timestamp',"
                        + " headers MAP<STRING, BYTES> METADATA,"
                        + " part INT METADATA FROM 'partition' VIRTUAL,"
                        + " off BIGINT METADATA FROM 'offset' VIRTUAL,"
                        + " k BYTES METADATA FROM 'key' VIRTUAL",
                "'value.format' = 'json', 'partitions' = '2'");
        insert(
                "INSERT INTO events (id, name, ts, headers) VALUES"
                        + " (1, 'a', TO_TIMESTAMP_LTZ(1000, 3), MAP['trace', ENCODE('t1', 'UTF-8')]),"
                        + " (2, 'b', TO_TIMESTAMP_LTZ(2000, 3), MAP['trace', ENCODE('t2', 'UTF-8')]),"
                        + " (3, 'c', TO_TIMESTAMP_LTZ(3000, 3), MAP['trace', ENCODE('t3', 'UTF-8')])");

        List<Row> rows = collect("SELECT id, name, ts, headers, part, off, k FROM events");

        assertThat(rows).hasSize(3);
        Map<Integer, List<Long>> offsetsByPartition = new TreeMap<>();
        for (Row row : rows) {
            long id = (Long) row.getField(0);
            assertThat(row.getField(1)).isEqualTo(String.valueOf((char) ('a' + id - 1)));
            assertThat(row.getField(2)).isEqualTo(Instant.ofEpochMilli(id * 1000));
            @SuppressWarnings("unchecked")
            Map<String, byte[]> headers = (Map<String, byte[]>) row.getField(3);
            assertThat(headers).containsOnlyKeys("trace");
            assertThat(new String(headers.get("trace"), StandardCharsets.UTF_8))
                    .isEqualTo("t" + id);
            offsetsByPartition
                    .computeIfAbsent((Integer) row.getField(4), p -> new ArrayList<>())
                    .add((Long) row.getField(5));
            assertThat(row.getField(6)).isNull();
        }
        offsetsByPartition.forEach(
                (p, offsets) ->
                        assertThat(new TreeSet<>(offsets))
                                .containsExactlyElementsOf(
                                        LongStream.range(0, offsets.size()).boxed().toList()));
    }

    @Test
    void avroValuesBecomeTheStreamsSchemaAndTypedParquetColumns() throws Exception {
        create(
                "orders",
                "id BIGINT NOT NULL, customer STRING, amount DECIMAL(10, 2), placed DATE",
                "'partitions' = '2'");
        insert(
                "INSERT INTO orders VALUES (1, 'ada', 12.50, DATE '2026-01-02'),"
                        + " (2, 'bob', CAST(NULL AS DECIMAL(10, 2)), DATE '2026-01-03'),"
                        + " (3, CAST(NULL AS STRING), 7.00, CAST(NULL AS DATE))");

        assertThat(collect("SELECT * FROM orders"))
                .containsExactlyInAnyOrder(
                        Row.of(1L, "ada", new BigDecimal("12.50"), LocalDate.of(2026, 1, 2)),
                        Row.of(2L, "bob", null, LocalDate.of(2026, 1, 3)),
                        Row.of(3L, null, new BigDecimal("7.00"), null));

        try (FloeAdmin admin = FloeAdmins.open(connection())) {
            Schema schema = new Schema.Parser().parse(admin.stream("orders").valueSchema());
            assertThat(schema.getFields())
                    .extracting(Schema.Field::name)
                    .containsExactly("id", "customer", "amount", "placed");
            assertThat(parquetColumns(admin, "orders"))
                    .contains("id", "customer", "amount", "placed");
        }

        String projected = "SELECT customer FROM orders WHERE customer IS NOT NULL";
        assertThat(sql.explainSql(projected)).contains("project=[customer]");
        assertThat(collect(projected)).containsExactlyInAnyOrder(Row.of("ada"), Row.of("bob"));
        // No value column: Parquet objects read one column, and no value is decoded.
        List<Row> counts = collect("SELECT COUNT(*) FROM orders");
        assertThat(counts.get(counts.size() - 1).getField(0)).isEqualTo(3L);
    }

    @Test
    void keyHashSendsEveryKeyToThePartitionOfItsHash() throws Exception {
        create(
                "clicks",
                "`user` STRING, n INT, part INT METADATA FROM 'partition' VIRTUAL",
                "'key.format' = 'raw', 'key.fields' = 'user', 'value.format' = 'json',"
                        + " 'value.fields-include' = 'EXCEPT_KEY', 'sink.partitioner' ="
                        + " 'key-hash', 'partitions' = '3'");
        List<String> values = new ArrayList<>();
        for (int n = 0; n < 20; n++) {
            values.add("('u" + (n % 5) + "', " + n + ")");
        }
        insert("INSERT INTO clicks VALUES " + String.join(", ", values));

        List<Row> rows = collect("SELECT `user`, n, part FROM clicks");

        assertThat(rows).hasSize(20);
        for (Row row : rows) {
            String user = (String) row.getField(0);
            assertThat(user).isEqualTo("u" + ((Integer) row.getField(1) % 5));
            assertThat(row.getField(2))
                    .isEqualTo(
                            FloeRouting.partitionOfKey(user.getBytes(StandardCharsets.UTF_8), 3));
        }
    }

    @Test
    void startupAndBoundedModesChooseWhatIsRead() throws Exception {
        // One writer, so that offsets follow the order of the rows.
        sql.getConfig().set(ExecutionConfigOptions.TABLE_EXEC_RESOURCE_DEFAULT_PARALLELISM, 1);
        create(
                "log",
                "id BIGINT, ts TIMESTAMP_LTZ(3) METADATA FROM 'timestamp'",
                "'value.format' = 'json', 'partitions' = '1'");
        insertIdsWithTimestamps("log", 5);

        assertThat(ids("SELECT id FROM log")).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(ids("SELECT id FROM log /*+ OPTIONS('scan.startup.mode'='latest-offset') */"))
                .isEmpty();
        assertThat(
                        ids(
                                "SELECT id FROM log /*+ OPTIONS('scan.startup.mode'="
                                        + "'specific-offsets', 'scan.startup.specific-offsets'="
                                        + "'partition:0,offset:3') */"))
                .containsExactly(3L, 4L);
        assertThat(
                        ids(
                                "SELECT id FROM log /*+ OPTIONS('scan.startup.mode'='timestamp',"
                                        + " 'scan.startup.timestamp-millis'='2000') */"))
                .containsExactly(2L, 3L, 4L);
        assertThat(
                        ids(
                                "SELECT id FROM log /*+ OPTIONS('scan.bounded.mode'="
                                        + "'specific-offsets', 'scan.bounded.specific-offsets'="
                                        + "'partition:0,offset:2') */"))
                .containsExactly(0L, 1L);

        // Unbounded: the scan keeps following the stream; take what is there and stop.
        List<Long> followed = new ArrayList<>();
        TableResult following =
                sql.executeSql(
                        "SELECT id FROM log /*+ OPTIONS('scan.bounded.mode'='unbounded') */");
        try (CloseableIterator<Row> it = following.collect()) {
            while (followed.size() < 5) {
                followed.add((Long) it.next().getField(0));
            }
        }
        assertThat(followed).containsExactly(0L, 1L, 2L, 3L, 4L);
        // Closing the iterator cancels the job; it ends before the test's directory goes.
        JobClient job = following.getJobClient().orElseThrow();
        while (!job.getJobStatus().get().isGloballyTerminalState()) {
            Thread.sleep(50);
        }
    }

    @Test
    void filtersOnPartitionOffsetAndTimestampAndLimitsArePushedIntoTheScan() throws Exception {
        create(
                "metrics",
                "id BIGINT, ts TIMESTAMP_LTZ(3) METADATA FROM 'timestamp',"
                        + " part INT METADATA FROM 'partition' VIRTUAL,"
                        + " off BIGINT METADATA FROM 'offset' VIRTUAL",
                "'value.format' = 'json', 'partitions' = '2'");
        insertIdsWithTimestamps("metrics", 20);
        List<Row> all = collect("SELECT id, part, off FROM metrics");
        assertThat(all).hasSize(20);

        String byPosition = "SELECT id FROM metrics WHERE part = 1 AND off >= 2 AND off < 5";
        assertThat(sql.explainSql(byPosition))
                .contains(
                        "filter=[and(=(part, 1), AND(>=(CAST(off AS BIGINT), 2), <(CAST(off AS"
                                + " BIGINT), 5)))]")
                .doesNotContain("Calc(");
        assertThat(ids(byPosition))
                .containsExactlyInAnyOrderElementsOf(
                        all.stream()
                                .filter(
                                        r ->
                                                (Integer) r.getField(1) == 1
                                                        && (Long) r.getField(2) >= 2
                                                        && (Long) r.getField(2) < 5)
                                .map(r -> (Long) r.getField(0))
                                .toList());

        String byTime = "SELECT id FROM metrics WHERE ts >= TO_TIMESTAMP_LTZ(15000, 3)";
        assertThat(sql.explainSql(byTime)).contains("filter=[>=(ts, ").doesNotContain("where=");
        assertThat(ids(byTime)).containsExactlyInAnyOrder(15L, 16L, 17L, 18L, 19L);

        assertThat(ids("SELECT id FROM metrics WHERE part = 7")).isEmpty();

        String limited = "SELECT id FROM metrics LIMIT 3";
        assertThat(sql.explainSql(limited)).contains("limit=[3]");
        assertThat(ids(limited)).hasSize(3);
    }

    @Test
    void watermarksFromTheScanCloseEventTimeWindows() throws Exception {
        create(
                "readings",
                "id BIGINT, ts TIMESTAMP_LTZ(3) METADATA FROM 'timestamp',"
                        + " WATERMARK FOR ts AS ts - INTERVAL '1' SECOND",
                "'value.format' = 'json', 'partitions' = '2'");
        insertIdsWithTimestamps("readings", 10);

        String windows =
                "SELECT window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE readings, DESCRIPTOR(ts),"
                        + " INTERVAL '4' SECOND)) GROUP BY window_start, window_end";
        assertThat(sql.explainSql(windows)).contains("watermark=[");
        Map<Instant, Long> counts = new HashMap<>();
        for (Row row : collect(windows)) {
            counts.put(
                    java.time.LocalDateTime.class.isInstance(row.getField(0))
                            ? ((java.time.LocalDateTime) row.getField(0))
                                    .toInstant(java.time.ZoneOffset.UTC)
                            : (Instant) row.getField(0),
                    (Long) row.getField(1));
        }
        assertThat(counts)
                .containsOnly(
                        Map.entry(Instant.ofEpochMilli(0), 4L),
                        Map.entry(Instant.ofEpochMilli(4000), 4L),
                        Map.entry(Instant.ofEpochMilli(8000), 2L));
    }

    /**
     * Writes ids 0 to count - 1, in this order when one task writes them, each with a timestamp of
     * id seconds. They come from a datagen sequence, since a {@code VALUES} list plans as a union
     * whose rows may come in any order.
     */
    private void insertIdsWithTimestamps(String table, int count) throws Exception {
        sql.executeSql(
                "CREATE TEMPORARY TABLE "
                        + table
                        + "_ids (id BIGINT) WITH ('connector' = 'datagen', 'fields.id.kind' ="
                        + " 'sequence', 'fields.id.start' = '0', 'fields.id.end' = '"
                        + (count - 1)
                        + "')");
        insert(
                "INSERT INTO "
                        + table
                        + " (id, ts) SELECT id, TO_TIMESTAMP_LTZ(id * 1000, 3) FROM "
                        + table
                        + "_ids");
    }

    private void create(String table, String columns, String options) {
        sql.executeSql(
                "CREATE TABLE "
                        + table
                        + " ("
                        + columns
                        + ") WITH ('connector' = 'floe', 'local-path' = '"
                        + dir.resolve("floe")
                        + "', 'floe.sink.wal.directory' = '"
                        + dir.resolve("wal")
                        + "', 'scan.bounded.mode' = 'latest-offset', "
                        + options
                        + ")");
    }

    private Configuration connection() {
        Configuration options = new Configuration();
        options.set(FloeConnectionOptions.LOCAL_PATH, dir.resolve("floe").toString());
        return options;
    }

    private void insert(String statement) throws Exception {
        sql.executeSql(statement).await();
    }

    private List<Row> collect(String query) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = sql.executeSql(query).collect()) {
            it.forEachRemaining(rows::add);
        }
        return rows;
    }

    private List<Long> ids(String query) throws Exception {
        return collect(query).stream().map(r -> (Long) r.getField(0)).toList();
    }

    /** The column names of the stream's first Parquet object. */
    private List<String> parquetColumns(FloeAdmin admin, String stream) throws Exception {
        for (CommittedObject o : admin.committedObjects(stream)) {
            if (o.descriptor().kind() == ObjectDescriptor.Kind.PARQUET) {
                Path file = LocalLayout.objects(dir.resolve("floe")).resolve(o.descriptor().key());
                try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
                    return reader.getFooter().getFileMetaData().getSchema().getFields().stream()
                            .map(Type::getName)
                            .toList();
                }
            }
        }
        throw new AssertionError("stream " + stream + " has no Parquet object");
    }
}
