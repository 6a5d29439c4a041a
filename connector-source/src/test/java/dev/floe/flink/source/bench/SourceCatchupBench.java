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

import dev.floe.flink.connection.FloeConnectionOptions;
import dev.floe.flink.sink.bench.BenchRecords;
import dev.floe.flink.sink.bench.FloeBenchSink;
import dev.floe.flink.sink.bench.SinkBench;
import dev.floe.flink.source.FloeDeserializers;
import dev.floe.flink.source.FloeSource;
import dev.floe.wal.bench.BenchReport;
import dev.floe.wal.testing.EtcdServer;
import dev.floe.wal.testing.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.SecurityOptions;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.formats.parquet.ParquetColumnarRowInputFormat;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.IntType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.MapType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.VarBinaryType;
import org.apache.flink.table.types.logical.VarCharType;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Benchmark {@code source-catchup}: FloeSink writes a history of generated records of about 100
 * bytes into a local S3 server and etcd, tiered into one Parquet object per partition. Then, on a
 * Flink MiniCluster (parallelism 2), two bounded jobs read all of it into a sink that takes each
 * record's value bytes and counts them: FloeSource from the earliest offset, and Flink's {@code
 * FileSource} with flink-parquet's columnar {@link ParquetColumnarRowInputFormat} over exactly the
 * same Parquet objects, through the {@code flink-s3-fs-hadoop} plugin. Both read every column of
 * Floe's Parquet schema; by default both jobs reuse objects between chained operators. Reports
 * records per second of each (job runtime) and their ratio.
 *
 * <p>Arguments: records (default 10,000,000), repetitions (default 1; medians are reported), then
 * {@code --warmup=N} (discarded reads by each reader before measuring; default 1), {@code
 * --readers=both|floe|filesource}, {@code --filesource-format=columnar} and {@code
 * --object-reuse=true|false} (default true). Not thread-safe; run it once per JVM.
 */
public final class SourceCatchupBench {

    private static final int PARALLELISM = 2;
    private static final String STREAM = "catchup";
    private static final String BUCKET = "bench-source-catchup";

    /** The etcd namespace {@link FloeBenchSink} writes the stream's manifest under. */
    private static final String FLOE_NAMESPACE = "bench-" + BUCKET;

    private static final long CHECKPOINT_INTERVAL_MS = 1_000;
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(120);

    /** Rows FileSource's columnar reader decodes per batch: flink-parquet's default. */
    private static final int FILESOURCE_BATCH_ROWS = 2048;

    /** One reader's figures from one job. */
    record Run(String reader, long records, long valueBytes, double seconds) {

        double recordsPerSecond() {
            return records / seconds;
        }

        String describe() {
            return String.format(
                    Locale.ROOT,
                    "%-10s %,d records (%.1f MB of values) in %.2f s = %,.0f records/s",
                    reader,
                    records,
                    valueBytes / 1e6,
                    seconds,
                    recordsPerSecond());
        }
    }

    /** The Parquet objects the history ended in. */
    private record History(List<S3Object> parquet, long segmentObjects, double writeSeconds) {

        long bytes() {
            return parquet.stream().mapToLong(S3Object::size).sum();
        }
    }

    private final S3ProxyServer s3;
    private final EtcdServer etcd;
    private final S3Client client;
    private final MiniCluster cluster;
    private final Path root;
    private final String fileSourceFormat;
    private final boolean objectReuse;
    private int jobs;

    private SourceCatchupBench(
            S3ProxyServer s3,
            EtcdServer etcd,
            S3Client client,
            MiniCluster cluster,
            Path root,
            String fileSourceFormat,
            boolean objectReuse) {
        this.s3 = s3;
        this.etcd = etcd;
        this.client = client;
        this.cluster = cluster;
        this.root = root;
        this.fileSourceFormat = fileSourceFormat;
        this.objectReuse = objectReuse;
    }

    public static void main(String[] args) throws Exception {
        SinkBench.quietNoise();
        // The history's bounded write declines checkpoints while its tasks close: a stack trace
        // each, and nothing wrong.
        Configurator.setLevel(
                "org.apache.flink.runtime.checkpoint.CheckpointFailureManager", Level.ERROR);
        List<String> positional = new ArrayList<>();
        int warmUps = 1;
        String readers = "both";
        String format = "columnar";
        boolean objectReuse = true;
        for (String arg : args) {
            if (arg.startsWith("--warmup=")) {
                warmUps = Integer.parseInt(arg.substring("--warmup=".length()));
            } else if (arg.startsWith("--readers=")) {
                readers = arg.substring("--readers=".length());
            } else if (arg.startsWith("--filesource-format=")) {
                format = arg.substring("--filesource-format=".length());
            } else if (arg.startsWith("--object-reuse=")) {
                objectReuse = Boolean.parseBoolean(arg.substring("--object-reuse=".length()));
            } else if (arg.startsWith("--")) {
                throw new IllegalArgumentException("unknown option " + arg);
            } else {
                positional.add(arg);
            }
        }
        long records = positional.size() > 0 ? Long.parseLong(positional.get(0)) : 10_000_000L;
        int repetitions = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 1;
        if (!List.of("both", "floe", "filesource").contains(readers)) {
            throw new IllegalArgumentException("--readers must be both, floe or filesource");
        }
        if (!format.equals("columnar")) {
            throw new IllegalArgumentException(
                    "--filesource-format must be columnar: flink-parquet's Avro reader needs"
                            + " hadoop-hdfs-client, which is not on this module's test classpath"
                            + " (it makes Flink install Hadoop security in the tests' MiniClusters)");
        }
        boolean runFloe = !readers.equals("filesource");
        boolean runFileSource = !readers.equals("floe");

        Path root = Files.createTempDirectory("floe-bench-source");
        BenchReport report;
        try (S3ProxyServer s3 = S3ProxyServer.start("bench-source");
                EtcdServer etcd = EtcdServer.start("bench-source");
                S3Client client = s3.newClient()) {
            Configuration conf = SinkBench.clusterConfiguration(s3);
            // Hadoop classes on the classpath would otherwise make Flink ask Hadoop for
            // delegation tokens, which needs the parts of Hadoop left out here.
            conf.set(SecurityOptions.DELEGATION_TOKENS_ENABLED, false);
            MiniCluster cluster = SinkBench.startCluster(conf, PARALLELISM);
            try {
                report =
                        new SourceCatchupBench(s3, etcd, client, cluster, root, format, objectReuse)
                                .run(records, repetitions, warmUps, runFloe, runFileSource);
            } finally {
                cluster.close();
            }
        } finally {
            BenchReport.deleteTree(root);
        }
        // After every service has stopped, so nothing logs after the JSON line.
        report.print();
    }

    private BenchReport run(
            long records, int repetitions, int warmUps, boolean runFloe, boolean runFileSource)
            throws Exception {
        System.out.printf(Locale.ROOT, "writing the history: %,d records with FloeSink%n", records);
        History history = writeHistory(records);
        System.out.printf(
                Locale.ROOT,
                "  %.2f s; %d Parquet objects, %.1f MB; %d segment objects left%n",
                history.writeSeconds(),
                history.parquet().size(),
                history.bytes() / 1e6,
                history.segmentObjects());
        List<String> paths =
                history.parquet().stream()
                        .map(o -> "s3://" + BUCKET + "/" + o.key())
                        .sorted()
                        .toList();

        for (int i = 0; i < warmUps; i++) {
            if (runFileSource) {
                System.out.println("warm-up: " + fileSource(paths, records).describe());
            }
            if (runFloe) {
                System.out.println("warm-up: " + floe(records).describe());
            }
        }
        List<Run> floeRuns = new ArrayList<>();
        List<Run> fileSourceRuns = new ArrayList<>();
        for (int rep = 0; rep < repetitions; rep++) {
            // Alternate which reader goes first, so neither always runs on a warmer JVM.
            boolean floeFirst = rep % 2 == 1;
            if (runFloe && floeFirst) {
                floeRuns.add(floe(records));
                System.out.println("run " + rep + ": " + last(floeRuns).describe());
            }
            if (runFileSource) {
                fileSourceRuns.add(fileSource(paths, records));
                System.out.println("run " + rep + ": " + last(fileSourceRuns).describe());
            }
            if (runFloe && !floeFirst) {
                floeRuns.add(floe(records));
                System.out.println("run " + rep + ": " + last(floeRuns).describe());
            }
        }

        BenchReport report =
                new BenchReport("source-catchup")
                        .put("records", records)
                        .put("record_bytes", BenchRecords.PAYLOAD_BYTES)
                        .put("parallelism", PARALLELISM)
                        .put("repetitions", repetitions)
                        .put("warmups", warmUps);
        if (!floeRuns.isEmpty()) {
            report.put("floe_records_per_s", median(floeRuns));
        }
        if (!fileSourceRuns.isEmpty()) {
            report.put("filesource_records_per_s", median(fileSourceRuns));
        }
        if (!floeRuns.isEmpty() && !fileSourceRuns.isEmpty()) {
            report.put("ratio_floe_vs_filesource", median(floeRuns) / median(fileSourceRuns));
        }
        report.put("parquet_objects", history.parquet().size())
                .put("parquet_mb", history.bytes() / 1e6)
                .put("history_write_s", history.writeSeconds())
                .put("filesource_format", fileSourceFormat)
                .put("object_reuse", objectReuse);
        return report;
    }

    /**
     * Writes records {@code 0..records-1} into stream {@value #STREAM} with FloeSink, then waits
     * until the bucket holds Parquet objects covering all of them and no segment objects.
     */
    private History writeHistory(long records) throws Exception {
        s3.createBucket(BUCKET);
        Path walDir = root.resolve("wal");
        Files.createDirectories(walDir);
        StreamExecutionEnvironment env = environment(new Configuration());
        env.enableCheckpointing(CHECKPOINT_INTERVAL_MS);
        new FloeBenchSink(s3.endpoint(), BUCKET, s3.accessKey(), s3.secretKey(), etcd.endpoint())
                .attach(
                        env.fromSource(
                                        new NumberSequenceSource(0, records - 1),
                                        WatermarkStrategy.<Long>noWatermarks()
                                                .withTimestampAssigner(
                                                        (id, previous) ->
                                                                BenchRecords.timestampOf(id)),
                                        "records")
                                .map(BenchRecords::payload)
                                .returns(PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO)
                                .name("payload"),
                        STREAM,
                        PARALLELISM,
                        walDir);
        double seconds = env.execute("write-history").getNetRuntime() / 1e3;

        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        while (true) {
            List<S3Object> objects = list(FloeBenchSink.KEY_PREFIX + STREAM + "/");
            List<S3Object> parquet =
                    objects.stream().filter(o -> o.key().endsWith(".parquet")).toList();
            long segments = objects.stream().filter(o -> o.key().endsWith(".seg")).count();
            long covered = parquet.stream().mapToLong(o -> rangeLength(o.key())).sum();
            if (covered == records && segments == 0) {
                return new History(parquet, segments, seconds);
            }
            if (System.nanoTime() > deadline) {
                if (covered != records) {
                    throw new IllegalStateException(
                            String.format(
                                    Locale.ROOT,
                                    "after %s the Parquet objects cover %,d of %,d records",
                                    SETTLE_TIMEOUT,
                                    covered,
                                    records));
                }
                return new History(parquet, segments, seconds);
            }
            Thread.sleep(250);
        }
    }

    /** The number of offsets in a Parquet object's key {@code .../<start>-<end>-<epoch>-<id>}. */
    private static long rangeLength(String key) {
        String[] parts = key.substring(key.lastIndexOf('/') + 1).split("-");
        return Long.parseLong(parts[1]) - Long.parseLong(parts[0]);
    }

    private Run floe(long records) throws Exception {
        FloeSource<byte[]> source =
                FloeSource.<byte[]>builder().stream(STREAM)
                        .deserializer(FloeDeserializers.bytes())
                        .s3(s3.endpoint(), BUCKET)
                        .s3Credentials(s3.accessKey(), s3.secretKey())
                        .set(FloeConnectionOptions.S3_KEY_PREFIX, FloeBenchSink.KEY_PREFIX)
                        .etcd(etcd.endpoint())
                        .set(FloeConnectionOptions.ETCD_NAMESPACE, FLOE_NAMESPACE)
                        .bounded()
                        .build();
        return read(
                "floe",
                records,
                env ->
                        env.fromSource(source, WatermarkStrategy.noWatermarks(), "floe")
                                .sinkTo(new CountingSink<byte[]>(label(), v -> v))
                                .name("count"));
    }

    private Run fileSource(List<String> paths, long records) throws Exception {
        org.apache.flink.core.fs.Path[] files =
                paths.stream()
                        .map(org.apache.flink.core.fs.Path::new)
                        .toArray(org.apache.flink.core.fs.Path[]::new);
        return columnarFileSource(files, records);
    }

    /** FileSource with flink-parquet's vectorized reader, producing columnar rows. */
    private Run columnarFileSource(org.apache.flink.core.fs.Path[] files, long records)
            throws Exception {
        RowType rowType = floeRowType();
        ParquetColumnarRowInputFormat<FileSourceSplit> format =
                new ParquetColumnarRowInputFormat<>(
                        new org.apache.hadoop.conf.Configuration(),
                        rowType,
                        InternalTypeInfo.of(rowType),
                        FILESOURCE_BATCH_ROWS,
                        true,
                        true);
        FileSource<RowData> source = FileSource.forBulkFileFormat(format, files).build();
        int value = rowType.getFieldIndex("_value");
        return read(
                "filesource",
                records,
                env ->
                        env.fromSource(source, WatermarkStrategy.noWatermarks(), "filesource")
                                .sinkTo(new CountingSink<RowData>(label(), r -> r.getBinary(value)))
                                .name("count"));
    }

    /** Floe's Parquet row for a stream without a value schema (docs/formats.md). */
    static RowType floeRowType() {
        return RowType.of(
                new LogicalType[] {
                    new BigIntType(false),
                    new BigIntType(false),
                    new VarBinaryType(true, VarBinaryType.MAX_LENGTH),
                    new IntType(false),
                    new MapType(
                            false,
                            new VarCharType(false, VarCharType.MAX_LENGTH),
                            new VarBinaryType(true, VarBinaryType.MAX_LENGTH)),
                    new VarBinaryType(false, VarBinaryType.MAX_LENGTH)
                },
                new String[] {"_offset", "_timestamp", "_key", "_partition", "_headers", "_value"});
    }

    /** The label of the next job's tally. */
    private String label() {
        return "job-" + jobs;
    }

    /** Runs one bounded job that {@code job} builds and checks it counted every record. */
    private Run read(String reader, long records, Consumer<StreamExecutionEnvironment> job)
            throws Exception {
        CountingSink.Tally tally = CountingSink.reset(label());
        // With object reuse, chained operators hand elements over without a copy, as a tuned job
        // would: without it, FileSource's columnar rows are copied into binary rows on the way.
        StreamExecutionEnvironment env =
                environment(new Configuration().set(PipelineOptions.OBJECT_REUSE, objectReuse));
        job.accept(env);
        JobClient client = env.executeAsync(reader + "-" + label());
        JobExecutionResult result = client.getJobExecutionResult().get();
        jobs++;
        boolean reused =
                cluster.getArchivedExecutionGraph(client.getJobID())
                        .get()
                        .getArchivedExecutionConfig()
                        .getObjectReuseEnabled();
        if (reused != objectReuse) {
            throw new IllegalStateException(
                    reader + " ran with object reuse " + reused + ", not " + objectReuse);
        }
        if (tally.records() != records
                || tally.valueBytes() != records * BenchRecords.PAYLOAD_BYTES) {
            throw new IllegalStateException(
                    String.format(
                            Locale.ROOT,
                            "%s read %,d records and %,d value bytes; expected %,d and %,d",
                            reader,
                            tally.records(),
                            tally.valueBytes(),
                            records,
                            records * BenchRecords.PAYLOAD_BYTES));
        }
        return new Run(reader, tally.records(), tally.valueBytes(), result.getNetRuntime() / 1e3);
    }

    private StreamExecutionEnvironment environment(Configuration jobConf) {
        return new TestStreamEnvironment(cluster, jobConf, PARALLELISM, List.of(), List.of());
    }

    private List<S3Object> list(String prefix) {
        List<S3Object> objects = new ArrayList<>();
        client.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix))
                .contents()
                .forEach(objects::add);
        return objects;
    }

    private static double median(List<Run> runs) {
        return BenchReport.median(runs.stream().mapToDouble(Run::recordsPerSecond).toArray());
    }

    private static Run last(List<Run> runs) {
        return runs.get(runs.size() - 1);
    }
}
