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
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The sink's metrics, as a metric reporter sees them after a bounded job. */
class FloeSinkMetricsITCase {

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

    @TempDir Path wal;

    @Test
    void reportsRecordsObjectsCommitsAndLag() throws Exception {
        JobID job;
        long partitionsWithRecords = 0;
        try (FloeTestStores floe = new FloeTestStores(ETCD, S3)) {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(2);
            env.enableCheckpointing(100);
            env.fromSequence(0, 9_999)
                    .map(String::valueOf)
                    .sinkTo(
                            floe.connect(FloeSink.<String>builder()).stream("metrics")
                                    .partitions(2)
                                    .serializer(FloeRecordSerializers.strings())
                                    .walDirectory(wal.toString())
                                    .build());
            job = env.execute("metrics").getJobID();
            for (int p = 0; p < 2; p++) {
                partitionsWithRecords += floe.head("metrics", p).committedEnd() > 0 ? 1 : 0;
            }
        }
        Map<String, Metric> metrics = REPORTER.getMetricsByIdentifiers(job);

        assertThat(sumCounters(metrics, ".numRecordsSend")).isEqualTo(10_000);
        assertThat(sumCounters(metrics, ".numBytesSend")).isGreaterThan(10_000 * 18);
        assertThat(metrics.keySet()).anyMatch(k -> k.endsWith(".numRecordsSendErrors"));
        assertThat(sumCounters(metrics, ".numRecordsSendErrors")).isZero();
        assertThat(metrics.keySet()).anyMatch(k -> k.endsWith(".currentSendTime"));
        assertThat(sumCounters(metrics, ".floe.objectsStaged")).isPositive();
        assertThat(sumCounters(metrics, ".floe.bytesStaged")).isPositive();
        assertThat(sumGauges(metrics, ".floe.objectsTiered")).isEqualTo(partitionsWithRecords);
        assertThat(sumGauges(metrics, ".floe.uploadLagRecords")).isZero();
        assertThat(sumGauges(metrics, ".floe.tieringLagRecords")).isZero();
        // Under the default floe.sink.wal.sync NONE, not even a close fsyncs.
        assertThat(metrics.keySet()).anyMatch(k -> k.endsWith(".floe.walFsyncs"));
        assertThat(sumGauges(metrics, ".floe.walFsyncs")).isZero();
        assertThat(sumGauges(metrics, ".floe.stagingFailures")).isZero();
        assertThat(sumGauges(metrics, ".floe.tieringFailures")).isZero();
        assertThat(histogramCount(metrics, ".floe.commitLatencyMs")).isPositive();
        assertThat(histogramCount(metrics, ".floe.walAppendLatencyMicros")).isPositive();
        assertThat(metrics.keySet()).anyMatch(k -> k.endsWith(".floe.uploadLagSeconds"));
    }

    private static long sumCounters(Map<String, Metric> metrics, String suffix) {
        return metrics.entrySet().stream()
                .filter(e -> e.getKey().endsWith(suffix) && e.getValue() instanceof Counter)
                .mapToLong(e -> ((Counter) e.getValue()).getCount())
                .sum();
    }

    private static long sumGauges(Map<String, Metric> metrics, String suffix) {
        return metrics.entrySet().stream()
                .filter(e -> e.getKey().endsWith(suffix) && e.getValue() instanceof Gauge)
                .mapToLong(e -> ((Number) ((Gauge<?>) e.getValue()).getValue()).longValue())
                .sum();
    }

    private static long histogramCount(Map<String, Metric> metrics, String suffix) {
        return metrics.entrySet().stream()
                .filter(e -> e.getKey().endsWith(suffix) && e.getValue() instanceof Histogram)
                .mapToLong(e -> ((Histogram) e.getValue()).getCount())
                .sum();
    }
}
