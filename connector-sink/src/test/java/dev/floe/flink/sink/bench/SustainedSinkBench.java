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
package dev.floe.flink.sink.bench;

import dev.floe.flink.sink.TierMode;
import dev.floe.wal.bench.BenchReport;
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.testing.EtcdServer;
import dev.floe.wal.testing.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * {@code sink --sustained=DURATION}: unbounded jobs, each measured over the same window after a
 * warm-up. FileSink runs at full speed; Floe runs at full speed too, and if tiering did not keep
 * up, again at a lower rate until it does (at most {@value #MAX_TRIALS} trials). Tiering keeps up
 * when the records committed but not yet in Parquet never exceed, per partition, one Parquet object
 * (the one being built) plus one checkpoint interval of records (the wait for its commit). Not
 * thread-safe; one run per JVM.
 */
final class SustainedSinkBench {

    private static final int PARALLELISM = 2;
    private static final long CHECKPOINT_INTERVAL_MS = 1_000;
    private static final Duration WARM_UP = Duration.ofSeconds(10);
    private static final Duration SAMPLE = Duration.ofMillis(500);
    private static final MemorySize TARGET_SIZE = MemorySize.parse("128mb");
    private static final int MAX_TRIALS = 3;
    private static final double SLOWER = 0.8;

    /** Records the generator emitted, across subtasks; the cluster runs in this JVM. */
    private static final LongAdder EMITTED = new LongAdder();

    /** One measured window of one sink. */
    private record Window(double recordsPerSecond, long lagMax, long lagLimit, boolean keptUp) {}

    private final S3ProxyServer s3;
    private final EtcdServer etcd;
    private final MiniCluster cluster;
    private final Path root;
    private final Duration window;

    SustainedSinkBench(
            S3ProxyServer s3, EtcdServer etcd, MiniCluster cluster, Path root, Duration window) {
        this.s3 = s3;
        this.etcd = etcd;
        this.cluster = cluster;
        this.root = root;
        this.window = window;
    }

    BenchReport run() throws Exception {
        Window fileSink = fileSink();
        System.out.printf(
                Locale.ROOT,
                "filesink sustained: %,.0f records/s over %d s%n",
                fileSink.recordsPerSecond(),
                window.toSeconds());
        double rate = 0;
        Window floe = null;
        for (int trial = 1; trial <= MAX_TRIALS; trial++) {
            floe = floe("sustained" + trial, rate);
            System.out.printf(
                    Locale.ROOT,
                    "floe sustained (trial %d, %s): %,.0f records/s, Parquet lag max %,d records"
                            + " (limit %,d): %s%n",
                    trial,
                    rate == 0 ? "full speed" : String.format(Locale.ROOT, "limit %,.0f/s", rate),
                    floe.recordsPerSecond(),
                    floe.lagMax(),
                    floe.lagLimit(),
                    floe.keptUp() ? "tiering kept up" : "tiering fell behind");
            if (floe.keptUp()) {
                break;
            }
            rate = floe.recordsPerSecond() * SLOWER;
        }
        return new BenchReport("sink")
                .put("mode", "sustained")
                .put("window_s", window.toSeconds())
                .put("parallelism", PARALLELISM)
                .put("checkpoint_interval_ms", CHECKPOINT_INTERVAL_MS)
                .put("tier_mode", "inline")
                .put("tier_target_mb", TARGET_SIZE.getBytes() / (1 << 20))
                .put("floe_sustained_records_per_s", floe.recordsPerSecond())
                .put("filesink_sustained_records_per_s", fileSink.recordsPerSecond())
                .put(
                        "ratio_sustained",
                        BenchReport.round(floe.recordsPerSecond() / fileSink.recordsPerSecond()))
                .put("parquet_lag_records_max", floe.lagMax())
                .put("parquet_lag_records_limit", floe.lagLimit())
                .put("floe_tiering_kept_up", floe.keptUp());
    }

    private Window fileSink() throws Exception {
        String bucket = "sustained-filesink";
        s3.createBucket(bucket);
        JobClient job =
                start(
                        "filesink-sustained",
                        0,
                        stream ->
                                SinkBench.attachFileSink(
                                        stream,
                                        "s3://" + bucket + "/filesink/",
                                        CompressionCodecName.ZSTD));
        try {
            Thread.sleep(WARM_UP.toMillis());
            long from = EMITTED.sum();
            long started = System.nanoTime();
            Thread.sleep(window.toMillis());
            double seconds = (System.nanoTime() - started) / 1e9;
            return new Window((EMITTED.sum() - from) / seconds, 0, 0, true);
        } finally {
            job.cancel().get();
        }
    }

    private Window floe(String label, double rate) throws Exception {
        String bucket = "sustained-" + label;
        s3.createBucket(bucket);
        Path wal = Files.createDirectories(root.resolve(label));
        String stream = "bench-" + label;
        FloeBenchSink floe =
                new FloeBenchSink(
                        s3.endpoint(), bucket, s3.accessKey(), s3.secretKey(), etcd.endpoint());
        JobClient job =
                start(
                        "floe-" + label,
                        rate,
                        s ->
                                floe.attach(
                                        s, stream, PARALLELISM, wal, TARGET_SIZE, TierMode.INLINE));
        try (ManifestStore manifest = floe.manifest()) {
            Thread.sleep(WARM_UP.toMillis());
            long[] first = committedAndTiered(manifest, stream);
            long started = System.nanoTime();
            long lagMax = 0;
            long deadline = started + window.toNanos();
            long[] last = first;
            while (System.nanoTime() < deadline) {
                Thread.sleep(SAMPLE.toMillis());
                last = committedAndTiered(manifest, stream);
                lagMax = Math.max(lagMax, last[0] - last[1]);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            double recordsPerSecond = (last[0] - first[0]) / seconds;
            long lagLimit = lagLimit(manifest, stream, recordsPerSecond);
            return new Window(recordsPerSecond, lagMax, lagLimit, lagMax <= lagLimit);
        } finally {
            job.cancel().get();
        }
    }

    /** Records committed and records in Parquet objects, over every partition. */
    private static long[] committedAndTiered(ManifestStore manifest, String stream) {
        long committed = 0;
        long tiered = 0;
        for (int p = 0; p < PARALLELISM; p++) {
            committed += manifest.head(stream, p).committedEnd();
            for (ObjectDescriptor o : manifest.objects(stream, p, 0, Long.MAX_VALUE)) {
                if (o.kind() == ObjectDescriptor.Kind.PARQUET) {
                    tiered += o.endOffset() - o.startOffset();
                }
            }
        }
        return new long[] {committed, tiered};
    }

    /**
     * Per partition, the records of the largest Parquet object written (an object ends at the first
     * checkpoint boundary after it reaches the target size) and of one checkpoint interval (the
     * wait for its commit); 0 when no object was written at all.
     */
    private static long lagLimit(ManifestStore manifest, String stream, double recordsPerSecond) {
        long largest = 0;
        for (int p = 0; p < PARALLELISM; p++) {
            for (ObjectDescriptor o : manifest.objects(stream, p, 0, Long.MAX_VALUE)) {
                if (o.kind() == ObjectDescriptor.Kind.PARQUET) {
                    largest = Math.max(largest, o.endOffset() - o.startOffset());
                }
            }
        }
        if (largest == 0) {
            return 0;
        }
        double recordsPerCheckpoint = recordsPerSecond / PARALLELISM * CHECKPOINT_INTERVAL_MS / 1e3;
        return (long) (PARALLELISM * (largest + recordsPerCheckpoint));
    }

    /** Starts an unbounded job of generated records, at most {@code rate} per second if above 0. */
    private JobClient start(String name, double rate, Consumer<DataStream<byte[]>> sink)
            throws Exception {
        StreamExecutionEnvironment env =
                new TestStreamEnvironment(
                        cluster, new Configuration(), PARALLELISM, List.of(), List.of());
        env.enableCheckpointing(CHECKPOINT_INTERVAL_MS);
        DataStream<byte[]> stream =
                env.fromSource(
                                new NumberSequenceSource(0, Long.MAX_VALUE),
                                WatermarkStrategy.<Long>noWatermarks()
                                        .withTimestampAssigner(
                                                (id, previous) -> BenchRecords.timestampOf(id)),
                                "records")
                        .map(new Generator(rate / PARALLELISM))
                        .returns(PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO)
                        .name("payload");
        sink.accept(stream);
        return env.executeAsync(name);
    }

    /** Makes payloads, counts them and holds each subtask to its share of the rate. */
    private static final class Generator extends RichMapFunction<Long, byte[]> {
        private static final long serialVersionUID = 1L;
        private final double perSecond;
        private transient long started;
        private transient long count;

        Generator(double perSecond) {
            this.perSecond = perSecond;
        }

        @Override
        public byte[] map(Long id) throws Exception {
            if (perSecond > 0) {
                if (count == 0) {
                    started = System.nanoTime();
                }
                long due = started + (long) (count / perSecond * 1e9);
                long ahead = due - System.nanoTime();
                if (ahead > 1_000_000) {
                    Thread.sleep(ahead / 1_000_000);
                }
            }
            count++;
            EMITTED.increment();
            return BenchRecords.payload(id);
        }
    }
}
