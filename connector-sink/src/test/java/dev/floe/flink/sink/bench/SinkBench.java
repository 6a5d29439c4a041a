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
import dev.floe.flink.tiering.FloeTieringJob;
import dev.floe.wal.bench.BenchReport;
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.StreamConfig;
import dev.floe.wal.testing.CapturedLogs;
import dev.floe.wal.testing.EtcdServer;
import dev.floe.wal.testing.S3ProxyServer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.plugin.DefaultPluginManager;
import org.apache.flink.core.plugin.DirectoryBasedPluginFinder;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.BasePathBucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.apache.flink.util.TimeUtils;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Benchmark {@code sink}: on a Flink MiniCluster (parallelism 2 by default, checkpoints every
 * second), the same generated records of about 100 bytes go through FloeSink (WAL, local S3 server,
 * etcd) and through Flink's FileSink with an Avro Parquet bulk writer into the same bucket, by way
 * of the {@code flink-s3-fs-hadoop} plugin. If FileSink cannot write to the S3 server, the reason
 * is printed and FileSink writes to a local directory instead. Reports records per second (job
 * runtime), objects left in the bucket, and checkpoint durations of each sink.
 *
 * <p>Arguments: records (default 5,000,000), repetitions (default 1; medians are reported), then
 * any of {@code --filesink=s3|local}, {@code --filesink-codec=zstd|snappy|uncompressed} (default
 * zstd, Floe's tiering codec; {@code uncompressed} is flink-parquet's default), {@code
 * --sinks=both|floe|filesink}, {@code --warmup=N} (records of the discarded first job of each sink;
 * default: as many as a measured job), {@code --sustained=60s} (unbounded jobs instead, see {@link
 * SustainedSinkBench}), {@code --tier-mode=inline|external} (external: the sink only stages, and a
 * bounded {@code FloeTieringJob} in the same cluster tiers; Floe's time runs until it ends), {@code
 * --parallelism=N} (sink subtasks and Floe partitions, default 2). Besides the job runtime, each
 * job reports when its last checkpoint completed: what follows is the sink's close (for Floe, the
 * final tiering of a bounded job). Each repetition also runs Floe with its Iceberg table commits
 * turned off ({@code floe.sink.tier.iceberg = false}), and reports the ratio of the two and the
 * table commits' durations, which tiering logs. Not thread-safe; run it once per JVM.
 */
public final class SinkBench {

    private static final int DEFAULT_PARALLELISM = 2;
    private static final String FILESINK_PREFIX = "filesink/";
    private static final Duration SETTLE_QUIET = Duration.ofSeconds(3);
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(120);

    /** The logger of tiering's Iceberg table commits, and the duration in each of its lines. */
    private static final String TABLE_COMMIT_LOGGER = "dev.floe.wal.iceberg.StreamTable";

    private static final Pattern COMMIT_MILLIS =
            Pattern.compile("Iceberg table of stream .* in (\\d+) ms");

    /** Parquet objects of the tiering job: its default size. */
    private static final MemorySize EXTERNAL_TARGET_SIZE = MemorySize.parse("128mb");

    /** One sink's figures from one job. */
    record Run(
            String sink,
            long records,
            double seconds,
            double secondsToFinalCheckpoint,
            long objects,
            long parquetObjects,
            long objectBytes,
            int checkpoints,
            double p50CheckpointMs,
            double p99CheckpointMs) {

        double recordsPerSecond() {
            return records / seconds;
        }

        double recordsPerSecondToFinalCheckpoint() {
            return records / secondsToFinalCheckpoint;
        }

        /** Seconds the job ran after its last completed checkpoint: the sink's close. */
        double closeSeconds() {
            return seconds - secondsToFinalCheckpoint;
        }

        String describe() {
            return String.format(
                    Locale.ROOT,
                    "%-8s %,d records in %.2f s = %,.0f records/s (last checkpoint at %.2f s);"
                            + " %d objects (%d Parquet), %.1f MB; %d checkpoints, p50 %.0f ms,"
                            + " p99 %.0f ms",
                    sink,
                    records,
                    seconds,
                    recordsPerSecond(),
                    secondsToFinalCheckpoint,
                    objects,
                    parquetObjects,
                    objectBytes / 1e6,
                    checkpoints,
                    p50CheckpointMs,
                    p99CheckpointMs);
        }
    }

    private final S3ProxyServer s3;
    private final EtcdServer etcd;
    private final S3Client client;
    private final MiniCluster cluster;
    private final Configuration jobConf;
    private final Path root;
    private final CompressionCodecName fileSinkCodec;
    private final TierMode tierMode;
    private final int parallelism;
    private boolean fileSinkToS3;
    private String fileSinkS3Failure = "";
    private final List<Long> icebergCommitMillis = new ArrayList<>();

    private SinkBench(
            S3ProxyServer s3,
            EtcdServer etcd,
            S3Client client,
            MiniCluster cluster,
            Configuration jobConf,
            Path root,
            CompressionCodecName fileSinkCodec,
            TierMode tierMode,
            int parallelism,
            boolean fileSinkToS3) {
        this.s3 = s3;
        this.etcd = etcd;
        this.client = client;
        this.cluster = cluster;
        this.jobConf = jobConf;
        this.root = root;
        this.fileSinkCodec = fileSinkCodec;
        this.tierMode = tierMode;
        this.parallelism = parallelism;
        this.fileSinkToS3 = fileSinkToS3;
    }

    public static void main(String[] args) throws Exception {
        quietNoise();
        List<String> positional = new ArrayList<>();
        String fileSinkTarget = "s3";
        String codec = "zstd";
        String sinks = "both";
        long warmUp = -1;
        Duration sustained = null;
        TierMode tierMode = TierMode.INLINE;
        int parallelism = DEFAULT_PARALLELISM;
        for (String arg : args) {
            if (arg.startsWith("--filesink=")) {
                fileSinkTarget = arg.substring("--filesink=".length());
            } else if (arg.startsWith("--filesink-codec=")) {
                codec = arg.substring("--filesink-codec=".length());
            } else if (arg.startsWith("--warmup=")) {
                warmUp = Long.parseLong(arg.substring("--warmup=".length()));
            } else if (arg.startsWith("--parallelism=")) {
                parallelism = Integer.parseInt(arg.substring("--parallelism=".length()));
            } else if (arg.startsWith("--tier-mode=")) {
                tierMode =
                        TierMode.valueOf(
                                arg.substring("--tier-mode=".length()).toUpperCase(Locale.ROOT));
            } else if (arg.startsWith("--sustained=")) {
                sustained = TimeUtils.parseDuration(arg.substring("--sustained=".length()));
            } else if (arg.startsWith("--sinks=")) {
                sinks = arg.substring("--sinks=".length());
            } else if (arg.startsWith("--")) {
                throw new IllegalArgumentException("unknown option " + arg);
            } else {
                positional.add(arg);
            }
        }
        long records = positional.size() > 0 ? Long.parseLong(positional.get(0)) : 5_000_000L;
        int repetitions = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 1;
        if (!fileSinkTarget.equals("s3") && !fileSinkTarget.equals("local")) {
            throw new IllegalArgumentException("--filesink must be s3 or local: " + fileSinkTarget);
        }
        boolean runFloe = !sinks.equals("filesink");
        boolean runFileSink = !sinks.equals("floe");
        CompressionCodecName fileSinkCodec =
                CompressionCodecName.valueOf(codec.toUpperCase(Locale.ROOT));

        Path root = Files.createTempDirectory("floe-bench-sink");
        BenchReport report = null;
        try (S3ProxyServer s3 = S3ProxyServer.start("bench-sink");
                EtcdServer etcd = EtcdServer.start("bench-sink");
                S3Client client = s3.newClient()) {
            // External tiering runs its own job next to the sink's.
            MiniCluster cluster =
                    startCluster(
                            clusterConfiguration(s3),
                            tierMode == TierMode.EXTERNAL ? 2 * parallelism : parallelism);
            try {
                if (sustained != null) {
                    report = new SustainedSinkBench(s3, etcd, cluster, root, sustained).run();
                    return;
                }
                SinkBench bench =
                        new SinkBench(
                                s3,
                                etcd,
                                client,
                                cluster,
                                new Configuration(),
                                root,
                                fileSinkCodec,
                                tierMode,
                                parallelism,
                                fileSinkTarget.equals("s3"));
                report =
                        bench.run(
                                records,
                                warmUp < 0 ? records : warmUp,
                                repetitions,
                                runFloe,
                                runFileSink);
            } finally {
                cluster.close();
            }
        } finally {
            deleteTree(root);
            // After every service has stopped, so nothing logs after the JSON line.
            if (report != null) {
                report.print();
            }
        }
    }

    /**
     * Silences what would bury the figures: the plugin's AWS SDK v1 end-of-support notice (with a
     * stack trace, once per file system) and FileSink's committer metric registered twice per
     * subtask (a warning per checkpoint).
     */
    public static void quietNoise() {
        System.setProperty("aws.java.v1.disableDeprecationAnnouncement", "true");
        Configurator.setLevel("org.apache.flink.metrics.MetricGroup", Level.ERROR);
        // Cancelling an unbounded job logs every checkpoint it aborts, with a stack trace.
        Configurator.setLevel(
                "org.apache.flink.runtime.checkpoint.CheckpointFailureManager", Level.ERROR);
    }

    private BenchReport run(
            long records, long warmUp, int repetitions, boolean runFloe, boolean runFileSink)
            throws Exception {
        if (warmUp > 0) {
            System.out.printf(Locale.ROOT, "warm-up: %,d records through each sink%n", warmUp);
            if (runFileSink) {
                System.out.println("  " + fileSink("warmup", warmUp).describe());
            }
            if (runFloe) {
                System.out.println("  " + floe("warmup", warmUp, true).describe());
            }
        }
        List<Run> floeRuns = new ArrayList<>();
        List<Run> withoutIceberg = new ArrayList<>();
        List<Run> fileSinkRuns = new ArrayList<>();
        for (int rep = 0; rep < repetitions; rep++) {
            // Alternate which sink goes first, so neither always runs on a warmer JVM.
            boolean floeFirst = rep % 2 == 1;
            if (runFloe && floeFirst) {
                floeWithAndWithoutIceberg(rep, records, floeRuns, withoutIceberg);
            }
            if (runFileSink) {
                fileSinkRuns.add(fileSink("run" + rep, records));
                System.out.println("run " + rep + ": " + last(fileSinkRuns).describe());
            }
            if (runFloe && !floeFirst) {
                floeWithAndWithoutIceberg(rep, records, floeRuns, withoutIceberg);
            }
        }
        BenchReport report = report(records, repetitions, floeRuns, fileSinkRuns);
        if (runFloe) {
            double on = median(floeRuns, Run::recordsPerSecond);
            double off = median(withoutIceberg, Run::recordsPerSecond);
            report.put("floe_records_per_s_iceberg_off", off)
                    .put("ratio_iceberg_on_vs_off", on / off)
                    .put("iceberg_commits", (long) icebergCommitMillis.size())
                    .put("iceberg_commit_p99_ms", percentile(icebergCommitMillis, 0.99));
        }
        return report;
    }

    /** Floe with its Iceberg table, and without, in an order that alternates by repetition. */
    private void floeWithAndWithoutIceberg(
            int rep, long records, List<Run> floeRuns, List<Run> withoutIceberg) throws Exception {
        for (boolean iceberg : rep % 2 == 0 ? List.of(true, false) : List.of(false, true)) {
            if (iceberg) {
                floeRuns.add(floe("run" + rep, records));
                System.out.println("run " + rep + ": " + last(floeRuns).describe());
            } else {
                withoutIceberg.add(floe("run" + rep + "-no-iceberg", records, false));
                System.out.println(
                        "run " + rep + " without Iceberg: " + last(withoutIceberg).describe());
            }
        }
    }

    private BenchReport report(
            long records, int repetitions, List<Run> floeRuns, List<Run> fileSinkRuns) {
        BenchReport report =
                new BenchReport("sink")
                        .put("records", records)
                        .put("record_bytes", BenchRecords.PAYLOAD_BYTES)
                        .put("parallelism", parallelism)
                        .put("checkpoint_interval_ms", BoundedSinkJob.CHECKPOINT_INTERVAL_MS)
                        .put("repetitions", repetitions);
        if (!floeRuns.isEmpty()) {
            report.put("floe_records_per_s", median(floeRuns, Run::recordsPerSecond));
        }
        if (!fileSinkRuns.isEmpty()) {
            report.put("filesink_records_per_s", median(fileSinkRuns, Run::recordsPerSecond));
        }
        if (!floeRuns.isEmpty() && !fileSinkRuns.isEmpty()) {
            report.put(
                    "ratio_floe_vs_filesink",
                    median(floeRuns, Run::recordsPerSecond)
                            / median(fileSinkRuns, Run::recordsPerSecond));
        }
        if (!floeRuns.isEmpty()) {
            report.put("floe_objects", (long) median(floeRuns, r -> (double) r.objects()))
                    .put(
                            "floe_parquet_objects",
                            (long) median(floeRuns, r -> (double) r.parquetObjects()))
                    .put("floe_object_mb", median(floeRuns, r -> r.objectBytes() / 1e6));
        }
        if (!fileSinkRuns.isEmpty()) {
            report.put("filesink_objects", (long) median(fileSinkRuns, r -> (double) r.objects()))
                    .put("filesink_object_mb", median(fileSinkRuns, r -> r.objectBytes() / 1e6));
        }
        if (!floeRuns.isEmpty() && !fileSinkRuns.isEmpty()) {
            report.put(
                    "objects_ratio_filesink_vs_floe",
                    median(fileSinkRuns, r -> (double) r.objects())
                            / Math.max(1.0, median(floeRuns, r -> (double) r.objects())));
        }
        if (!floeRuns.isEmpty()) {
            report.put("floe_p99_checkpoint_ms", median(floeRuns, Run::p99CheckpointMs))
                    .put("floe_p50_checkpoint_ms", median(floeRuns, Run::p50CheckpointMs))
                    .put("floe_close_s", median(floeRuns, Run::closeSeconds))
                    .put(
                            "floe_records_per_s_to_last_checkpoint",
                            median(floeRuns, Run::recordsPerSecondToFinalCheckpoint));
        }
        if (!fileSinkRuns.isEmpty()) {
            report.put("filesink_p99_checkpoint_ms", median(fileSinkRuns, Run::p99CheckpointMs))
                    .put("filesink_p50_checkpoint_ms", median(fileSinkRuns, Run::p50CheckpointMs))
                    .put("filesink_close_s", median(fileSinkRuns, Run::closeSeconds))
                    .put(
                            "filesink_records_per_s_to_last_checkpoint",
                            median(fileSinkRuns, Run::recordsPerSecondToFinalCheckpoint))
                    .put("filesink_target", fileSinkToS3 ? "s3" : "local")
                    .put("filesink_codec", fileSinkCodec.name().toLowerCase(Locale.ROOT));
        }
        if (!floeRuns.isEmpty() && !fileSinkRuns.isEmpty()) {
            report.put(
                    "ratio_to_last_checkpoint",
                    median(floeRuns, Run::recordsPerSecondToFinalCheckpoint)
                            / median(fileSinkRuns, Run::recordsPerSecondToFinalCheckpoint));
        }
        report.put("tier_mode", tierMode.name().toLowerCase(Locale.ROOT));
        if (!fileSinkS3Failure.isEmpty()) {
            report.put("filesink_s3_failure", fileSinkS3Failure);
        }
        return report;
    }

    /** Runs FileSink into {@code filesink/<label>/} of bucket {@code <label>}, or a directory. */
    private Run fileSink(String label, long records) throws Exception {
        if (fileSinkToS3) {
            String bucket = bucketFor(label);
            s3.createBucket(bucket);
            String prefix = FILESINK_PREFIX + label + "/";
            try {
                JobFigures job =
                        runJob(
                                "filesink-" + label,
                                records,
                                stream ->
                                        attachFileSink(
                                                stream,
                                                "s3://" + bucket + "/" + prefix,
                                                fileSinkCodec));
                List<S3Object> objects = list(bucket, prefix);
                return new Run(
                        "filesink",
                        records,
                        job.seconds(),
                        job.secondsToFinalCheckpoint(),
                        objects.size(),
                        objects.size(),
                        objects.stream().mapToLong(S3Object::size).sum(),
                        job.checkpoints(),
                        job.p50CheckpointMs(),
                        job.p99CheckpointMs());
            } catch (Exception e) {
                fileSinkS3Failure = describeFailure(e);
                fileSinkToS3 = false;
                System.out.println(
                        "FileSink cannot write to the local S3 server, so it writes to a local"
                                + " directory instead: "
                                + fileSinkS3Failure);
            }
        }
        Path dir = root.resolve("filesink").resolve(label);
        Files.createDirectories(dir);
        JobFigures job =
                runJob(
                        "filesink-" + label,
                        records,
                        s -> attachFileSink(s, dir.toUri().toString(), fileSinkCodec));
        long[] files = countFiles(dir);
        return new Run(
                "filesink",
                records,
                job.seconds(),
                job.secondsToFinalCheckpoint(),
                files[0],
                files[0],
                files[1],
                job.checkpoints(),
                job.p50CheckpointMs(),
                job.p99CheckpointMs());
    }

    /** Adds FileSink writing Parquet files compressed with {@code codec} under {@code basePath}. */
    static void attachFileSink(
            DataStream<byte[]> stream, String basePath, CompressionCodecName codec) {
        FileSink<byte[]> sink =
                FileSink.forBulkFormat(
                                new org.apache.flink.core.fs.Path(basePath),
                                new AvroParquetBytesWriterFactory(codec))
                        .withBucketAssigner(new BasePathBucketAssigner<>())
                        .withRollingPolicy(OnCheckpointRollingPolicy.build())
                        .withOutputFileConfig(
                                OutputFileConfig.builder().withPartSuffix(".parquet").build())
                        .build();
        stream.sinkTo(sink).name("filesink");
    }

    /**
     * Runs FloeSink into bucket {@code <label>}, outside the FileSink prefix. With external tiering
     * a bounded tiering job runs next to it, and the run ends when that job has put every record
     * into Parquet: its time is the sink job's plus what the tiering job took after it.
     */
    /** A measured Floe run with its Iceberg table, whose commit durations are collected. */
    private Run floe(String label, long records) throws Exception {
        try (CapturedLogs tableCommits = CapturedLogs.of(TABLE_COMMIT_LOGGER)) {
            Run run = floe(label, records, true);
            Matcher m = COMMIT_MILLIS.matcher(tableCommits.text());
            while (m.find()) {
                icebergCommitMillis.add(Long.parseLong(m.group(1)));
            }
            return run;
        }
    }

    private Run floe(String label, long records, boolean icebergTables) throws Exception {
        String bucket = bucketFor(label);
        s3.createBucket(bucket);
        Path walDir = root.resolve("wal").resolve(label);
        Files.createDirectories(walDir);
        String stream = "bench-" + label;
        FloeBenchSink floe =
                new FloeBenchSink(
                                s3.endpoint(),
                                bucket,
                                s3.accessKey(),
                                s3.secretKey(),
                                etcd.endpoint())
                        .icebergTables(icebergTables);
        JobClient tiering = tierMode == TierMode.EXTERNAL ? startTiering(floe, stream) : null;
        JobFigures job =
                runJob(
                        "floe-" + label,
                        records,
                        s ->
                                floe.attach(
                                        s,
                                        stream,
                                        parallelism,
                                        walDir,
                                        tiering == null
                                                ? FloeBenchSink.ONE_OBJECT
                                                : EXTERNAL_TARGET_SIZE,
                                        tierMode));
        if (tiering != null) {
            long sinkDone = System.nanoTime();
            tiering.getJobExecutionResult().get();
            double afterSink = (System.nanoTime() - sinkDone) / 1e9;
            job = job.extendedBy(afterSink);
        }
        List<S3Object> objects = settledFloeObjects(bucket);
        return new Run(
                "floe",
                records,
                job.seconds(),
                job.secondsToFinalCheckpoint(),
                objects.size(),
                objects.stream().filter(o -> o.key().endsWith(".parquet")).count(),
                objects.stream().mapToLong(S3Object::size).sum(),
                job.checkpoints(),
                job.p50CheckpointMs(),
                job.p99CheckpointMs());
    }

    /**
     * Creates the stream (as the sink would) so the tiering job finds it, then starts the tiering
     * job.
     */
    private JobClient startTiering(FloeBenchSink floe, String stream) throws Exception {
        try (ManifestStore manifest = floe.manifest()) {
            manifest.createStream(StreamConfig.of(stream, parallelism));
        }
        StreamExecutionEnvironment env =
                new TestStreamEnvironment(cluster, jobConf, parallelism, List.of(), List.of());
        FloeTieringJob job = floe.tieringJob(stream, parallelism, EXTERNAL_TARGET_SIZE);
        job.addTo(env);
        return env.executeAsync(job.name());
    }

    /**
     * Floe's objects once tiering and the deletion of superseded objects have settled: the listing
     * has not changed for {@link #SETTLE_QUIET}.
     */
    private List<S3Object> settledFloeObjects(String bucket) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        List<S3Object> seen = floeObjects(bucket);
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline
                && System.nanoTime() - quietSince < SETTLE_QUIET.toNanos()) {
            Thread.sleep(250);
            List<S3Object> now = floeObjects(bucket);
            if (!keys(now).equals(keys(seen))) {
                seen = now;
                quietSince = System.nanoTime();
            }
        }
        return seen;
    }

    private List<S3Object> floeObjects(String bucket) {
        return list(bucket, "").stream().filter(o -> !o.key().startsWith(FILESINK_PREFIX)).toList();
    }

    private static List<String> keys(List<S3Object> objects) {
        return objects.stream().map(S3Object::key).sorted().toList();
    }

    private List<S3Object> list(String bucket, String prefix) {
        List<S3Object> objects = new ArrayList<>();
        client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix))
                .contents()
                .forEach(objects::add);
        return objects;
    }

    /**
     * Loads Flink's file systems (with the S3 plugin) for {@code conf} and starts a MiniCluster of
     * one TaskManager with {@code slots} slots.
     */
    public static MiniCluster startCluster(Configuration conf, int slots) throws Exception {
        FileSystem.initialize(conf, pluginManager(conf));
        MiniCluster cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(conf)
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(slots)
                                .build());
        cluster.start();
        return cluster;
    }

    /** Runs one job of {@code records} generated records into the sink that {@code sink} adds. */
    private JobFigures runJob(String name, long records, Consumer<DataStream<byte[]>> sink)
            throws Exception {
        JobClient job = BoundedSinkJob.start(cluster, jobConf, parallelism, name, records, sink);
        JobExecutionResult result = job.getJobExecutionResult().get();
        return JobFigures.of(
                cluster.getArchivedExecutionGraph(job.getJobID()).get(),
                result.getNetRuntime() / 1e3);
    }

    private static String bucketFor(String label) {
        return "bench-sink-" + label;
    }

    public static Configuration clusterConfiguration(S3ProxyServer s3) {
        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(RestOptions.ADDRESS, "127.0.0.1");
        conf.set(RestOptions.BIND_PORT, "0");
        conf.set(WebOptions.CHECKPOINTS_HISTORY_SIZE, 100_000);
        conf.setString("s3.endpoint", s3.endpoint().toString());
        conf.setString("s3.endpoint.region", s3.region());
        conf.setString("s3.path.style.access", "true");
        conf.setString("s3.access-key", s3.accessKey());
        conf.setString("s3.secret-key", s3.secretKey());
        conf.setString("s3.connection.ssl.enabled", "false");
        return conf;
    }

    /**
     * Flink's S3 file systems carry unrelocated Hadoop and AWS classes, so they are loaded as
     * plugins: from {@code $FLINK_PLUGINS_DIR}, else from {@code target/flink-plugins} of this
     * module, where Maven copies {@code flink-s3-fs-hadoop}.
     */
    public static DefaultPluginManager pluginManager(Configuration conf) throws IOException {
        String env = System.getenv("FLINK_PLUGINS_DIR");
        Path plugins =
                env != null ? Path.of(env) : testClassesDir().resolveSibling("flink-plugins");
        if (!Files.isDirectory(plugins)) {
            throw new IllegalStateException(
                    "no Flink plugins directory at "
                            + plugins
                            + "; build the module with Maven (phase generate-test-resources copies"
                            + " flink-s3-fs-hadoop there) or set FLINK_PLUGINS_DIR");
        }
        return new DefaultPluginManager(
                new DirectoryBasedPluginFinder(plugins).findPlugins(),
                CoreOptions.getPluginParentFirstLoaderPatterns(conf));
    }

    private static Path testClassesDir() {
        try {
            return Path.of(
                    SinkBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the test classes directory", e);
        }
    }

    /** Every message in the cause chain, outermost first: what went wrong, down to the root. */
    private static String describeFailure(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (out.length() > 0) {
                out.append(" <- ");
            }
            out.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
            if (t.getCause() == t) {
                break;
            }
        }
        return out.toString();
    }

    /** Regular, visible files under {@code dir} and their total size. */
    private static long[] countFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            long[] result = new long[2];
            for (Path p : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(p) && !p.getFileName().toString().startsWith(".")) {
                    result[0]++;
                    result[1] += Files.size(p);
                }
            }
            return result;
        }
    }

    /** The value below which {@code fraction} of {@code values} lie; 0 without values. */
    private static long percentile(List<Long> values, double fraction) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(
                (int) Math.min(sorted.size() - 1, Math.ceil(fraction * sorted.size()) - 1));
    }

    private static double median(List<Run> runs, java.util.function.ToDoubleFunction<Run> f) {
        return BenchReport.median(runs.stream().mapToDouble(f).toArray());
    }

    private static Run last(List<Run> runs) {
        return runs.get(runs.size() - 1);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
