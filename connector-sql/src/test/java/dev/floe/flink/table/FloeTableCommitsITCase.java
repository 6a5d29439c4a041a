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
import dev.floe.flink.sink.testing.InjectedFailures;
import dev.floe.wal.admin.FloeAdmin;
import dev.floe.wal.admin.PartitionInfo;
import dev.floe.wal.testing.EtcdExtension;
import dev.floe.wal.testing.S3ProxyExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code INSERT} jobs commit, on a real etcd and S3 server: every row exactly once across
 * failures, and bounded scans during a running insert that see only committed rows.
 */
class FloeTableCommitsITCase {

    @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();
    @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();

    /** Whole-job restarts, for the reason FloeSinkITCase gives. */
    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setConfiguration(
                                    new Configuration()
                                            .set(
                                                    JobManagerOptions.EXECUTION_FAILOVER_STRATEGY,
                                                    "full"))
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(4)
                            .build());

    private static final int FAILURE_ROWS = 40_000;
    private static final int LIVE_ROWS = 20_000;
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    /** While set, the live insert passes about 500 rows a second per subtask. */
    private static final AtomicBoolean THROTTLED = new AtomicBoolean();

    private static RealStores stores;

    @TempDir Path wal;

    @BeforeAll
    static void stores() {
        stores = new RealStores(ETCD, S3, "sql-commits");
    }

    @Test
    void anInsertFailingAtRandomPointsWritesEveryRowOnce() throws Exception {
        InjectedFailures failures = InjectedFailures.random(3, FAILURE_ROWS);
        StreamExecutionEnvironment env = environment(100);
        StreamTableEnvironment sql = StreamTableEnvironment.create(env);
        sql.createTemporaryView(
                "numbers", env.fromSequence(0, FAILURE_ROWS - 1).map(failures.mapper(null)));
        create(sql, "once");

        TableResult insert =
                sql.executeSql("INSERT INTO once SELECT CAST(f0 AS BIGINT) FROM numbers");
        try {
            insert.await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        } finally {
            cancelIfRunning(insert);
        }

        assertThat(failures.injected()).as(failures.toString()).isEqualTo(3);
        Map<Integer, List<Row>> rows = readByPartition(sql, "once");
        assertOffsetsFromZero(rows);
        assertThat(sortedIds(rows))
                .as("ids read back, %s", failures)
                .containsExactlyElementsOf(LongStream.range(0, FAILURE_ROWS).boxed().toList());
    }

    @Test
    void boundedScansDuringAnInsertReadCommittedPrefixesThatGrow() throws Exception {
        THROTTLED.set(true);
        StreamExecutionEnvironment env = environment(200);
        StreamTableEnvironment sql = StreamTableEnvironment.create(env);
        sql.createTemporaryView("numbers", env.fromSequence(0, LIVE_ROWS - 1).map(new Throttle()));
        create(sql, "live");

        TableResult insert = sql.executeSql("INSERT INTO live SELECT f0 FROM numbers");
        JobClient job = insert.getJobClient().orElseThrow();
        try (FloeAdmin admin = FloeAdmins.open(stores.connection())) {
            awaitCommitted(admin, "live", 1);
            Map<Integer, List<Row>> first = readCommitted(sql, admin, "live");
            awaitCommitted(admin, "live", count(first) + 1);
            Map<Integer, List<Row>> second = readCommitted(sql, admin, "live");
            assertThat(job.getJobStatus().get())
                    .as("the insert, after two scans")
                    .isEqualTo(JobStatus.RUNNING);
            assertThat(count(first)).isLessThan(LIVE_ROWS);
            assertThat(count(second)).isGreaterThan(count(first)).isLessThan(LIVE_ROWS);

            THROTTLED.set(false);
            insert.await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            Map<Integer, List<Row>> all = readCommitted(sql, admin, "live");
            assertThat(sortedIds(all))
                    .containsExactlyElementsOf(LongStream.range(0, LIVE_ROWS).boxed().toList());
            assertPrefix(first, second);
            assertPrefix(second, all);
        } finally {
            THROTTLED.set(false);
            cancelIfRunning(insert);
        }
    }

    /**
     * Reads the table once and checks that each partition holds offsets 0 to n - 1, with n at least
     * the committed end before the scan and at most the committed end after it, and that no id is
     * read twice.
     */
    private static Map<Integer, List<Row>> readCommitted(
            StreamTableEnvironment sql, FloeAdmin admin, String table) throws Exception {
        Map<Integer, Long> before = committedEnds(admin, table);
        Map<Integer, List<Row>> rows = readByPartition(sql, table);
        Map<Integer, Long> after = committedEnds(admin, table);
        assertOffsetsFromZero(rows);
        for (Map.Entry<Integer, Long> end : after.entrySet()) {
            long read = rows.getOrDefault(end.getKey(), List.of()).size();
            assertThat(read)
                    .as("rows read from partition %d", end.getKey())
                    .isBetween(before.getOrDefault(end.getKey(), 0L), end.getValue());
        }
        assertThat(rows.keySet()).isSubsetOf(after.keySet());
        List<Long> ids = sortedIds(rows);
        assertThat(new HashSet<>(ids)).as("distinct ids").hasSize(ids.size());
        return rows;
    }

    /** Reads {@code table} (bounded at the latest offsets), grouping its rows by partition. */
    private static Map<Integer, List<Row>> readByPartition(StreamTableEnvironment sql, String table)
            throws Exception {
        Map<Integer, List<Row>> rows = new TreeMap<>();
        try (CloseableIterator<Row> it =
                sql.executeSql("SELECT id, part, off FROM " + table).collect()) {
            it.forEachRemaining(
                    r ->
                            rows.computeIfAbsent((Integer) r.getField(1), p -> new ArrayList<>())
                                    .add(r));
        }
        rows.values().forEach(list -> list.sort(Comparator.comparing(r -> (Long) r.getField(2))));
        return rows;
    }

    /** Each partition's rows, in offset order, have offsets 0, 1, 2 and so on. */
    private static void assertOffsetsFromZero(Map<Integer, List<Row>> rows) {
        rows.forEach(
                (partition, list) ->
                        assertThat(list)
                                .as("offsets of partition %d", partition)
                                .extracting(r -> (Long) r.getField(2))
                                .containsExactlyElementsOf(
                                        LongStream.range(0, list.size()).boxed().toList()));
    }

    /**
     * Each partition of {@code earlier} holds the first rows of the same partition of {@code
     * later}.
     */
    private static void assertPrefix(
            Map<Integer, List<Row>> earlier, Map<Integer, List<Row>> later) {
        earlier.forEach(
                (partition, list) ->
                        assertThat(later.get(partition).subList(0, list.size()))
                                .as("partition %d read earlier", partition)
                                .containsExactlyElementsOf(list));
    }

    private static void awaitCommitted(FloeAdmin admin, String stream, long rows)
            throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (committedEnds(admin, stream).values().stream().mapToLong(Long::longValue).sum()
                < rows) {
            assertThat(System.nanoTime())
                    .as("%d rows of %s committed in time", rows, stream)
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** The committed end of each partition, none before the stream exists. */
    private static Map<Integer, Long> committedEnds(FloeAdmin admin, String stream) {
        Map<Integer, Long> ends = new TreeMap<>();
        if (admin.findStream(stream).isPresent()) {
            for (PartitionInfo p : admin.partitions(stream)) {
                ends.put(p.partition(), p.committedEnd());
            }
        }
        return ends;
    }

    private static long count(Map<Integer, List<Row>> rows) {
        return rows.values().stream().mapToLong(List::size).sum();
    }

    private static List<Long> sortedIds(Map<Integer, List<Row>> rows) {
        return rows.values().stream()
                .flatMap(List::stream)
                .map(r -> (Long) r.getField(0))
                .sorted()
                .toList();
    }

    private void create(StreamTableEnvironment sql, String table) {
        sql.executeSql(
                "CREATE TABLE "
                        + table
                        + " (id BIGINT, part INT METADATA FROM 'partition' VIRTUAL,"
                        + " off BIGINT METADATA FROM 'offset' VIRTUAL) WITH ('connector' = 'floe',"
                        + " 'partitions' = '2', 'scan.bounded.mode' = 'latest-offset', "
                        + stores.tableOptions(wal)
                        + ")");
    }

    private static void cancelIfRunning(TableResult result) throws Exception {
        JobClient job = result.getJobClient().orElseThrow();
        if (!job.getJobStatus().get().isGloballyTerminalState()) {
            job.cancel().get();
        }
    }

    private static StreamExecutionEnvironment environment(long checkpointMillis) {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 10);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(50));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.enableCheckpointing(checkpointMillis);
        return env;
    }

    /** Passes numbers through, slowly while {@link #THROTTLED} is set. */
    private static final class Throttle implements MapFunction<Long, Long> {
        @Override
        public Long map(Long value) throws InterruptedException {
            if (THROTTLED.get()) {
                Thread.sleep(2);
            }
            return value;
        }
    }
}
