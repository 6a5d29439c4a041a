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
package dev.floe.flink.source.bench;

import dev.floe.flink.connection.FloeConnection;
import dev.floe.flink.connection.FloeConnectionOptions;
import dev.floe.flink.sink.FloeRecordSerializers;
import dev.floe.flink.sink.FloeSink;
import dev.floe.flink.source.FloeDeserializers;
import dev.floe.flink.source.FloeSource;
import dev.floe.flink.source.FloeSourceOptions;
import dev.floe.flink.source.FloeSourceOptions.Isolation;
import dev.floe.wal.bench.BenchReport;
import dev.floe.wal.testing.EtcdServer;
import dev.floe.wal.testing.S3ProxyServer;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.util.TestStreamEnvironment;

/**
 * Benchmark {@code tail-latency}: on a Flink MiniCluster, a writer job (FloeSink, checkpoints every
 * second) stamps each record with the time just before the sink, and a reader job (FloeSource from
 * latest) measures how long after that it emits the record: read-uncommitted from the writer's WAL
 * files (the default on the writer's host), read-uncommitted over the writer's tail endpoint, and
 * read-committed (after the checkpoint's commit). Both jobs run in this JVM, so {@link
 * System#nanoTime()} is one clock. Arguments: {@code [SECONDS] [RECORDS_PER_S]}.
 */
public final class TailLatencyBench {

    private static final int PARALLELISM = 1;
    private static final Duration WARM_UP = Duration.ofSeconds(3);

    private TailLatencyBench() {}

    /** How the reader gets the records. */
    private enum Mode {
        UNCOMMITTED("uncommitted", Isolation.READ_UNCOMMITTED, true),
        UNCOMMITTED_ENDPOINT("uncommitted_endpoint", Isolation.READ_UNCOMMITTED, false),
        COMMITTED("committed", Isolation.READ_COMMITTED, true);

        final String label;
        final Isolation isolation;
        final boolean localFiles;

        Mode(String label, Isolation isolation, boolean localFiles) {
            this.label = label;
            this.isolation = isolation;
            this.localFiles = localFiles;
        }
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        Path root = Files.createTempDirectory("floe-tail-latency");
        BenchReport report =
                new BenchReport("tail-latency")
                        .put("seconds_per_mode", seconds)
                        .put("records_per_s", rate)
                        .put("checkpoint_interval_ms", 1000);
        try (S3ProxyServer s3 = S3ProxyServer.start("bench-tail");
                EtcdServer etcd = EtcdServer.start("bench-tail")) {
            s3.createBucket("tail");
            MiniCluster cluster =
                    new MiniCluster(
                            new MiniClusterConfiguration.Builder()
                                    .setConfiguration(new Configuration())
                                    .setNumTaskManagers(1)
                                    .setNumSlotsPerTaskManager(4)
                                    .build());
            cluster.start();
            try {
                for (Mode m : Mode.values()) {
                    long[] latencies = measure(cluster, s3, etcd, root, m, seconds, rate);
                    String mode = m.label;
                    System.out.printf(
                            Locale.ROOT, "%-20s %,d records measured%n", mode, latencies.length);
                    report.put("records_" + mode, latencies.length)
                            .put(
                                    "p50_" + mode + "_ms",
                                    BenchReport.percentile(latencies, latencies.length, 0.50) / 1e6)
                            .put(
                                    "p99_" + mode + "_ms",
                                    BenchReport.percentile(latencies, latencies.length, 0.99)
                                            / 1e6);
                }
            } finally {
                cluster.close();
            }
        } finally {
            BenchReport.deleteTree(root);
        }
        // After every service has stopped, so nothing logs after the JSON line.
        report.print();
    }

    private static long[] measure(
            MiniCluster cluster,
            S3ProxyServer s3,
            EtcdServer etcd,
            Path root,
            Mode mode,
            int seconds,
            int rate)
            throws Exception {
        String stream = "latency-" + mode.name().toLowerCase(Locale.ROOT).replace('_', '-');
        Latencies.reset((seconds + 5) * rate * 2);
        Configuration connection = new Configuration();
        connection.set(FloeConnectionOptions.S3_ENDPOINT, s3.endpoint().toString());
        connection.set(FloeConnectionOptions.S3_BUCKET, "tail");
        connection.set(FloeConnectionOptions.S3_ACCESS_KEY, s3.accessKey());
        connection.set(FloeConnectionOptions.S3_SECRET_KEY, s3.secretKey());
        connection.set(FloeConnectionOptions.ETCD_ENDPOINTS, List.of(etcd.endpoint()));

        StreamExecutionEnvironment writerEnv = environment(cluster);
        writerEnv.enableCheckpointing(1000);
        writerEnv
                .fromSequence(0, Long.MAX_VALUE)
                .map(new Paced(rate))
                .sinkTo(
                        FloeSink.<byte[]>builder().configure(connection).stream(stream)
                                .partitions(PARALLELISM)
                                .serializer(FloeRecordSerializers.bytes())
                                .walDirectory(root.resolve(stream).toString())
                                .build());
        JobClient writer = writerEnv.executeAsync("writer " + stream);
        awaitWriter(connection, stream);

        StreamExecutionEnvironment readerEnv = environment(cluster);
        readerEnv
                .fromSource(
                        FloeSource.<byte[]>builder().configure(connection).stream(stream)
                                .deserializer(FloeDeserializers.bytes())
                                .startFromLatest()
                                .isolation(mode.isolation)
                                .set(FloeSourceOptions.TAIL_LOCAL_FILES, mode.localFiles)
                                .build(),
                        WatermarkStrategy.noWatermarks(),
                        "floe")
                .map(new Measured(System.nanoTime() + WARM_UP.toNanos()))
                .sinkTo(new DiscardingSink<>());
        JobClient reader = readerEnv.executeAsync("reader " + stream);
        Thread.sleep(WARM_UP.toMillis() + seconds * 1000L);
        reader.cancel().get();
        writer.cancel().get();
        return Latencies.snapshot();
    }

    /** Waits until the writer has created the stream and registered where its tail is. */
    private static void awaitWriter(Configuration connection, String stream) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        try (FloeConnection floe = FloeConnection.open(connection)) {
            while (floe.manifest().stream(stream).isEmpty()
                    || floe.manifest()
                            .writer(stream, 0)
                            .map(w -> w.walDirectory() == null)
                            .orElse(true)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the writer of " + stream + " never started");
                }
                Thread.sleep(50);
            }
        }
    }

    private static StreamExecutionEnvironment environment(MiniCluster cluster) {
        return new TestStreamEnvironment(
                cluster, new Configuration(), PARALLELISM, List.of(), List.of());
    }

    /** Emits records at a steady rate, each holding the time it reaches the sink. */
    private static final class Paced implements MapFunction<Long, byte[]> {
        private static final long serialVersionUID = 1L;
        private final int rate;
        private transient long started;

        Paced(int rate) {
            this.rate = rate;
        }

        @Override
        public byte[] map(Long n) throws Exception {
            if (started == 0) {
                started = System.nanoTime();
            }
            long due = started + n * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            return ByteBuffer.allocate(100).putLong(0, System.nanoTime()).array();
        }
    }

    /** Records each element's latency once the warm-up has passed. */
    private static final class Measured implements MapFunction<byte[], byte[]> {
        private static final long serialVersionUID = 1L;
        private final long measureFrom;

        Measured(long measureFrom) {
            this.measureFrom = measureFrom;
        }

        @Override
        public byte[] map(byte[] value) {
            long now = System.nanoTime();
            if (now >= measureFrom) {
                Latencies.add(now - ByteBuffer.wrap(value).getLong(0));
            }
            return value;
        }
    }

    /** Latencies collected in this JVM by the reader job. Thread-safe. */
    private static final class Latencies {
        private static volatile long[] samples = new long[0];
        private static final AtomicInteger COUNT = new AtomicInteger();

        static void reset(int capacity) {
            samples = new long[capacity];
            COUNT.set(0);
        }

        static void add(long nanos) {
            int i = COUNT.getAndIncrement();
            long[] s = samples;
            if (i < s.length) {
                s[i] = nanos;
            }
        }

        static long[] snapshot() {
            return Arrays.copyOf(samples, Math.min(COUNT.get(), samples.length));
        }
    }
}
