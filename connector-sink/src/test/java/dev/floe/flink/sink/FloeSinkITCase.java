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
package dev.floe.flink.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.flink.sink.testing.FloeTestStores;
import dev.floe.flink.sink.testing.InjectedFailures;
import dev.floe.wal.admin.FloeAdmin;
import dev.floe.wal.admin.VerifyLevel;
import dev.floe.wal.iceberg.IcebergTableInfo;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.testing.EtcdExtension;
import dev.floe.wal.testing.S3ProxyExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** FloeSink in a Flink MiniCluster against a real etcd and S3 server. */
class FloeSinkITCase {

    private static final int FAILURE_RECORDS = 60_000;

    @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();
    @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();

    /**
     * Whole-job restarts: a regional restart of one subtask as a checkpoint is aborted can leave
     * the sequence source's coordinator stuck ("Trying to open gateway for unseen checkpoint"),
     * which stalls the job in Flink, not in the sink. Regional restarts run in the catch-up source
     * test.
     */
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

    @TempDir Path wal;

    private FloeTestStores floe;

    @BeforeEach
    void open() throws Exception {
        floe = new FloeTestStores(ETCD, S3);
    }

    @AfterEach
    void close() throws Exception {
        floe.close();
    }

    @Test
    void aBoundedJobEndsWithEverythingCommittedAndTiered() throws Exception {
        int records = 20_000;
        StreamExecutionEnvironment env = environment(2, 100);
        env.fromSequence(0, records - 1)
                .map(String::valueOf)
                .sinkTo(
                        floe.connect(FloeSink.<String>builder()).stream("bounded")
                                .partitions(4)
                                .serializer(FloeRecordSerializers.strings())
                                .walDirectory(wal.toString())
                                .build());
        env.execute("bounded");

        assertExactlyOnceInOrder("bounded", records);
        assertEverythingInParquet("bounded");
    }

    /**
     * A bounded job ends tiered. A source subtask may read every split before the other starts,
     * leaving its partitions empty; every partition that holds records holds them as Parquet. The
     * stream's Iceberg table holds exactly those Parquet objects, each once.
     */
    private void assertEverythingInParquet(String stream) throws Exception {
        for (int p = 0; p < floe.partitions(stream); p++) {
            List<ObjectDescriptor> objects = floe.objects(stream, p);
            assertThat(objects)
                    .as("objects of %s/%d", stream, p)
                    .allMatch(o -> o.kind() == ObjectDescriptor.Kind.PARQUET);
            assertThat(objects.isEmpty()).isEqualTo(floe.head(stream, p).committedEnd() == 0);
        }
        FloeAdmin admin = FloeAdmin.over(floe.stores(), floe.manifest());
        assertThat(admin.verify(List.of(stream), VerifyLevel.SHALLOW).tableProblems()).isEmpty();
        IcebergTableInfo table = admin.icebergTable(stream).orElseThrow();
        assertThat(table.dataFiles()).isEqualTo(admin.committedParquet(stream).objects().size());
    }

    @Test
    void recordsAreCommittedExactlyOnceAcrossRandomFailures() throws Exception {
        for (int run = 0; run < 3; run++) {
            assertExactlyOnceAcrossRandomFailures("failures-" + run, 4, 3, false);
        }
    }

    @Test
    void recordsAreCommittedExactlyOnceAcrossRandomFailuresWith128Partitions() throws Exception {
        assertExactlyOnceAcrossRandomFailures("failures-128", 128, 3, false);
    }

    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {4, 128})
    void recordsAreCommittedExactlyOnceWhenTheWalDirectoryIsLost(int partitions) throws Exception {
        // Restored on an empty WAL mid-object: the range below the restored writer's start is
        // tiered from segment objects, the rest from the new WAL.
        assertExactlyOnceAcrossRandomFailures("lost-disk-" + partitions, partitions, 2, true);
    }

    /**
     * Runs a job of {@value #FAILURE_RECORDS} records into {@code partitions} partitions that fails
     * {@code failures} times at random, optionally losing its WAL directory each time, and checks
     * that every record is committed once, in order, and tiered.
     */
    private void assertExactlyOnceAcrossRandomFailures(
            String stream, int partitions, int failures, boolean loseWal) throws Exception {
        InjectedFailures plan = InjectedFailures.random(failures, FAILURE_RECORDS);
        runWithFailures(stream, partitions, plan, loseWal);
        assertThat(floe.partitions(stream)).isEqualTo(partitions);
        assertExactlyOnceInOrder(stream, FAILURE_RECORDS);
        assertEverythingInParquet(stream);
        assertThat(plan.injected()).as(plan.toString()).isEqualTo(failures);
    }

    @Test
    void aNullElementFailsTheJobNamingItsPosition() {
        Configuration noRestarts = new Configuration();
        noRestarts.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(noRestarts);
        env.setParallelism(1);
        env.fromSequence(0, 999)
                .map(v -> v == 500 ? null : String.valueOf(v))
                .sinkTo(
                        floe.connect(FloeSink.<String>builder()).stream("nulls")
                                .serializer(FloeRecordSerializers.strings())
                                .walDirectory(wal.toString())
                                .build());
        assertThatThrownBy(() -> env.execute("nulls"))
                .satisfies(
                        e ->
                                assertThat(
                                                ExceptionUtils.findThrowable(
                                                        e, FloeRecordException.class))
                                        .hasValueSatisfying(
                                                r ->
                                                        assertThat(r)
                                                                .hasMessageContaining(
                                                                        "element 501 is a null"
                                                                                + " element")
                                                                .hasMessageContaining("nulls")));
    }

    @Test
    void skippedElementsAreCountedAndTheOthersWritten() throws Exception {
        StreamExecutionEnvironment env = environment(2, 100);
        env.fromSequence(0, 9_999)
                .map(v -> v % 1000 == 0 ? null : String.valueOf(v))
                .sinkTo(
                        floe.connect(FloeSink.<String>builder()).stream("skips")
                                .partitions(2)
                                .serializer(FloeRecordSerializers.strings())
                                .invalidRecords(InvalidRecordPolicy.SKIP)
                                .walDirectory(wal.toString())
                                .build());
        env.execute("skips");
        long committed =
                floe.head("skips", 0).committedEnd() + floe.head("skips", 1).committedEnd();
        assertThat(committed).isEqualTo(10_000 - 10);
    }

    @Test
    void keyHashPartitioningRoutesEveryKeyToOnePartition() throws Exception {
        StreamExecutionEnvironment env = environment(2, 100);
        env.fromSequence(0, 9_999)
                .map(String::valueOf)
                .sinkTo(
                        floe.connect(FloeSink.<String>builder()).stream("keyed")
                                .partitions(3)
                                .serializer(
                                        FloeRecordSerializers.of(
                                                new SimpleStringSchema(),
                                                v ->
                                                        v.substring(v.length() - 1)
                                                                .getBytes(StandardCharsets.UTF_8)))
                                .routing(FloeRouting.byKeyHash())
                                .deliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                                .walDirectory(wal.toString())
                                .build());
        env.execute("keyed");
        Map<String, Integer> partitionOfKey = new HashMap<>();
        int total = 0;
        for (int p = 0; p < 3; p++) {
            for (var r : floe.committed("keyed", p)) {
                String key = new String(r.key(), StandardCharsets.UTF_8);
                Integer before = partitionOfKey.put(key, p);
                assertThat(before).as("partition of key %s", key).isIn(null, p);
                total++;
            }
        }
        assertThat(partitionOfKey).hasSize(10);
        assertThat(total).isEqualTo(10_000);
    }

    private void runWithFailures(
            String stream, int partitions, InjectedFailures failures, boolean loseWal)
            throws Exception {
        StreamExecutionEnvironment env = environment(2, 100);
        env.fromSequence(0, FAILURE_RECORDS - 1)
                .map(failures.mapper(loseWal ? wal : null))
                .sinkTo(
                        floe.connect(FloeSink.<String>builder()).stream(stream)
                                .partitions(partitions)
                                .serializer(FloeRecordSerializers.strings())
                                .walDirectory(wal.toString())
                                .tiering(MemorySize.parse("256kb"), Duration.ofSeconds(1))
                                .set(FloeSinkOptions.TIER_INTERVAL, Duration.ofMillis(200))
                                .build());
        env.execute(stream);
    }

    private StreamExecutionEnvironment environment(int parallelism, long checkpointMillis) {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 10);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(50));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        env.enableCheckpointing(checkpointMillis);
        return env;
    }

    /**
     * Every number below {@code records} is committed exactly once, and each partition holds the
     * numbers of one source split, so they increase.
     */
    private void assertExactlyOnceInOrder(String stream, int records) throws Exception {
        Set<Long> seen = new HashSet<>();
        List<Long> duplicates = new ArrayList<>();
        for (int p = 0; p < floe.partitions(stream); p++) {
            long last = -1;
            for (String value : floe.committedValues(stream, p)) {
                long v = Long.parseLong(value);
                assertThat(v).as("partition %d: %d after %d", p, v, last).isGreaterThan(last);
                last = v;
                if (!seen.add(v)) {
                    duplicates.add(v);
                }
            }
        }
        assertThat(duplicates).as("duplicates").isEmpty();
        assertThat(seen).hasSize(records);
    }
}
