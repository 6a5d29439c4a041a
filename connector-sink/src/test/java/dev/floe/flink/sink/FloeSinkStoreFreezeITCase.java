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
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The S3 server freezes for 60 s while a job writes as fast as it can: appends slow down and then
 * block within the WAL's backlog limit, the sink's backpressure metric grows by the outage, and
 * when the server is back the job goes on to commit every record exactly once.
 */
class FloeSinkStoreFreezeITCase {

    @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();
    @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();

    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setConfiguration(REPORTER.addToConfiguration(new Configuration()))
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final int RECORDS = 1_500_000;
    private static final Duration FREEZE = Duration.ofSeconds(60);
    private static final MemorySize BACKLOG_LIMIT = MemorySize.parse("512kb");

    /** Slack on the backlog limit: the append that crosses it, and gauge reads between appends. */
    private static final long BACKLOG_SLACK = 64 * 1024;

    @TempDir Path wal;

    @Test
    void appendsBlockWithinTheBacklogLimitAndTheJobRecoversWithEveryRecordOnce() throws Exception {
        try (FloeTestStores floe = new FloeTestStores(ETCD, S3)) {
            JobClient job = start(floe);
            awaitCommitted(floe, 100_000);
            Map<String, Long> backpressureBefore = gauges(job, ".floe.backpressureMillis");

            long maxBacklog = 0;
            long sentAfterFirstHalf = -1;
            long frozenAt = System.nanoTime();
            S3.pause();
            try {
                while (System.nanoTime() - frozenAt < FREEZE.toNanos()) {
                    maxBacklog = Math.max(maxBacklog, max(gauges(job, ".floe.uploadLagBytes")));
                    if (sentAfterFirstHalf < 0
                            && System.nanoTime() - frozenAt > FREEZE.toNanos() / 2) {
                        sentAfterFirstHalf = sum(gauges(job, ".numRecordsSend"));
                    }
                    Thread.sleep(200);
                }
            } finally {
                S3.resume();
            }
            long sentAtTheEnd = sum(gauges(job, ".numRecordsSend"));
            Map<String, Long> backpressureAfter = gauges(job, ".floe.backpressureMillis");

            job.getJobExecutionResult().get(3, TimeUnit.MINUTES);
            assertThat(gauges(job, ".numRestarts").values())
                    .as("the job rode out the outage without a restart")
                    .isNotEmpty()
                    .containsOnly(0L);

            assertThat(maxBacklog)
                    .isPositive()
                    .isLessThanOrEqualTo(BACKLOG_LIMIT.getBytes() + BACKLOG_SLACK);
            assertThat(sentAtTheEnd)
                    .as("appends are blocked in the second half of the outage")
                    .isEqualTo(sentAfterFirstHalf)
                    .isLessThan(RECORDS);
            assertThat(backpressureAfter).hasSize(2);
            backpressureAfter.forEach(
                    (subtask, millis) ->
                            assertThat(millis - backpressureBefore.get(subtask))
                                    .as("backpressure of %s during the outage", subtask)
                                    .isGreaterThan(FREEZE.toMillis() * 3 / 4));
            assertExactlyOnce(floe);
        }
    }

    private JobClient start(FloeTestStores floe) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(2_000);
        env.fromSequence(0, RECORDS - 1)
                .map(new Paced())
                .sinkTo(
                        floe.connect(FloeSink.<String>builder()).stream("frozen")
                                .partitions(2)
                                .serializer(FloeRecordSerializers.strings())
                                .walDirectory(wal.toString())
                                .set(FloeSinkOptions.WAL_BACKLOG_LIMIT, BACKLOG_LIMIT)
                                .build());
        return env.executeAsync("frozen");
    }

    /**
     * Each record as text, at most about 100,000 a second per subtask, so that the job is still
     * writing when the store freezes however fast the sink is.
     */
    private static final class Paced implements MapFunction<Long, String> {
        private long mapped;

        @Override
        public String map(Long value) throws InterruptedException {
            if (++mapped % 100 == 0) {
                Thread.sleep(1);
            }
            return String.valueOf(value);
        }
    }

    /** The values of the job's gauges whose identifiers end with {@code suffix}, by identifier. */
    private static Map<String, Long> gauges(JobClient job, String suffix) {
        Map<String, Long> values = new TreeMap<>();
        for (Map.Entry<String, Metric> e :
                REPORTER.getMetricsByIdentifiers(job.getJobID()).entrySet()) {
            if (e.getKey().endsWith(suffix)) {
                values.put(e.getKey(), value(e.getValue()));
            }
        }
        return values;
    }

    private static long value(Metric metric) {
        if (metric instanceof Gauge<?> g) {
            return ((Number) g.getValue()).longValue();
        }
        return ((Counter) metric).getCount();
    }

    private static long sum(Map<String, Long> values) {
        return values.values().stream().mapToLong(Long::longValue).sum();
    }

    private static long max(Map<String, Long> values) {
        return values.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    private static void awaitCommitted(FloeTestStores floe, long records)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (floe.manifest().stream("frozen").isEmpty()
                || floe.head("frozen", 0).committedEnd() + floe.head("frozen", 1).committedEnd()
                        < records) {
            assertThat(System.nanoTime()).as("time to %d commits", records).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static void assertExactlyOnce(FloeTestStores floe) throws Exception {
        List<String> values = new ArrayList<>(floe.committedValues("frozen", 0));
        values.addAll(floe.committedValues("frozen", 1));
        assertThat(values).hasSize(RECORDS);
        assertThat(new HashSet<>(values)).hasSize(RECORDS);
    }
}
