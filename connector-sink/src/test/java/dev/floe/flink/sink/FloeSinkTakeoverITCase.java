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

import dev.floe.flink.sink.testing.FloeTestStores;
import dev.floe.wal.testing.EtcdExtension;
import dev.floe.wal.testing.S3ProxyExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Partitions changing hands: a job stopped with a savepoint and resumed at another parallelism, and
 * a second job taking a stream from a running one.
 */
class FloeSinkTakeoverITCase {

    @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();
    @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(6)
                            .build());

    @TempDir Path dir;

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
    void aJobStoppedWithASavepointResumesAtAnotherParallelismExactlyOnce() throws Exception {
        assertRescaledExactlyOnce("rescale", 4, 3);
    }

    @Test
    void aJobOf64PartitionsStoppedWithASavepointResumesAtParallelism3ExactlyOnce()
            throws Exception {
        assertRescaledExactlyOnce("rescale-64", 64, 3);
    }

    /**
     * Runs a job at parallelism 2 into {@code partitions} partitions, stops it with a savepoint
     * after some commits and resumes it at {@code parallelism}: every record is committed once, and
     * what was committed at the savepoint stays as it was.
     */
    private void assertRescaledExactlyOnce(String stream, int partitions, int parallelism)
            throws Exception {
        int records = 30_000;
        StreamExecutionEnvironment first = environment(2);
        numbers(first, "", records, dir.resolve("wal-a"), stream, partitions);
        JobClient running = first.executeAsync(stream + " at 2");
        awaitCondition("commits before the savepoint", () -> committed(stream) > 2_000);
        String savepoint =
                running.stopWithSavepoint(
                                false,
                                dir.resolve("savepoints").toUri().toString(),
                                SavepointFormatType.CANONICAL)
                        .get(2, TimeUnit.MINUTES);
        long committedAtSavepoint = committed(stream);
        assertThat(committedAtSavepoint).isLessThan(records);
        List<List<String>> atSavepoint = valuesByPartition(stream);

        StreamExecutionEnvironment second = environment(parallelism);
        numbers(second, "", records, dir.resolve("wal-b"), stream, partitions);
        StreamGraph graph = second.getStreamGraph();
        graph.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(savepoint, false));
        second.executeAsync(graph).getJobExecutionResult().get(3, TimeUnit.MINUTES);

        List<List<String>> after = valuesByPartition(stream);
        for (int p = 0; p < partitions; p++) {
            assertThat(after.get(p))
                    .as("partition %d starts with what it held at the savepoint", p)
                    .startsWith(atSavepoint.get(p).toArray(String[]::new));
        }
        List<String> values = after.stream().flatMap(List::stream).toList();
        assertThat(new HashSet<>(values)).hasSize(records);
        assertThat(values).hasSize(records);
    }

    @Test
    void aSecondJobFencesTheFirstWhichFailsWithoutLosingCommittedRecords() throws Exception {
        StreamExecutionEnvironment first = environment(2);
        numbers(first, "a-", Integer.MAX_VALUE, dir.resolve("wal-a"), "shared");
        JobClient a = first.executeAsync("first writer");
        awaitCondition("the first job commits", () -> committed("shared") > 1_000);
        assertThat(floe.bucketObjects())
                .as("objects in the bucket while the job runs")
                .isNotEmpty();
        assertThat(
                        java.util.stream.IntStream.range(0, 4)
                                .mapToObj(p -> floe.objects("shared", p))
                                .flatMap(List::stream))
                .as("manifest entries while the job runs")
                .isNotEmpty();
        Set<String> committedByA = new HashSet<>(allValues("shared"));

        StreamExecutionEnvironment second = environment(2);
        numbers(second, "b-", 5_000, dir.resolve("wal-b"), "shared");
        JobClient b = second.executeAsync("second writer");

        Throwable failure = null;
        try {
            a.getJobExecutionResult().get(2, TimeUnit.MINUTES);
        } catch (Exception e) {
            failure = e;
        }
        assertThat(failure).as("the first job fails").isNotNull();
        assertThat(ExceptionUtils.findThrowable(failure, FloeFencedException.class))
                .as("fenced: %s", ExceptionUtils.stringifyException(failure))
                .isPresent();
        assertThat(a.getJobStatus().get()).isEqualTo(JobStatus.FAILED);
        b.getJobExecutionResult().get(2, TimeUnit.MINUTES);

        List<String> values = allValues("shared");
        assertThat(new HashSet<>(values)).as("no duplicates").hasSize(values.size());
        assertThat(values).containsAll(committedByA);
        assertThat(values.stream().filter(v -> v.startsWith("b-"))).hasSize(5_000);
    }

    private void numbers(
            StreamExecutionEnvironment env, String prefix, long count, Path wal, String stream) {
        numbers(env, prefix, count, wal, stream, 4);
    }

    private void numbers(
            StreamExecutionEnvironment env,
            String prefix,
            long count,
            Path wal,
            String stream,
            int partitions) {
        env.fromSequence(0, count - 1)
                .map(
                        v -> {
                            if (v % 20 == 0) {
                                Thread.sleep(1);
                            }
                            return prefix + v;
                        })
                .sinkTo(
                        floe.connect(FloeSink.<String>builder()).stream(stream)
                                .partitions(partitions)
                                .serializer(FloeRecordSerializers.strings())
                                .walDirectory(wal.toString())
                                .build());
    }

    private StreamExecutionEnvironment environment(int parallelism) {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 5);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        env.enableCheckpointing(200);
        return env;
    }

    private long committed(String stream) {
        if (floe.manifest().stream(stream).isEmpty()) {
            return 0;
        }
        long total = 0;
        for (int p = 0; p < floe.partitions(stream); p++) {
            total += floe.head(stream, p).committedEnd();
        }
        return total;
    }

    private List<String> allValues(String stream) throws Exception {
        return valuesByPartition(stream).stream().flatMap(List::stream).toList();
    }

    private List<List<String>> valuesByPartition(String stream) throws Exception {
        List<List<String>> values = new ArrayList<>();
        for (int p = 0; p < floe.partitions(stream); p++) {
            values.add(floe.committedValues(stream, p));
        }
        return values;
    }

    private static void awaitCondition(String what, BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
