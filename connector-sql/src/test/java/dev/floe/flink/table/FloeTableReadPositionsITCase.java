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

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.api.config.ExecutionConfigOptions;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a Floe table's scan starts and what it may see, in a MiniCluster on the embedded stores:
 * {@code group-offsets} resumes where the named consumer's last job stopped, and {@code
 * read-uncommitted} sees rows that no checkpoint has committed yet, which {@code read-committed}
 * does not.
 */
class FloeTableReadPositionsITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(4)
                            .build());

    @TempDir Path dir;

    @Test
    void groupOffsetsResumeWhereTheConsumersLastJobStopped() throws Exception {
        StreamTableEnvironment sql = environment(Duration.ofMillis(100));
        create(sql, "orders", "'partitions' = '2'");
        insertIds(sql, "orders", 0, 5);
        String asReports =
                "SELECT id FROM orders /*+ OPTIONS('scan.startup.mode'='group-offsets',"
                        + " 'scan.consumer-id'='reports') */";

        assertThat(ids(sql, asReports)).containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L);
        insertIds(sql, "orders", 5, 8);

        assertThat(ids(sql, asReports))
                .as("the second job starts at the positions the first one stored")
                .containsExactlyInAnyOrder(5L, 6L, 7L);
        assertThat(ids(sql, "SELECT id FROM orders"))
                .as("other readers start from the earliest offset")
                .hasSize(8);
    }

    @Test
    @Timeout(120) // a scan that saw only committed rows would wait for the hourly checkpoint
    void readUncommittedSeesRowsNoCheckpointCommittedYet() throws Exception {
        // The writing job checkpoints once an hour, so none of its rows is committed meanwhile.
        StreamTableEnvironment writing = environment(Duration.ofHours(1));
        create(writing, "events", "'partitions' = '1'");
        writing.executeSql(
                "CREATE TEMPORARY TABLE ticks (id BIGINT) WITH ('connector' = 'datagen',"
                        + " 'rows-per-second' = '50', 'fields.id.kind' = 'sequence',"
                        + " 'fields.id.start' = '0', 'fields.id.end' = '1000000')");
        JobClient insert =
                writing.executeSql("INSERT INTO events SELECT id FROM ticks")
                        .getJobClient()
                        .orElseThrow();
        try {
            StreamTableEnvironment reading = environment(Duration.ofMillis(100));
            create(reading, "events", "'partitions' = '1'");
            List<Long> seen = new ArrayList<>();
            TableResult uncommitted =
                    reading.executeSql(
                            "SELECT id FROM events /*+ OPTIONS('scan.isolation'="
                                    + "'read-uncommitted', 'scan.bounded.mode'='unbounded') */");
            try (CloseableIterator<Row> it = uncommitted.collect()) {
                while (seen.size() < 20) {
                    seen.add((Long) it.next().getField(0));
                }
            }
            awaitEnd(uncommitted.getJobClient().orElseThrow());
            assertThat(seen).containsExactlyElementsOf(LongStream.range(0, 20).boxed().toList());

            assertThat(ids(reading, "SELECT id FROM events"))
                    .as("read-committed sees none of the uncommitted rows")
                    .isEmpty();
        } finally {
            insert.cancel().get();
            awaitEnd(insert);
        }
    }

    /** Waits until the job has ended, so nothing writes into the test's directory after it. */
    private static void awaitEnd(JobClient job) throws Exception {
        while (!job.getJobStatus().get().isGloballyTerminalState()) {
            Thread.sleep(50);
        }
    }

    private StreamTableEnvironment environment(Duration checkpointInterval) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(checkpointInterval.toMillis());
        env.setParallelism(1);
        StreamTableEnvironment sql = StreamTableEnvironment.create(env);
        sql.getConfig().set(ExecutionConfigOptions.TABLE_EXEC_RESOURCE_DEFAULT_PARALLELISM, 1);
        return sql;
    }

    private void create(StreamTableEnvironment sql, String table, String options) {
        sql.executeSql(
                "CREATE TABLE "
                        + table
                        + " (id BIGINT) WITH ('connector' = 'floe', 'value.format' = 'json',"
                        + " 'local-path' = '"
                        + dir.resolve("floe")
                        + "', 'floe.sink.wal.directory' = '"
                        + dir.resolve("wal")
                        + "', 'scan.bounded.mode' = 'latest-offset', "
                        + options
                        + ")");
    }

    private static void insertIds(StreamTableEnvironment sql, String table, long from, long to)
            throws Exception {
        sql.executeSql(
                        "INSERT INTO "
                                + table
                                + " VALUES "
                                + LongStream.range(from, to)
                                        .mapToObj(i -> "(" + i + ")")
                                        .collect(Collectors.joining(", ")))
                .await();
    }

    private static List<Long> ids(StreamTableEnvironment sql, String query) throws Exception {
        List<Long> ids = new ArrayList<>();
        try (CloseableIterator<Row> it = sql.executeSql(query).collect()) {
            it.forEachRemaining(r -> ids.add((Long) r.getField(0)));
        }
        return ids;
    }
}
