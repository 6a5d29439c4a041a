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
package dev.floe.flink.table.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.floe.flink.connection.FloeConnectionOptions;
import dev.floe.flink.sink.FloeRecordSerializers;
import dev.floe.flink.sink.FloeSink;
import dev.floe.flink.sink.FloeSinkOptions;
import dev.floe.flink.sink.bench.FloeBenchSink;
import dev.floe.flink.sink.bench.SinkBench;
import dev.floe.flink.source.FloeDeserializers;
import dev.floe.flink.source.FloeSource;
import dev.floe.wal.bench.BenchReport;
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.testing.EtcdServer;
import dev.floe.wal.testing.S3ProxyServer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.formats.avro.typeutils.GenericRecordAvroTypeInfo;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.apache.flink.table.api.bridge.java.StreamStatementSet;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;

/**
 * Benchmark {@code sql}: on a Flink MiniCluster (parallelism 2, checkpoints every second, object
 * reuse on), the same generated orders of six typed fields go into a local S3 server and etcd by
 * {@code INSERT INTO} a {@code 'connector' = 'floe'} table with the native {@code avro} value
 * format, and by a DataStream job with FloeSink and {@code FloeRecordSerializers.avro} of the same
 * Avro schema, each into a fresh stream of 2 partitions, exactly-once, tiered inline into one
 * Parquet object per partition. Both jobs take their orders from the same generator: sequence
 * numbers of a {@link NumberSequenceSource} mapped by {@link Orders#of}, handed to SQL as a view of
 * internal rows. Then the SQL-written stream is read to its end by {@code SELECT *} over a table
 * with {@code 'scan.bounded.mode' = 'latest-offset'}, and by FloeSource with {@code
 * FloeDeserializers.avro}, each into a sink that counts the orders and sums their ids. Reports
 * records per second of each job (job runtime) and the ratios SQL ÷ DataStream, each the median of
 * the rounds' ratios; also the same ratios of records per second of this JVM's CPU time, which
 * other processes on the machine disturb less.
 *
 * <p>Arguments: {@code --records=N} (default 8,000,000) and {@code --warmup=N} (records of a
 * discarded first round of all four jobs; default a quarter of the records, 0 for none), {@code
 * --repetitions=N} (rounds of the four jobs, default 3, alternating which path goes first; medians
 * are reported). Not thread-safe; run it once per JVM.
 */
public final class SqlBench {

    private static final int PARALLELISM = 2;
    private static final int PARTITIONS = 2;
    private static final long CHECKPOINT_INTERVAL_MS = 1_000;
    private static final String BUCKET = "bench-sql";

    /** One job's figures. */
    private record Run(String job, long records, double seconds, double cpuSeconds) {

        double recordsPerSecond() {
            return records / seconds;
        }

        /** Records per second of this JVM's CPU time (the MiniCluster's and the client's). */
        double recordsPerCpuSecond() {
            return records / cpuSeconds;
        }

        String describe() {
            return String.format(
                    Locale.ROOT,
                    "%-16s %,d records in %.2f s = %,.0f records/s; %.1f CPU s",
                    job,
                    records,
                    seconds,
                    recordsPerSecond(),
                    cpuSeconds);
        }
    }

    /** The four jobs of one round. */
    private record Round(Run sqlWrite, Run dataStreamWrite, Run sqlRead, Run dataStreamRead) {

        double writeRatio(ToDoubleFunction<Run> figure) {
            return figure.applyAsDouble(sqlWrite) / figure.applyAsDouble(dataStreamWrite);
        }

        double readRatio(ToDoubleFunction<Run> figure) {
            return figure.applyAsDouble(sqlRead) / figure.applyAsDouble(dataStreamRead);
        }

        void print(String label) {
            for (Run r : List.of(sqlWrite, dataStreamWrite, sqlRead, dataStreamRead)) {
                System.out.println(label + ": " + r.describe());
            }
        }
    }

    private final S3ProxyServer s3;
    private final EtcdServer etcd;
    private final MiniCluster cluster;
    private final FloeBenchSink floe;
    private final Path wal;
    private int jobs;

    private SqlBench(S3ProxyServer s3, EtcdServer etcd, MiniCluster cluster, Path wal) {
        this.s3 = s3;
        this.etcd = etcd;
        this.cluster = cluster;
        this.wal = wal;
        this.floe =
                new FloeBenchSink(
                        s3.endpoint(), BUCKET, s3.accessKey(), s3.secretKey(), etcd.endpoint());
    }

    public static void main(String[] args) throws Exception {
        SinkBench.quietNoise();
        long records = 8_000_000L;
        long warmUp = -1;
        int repetitions = 3;
        for (String arg : args) {
            if (arg.startsWith("--records=")) {
                records = Long.parseLong(arg.substring("--records=".length()));
            } else if (arg.startsWith("--warmup=")) {
                warmUp = Long.parseLong(arg.substring("--warmup=".length()));
            } else if (arg.startsWith("--repetitions=")) {
                repetitions = Integer.parseInt(arg.substring("--repetitions=".length()));
            } else {
                throw new IllegalArgumentException(
                        "unknown argument "
                                + arg
                                + "; use --records=N, --warmup=N and --repetitions=N");
            }
        }
        if (records < 1 || repetitions < 1) {
            throw new IllegalArgumentException(
                    "--records and --repetitions must be at least 1: "
                            + records
                            + ", "
                            + repetitions);
        }
        Path root = Files.createTempDirectory("floe-bench-sql");
        BenchReport report;
        try (S3ProxyServer s3 = S3ProxyServer.start("bench-sql");
                EtcdServer etcd = EtcdServer.start("bench-sql")) {
            s3.createBucket(BUCKET);
            MiniCluster cluster = startCluster(SinkBench.clusterConfiguration(s3));
            try {
                report =
                        new SqlBench(s3, etcd, cluster, root.resolve("wal"))
                                .run(records, warmUp < 0 ? records / 4 : warmUp, repetitions);
            } finally {
                cluster.close();
            }
        } finally {
            BenchReport.deleteTree(root);
        }
        // After every service has stopped, so nothing logs after the JSON line.
        report.print();
    }

    private static MiniCluster startCluster(Configuration conf) throws Exception {
        MiniCluster cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(conf)
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(PARALLELISM)
                                .build());
        cluster.start();
        return cluster;
    }

    private BenchReport run(long records, long warmUp, int repetitions) throws Exception {
        if (warmUp > 0) {
            System.out.printf(Locale.ROOT, "warm-up: %,d records through each job%n", warmUp);
            round("warmup", warmUp, true).print("  warm-up");
        }
        List<Round> rounds = new ArrayList<>();
        for (int rep = 0; rep < repetitions; rep++) {
            // Alternate which path goes first, so neither always runs on a warmer JVM.
            Round round = round("run" + rep, records, rep % 2 == 0);
            round.print("run " + rep);
            rounds.add(round);
        }
        return new BenchReport("sql")
                .put("records", records)
                .put("repetitions", repetitions)
                .put("parallelism", PARALLELISM)
                .put("partitions", PARTITIONS)
                .put("checkpoint_interval_ms", CHECKPOINT_INTERVAL_MS)
                .put("value_format", "avro (6 typed columns)")
                .put("warmup_records", warmUp)
                .put("sql_write_records_per_s", median(rounds, Round::sqlWrite))
                .put("datastream_write_records_per_s", median(rounds, Round::dataStreamWrite))
                .put("sql_read_records_per_s", median(rounds, Round::sqlRead))
                .put("datastream_read_records_per_s", median(rounds, Round::dataStreamRead))
                .put(
                        "ratio_sql_vs_datastream_write",
                        medianRatio(rounds, r -> r.writeRatio(Run::recordsPerSecond)))
                .put(
                        "ratio_sql_vs_datastream_read",
                        medianRatio(rounds, r -> r.readRatio(Run::recordsPerSecond)))
                .put(
                        "ratio_sql_vs_datastream_write_per_cpu_s",
                        medianRatio(rounds, r -> r.writeRatio(Run::recordsPerCpuSecond)))
                .put(
                        "ratio_sql_vs_datastream_read_per_cpu_s",
                        medianRatio(rounds, r -> r.readRatio(Run::recordsPerCpuSecond)));
    }

    /** The median records per second of one job over {@code rounds}. */
    private static double median(List<Round> rounds, Function<Round, Run> job) {
        return BenchReport.median(
                rounds.stream().map(job).mapToDouble(Run::recordsPerSecond).toArray());
    }

    /**
     * The median over {@code rounds} of a ratio of two jobs of the same round: jobs that ran next
     * to each other share the machine's load, which other processes may change between rounds.
     */
    private static double medianRatio(List<Round> rounds, ToDoubleFunction<Round> ratio) {
        return BenchReport.median(rounds.stream().mapToDouble(ratio).toArray());
    }

    /**
     * Writes {@code records} orders both ways, then reads the SQL-written stream both ways; SQL
     * first or DataStream first, as {@code sqlFirst} says.
     */
    private Round round(String label, long records, boolean sqlFirst) throws Exception {
        String sqlStream = "sql-" + label;
        String dataStreamStream = "datastream-" + label;
        if (sqlFirst) {
            Run sqlWrite = sqlWrite(sqlStream, records);
            Run dataStreamWrite = dataStreamWrite(dataStreamStream, records);
            Run sqlRead = sqlRead(sqlStream, records);
            return new Round(
                    sqlWrite, dataStreamWrite, sqlRead, dataStreamRead(sqlStream, records));
        }
        Run dataStreamWrite = dataStreamWrite(dataStreamStream, records);
        Run sqlWrite = sqlWrite(sqlStream, records);
        Run dataStreamRead = dataStreamRead(sqlStream, records);
        return new Round(sqlWrite, dataStreamWrite, sqlRead(sqlStream, records), dataStreamRead);
    }

    private Run sqlWrite(String stream, long records) throws Exception {
        StreamExecutionEnvironment env = environment();
        StreamTableEnvironment tables = StreamTableEnvironment.create(env);
        tables.createTemporaryView(
                "orders",
                orders(env, records)
                        .map(id -> Orders.of(id).row())
                        .returns(InternalTypeInfo.of(Orders.ROW_TYPE))
                        .name("rows"));
        tables.executeSql(createTable("floe_orders", stream));
        StreamStatementSet insert = tables.createStatementSet();
        insert.addInsertSql("INSERT INTO floe_orders SELECT * FROM orders");
        insert.attachAsDataStream();
        Run run = execute(env, "sql-write", records);
        checkCommitted(stream, records);
        return run;
    }

    private Run dataStreamWrite(String stream, long records) throws Exception {
        StreamExecutionEnvironment env = environment();
        Schema schema = Orders.avroSchema(stream);
        FloeSink<GenericRecord> sink =
                FloeSink.<GenericRecord>builder().stream(stream)
                        .partitions(PARTITIONS)
                        .serializer(FloeRecordSerializers.avro(schema))
                        .s3(s3.endpoint(), BUCKET)
                        .s3Credentials(s3.accessKey(), s3.secretKey())
                        .etcd(etcd.endpoint())
                        .configure(Configuration.fromMap(sharedOptions()))
                        .build();
        orders(env, records)
                .map(id -> Orders.of(id).avro(schema))
                .returns(new GenericRecordAvroTypeInfo(schema))
                .name("records")
                .sinkTo(sink)
                .name("floe");
        Run run = execute(env, "datastream-write", records);
        checkCommitted(stream, records);
        return run;
    }

    private Run sqlRead(String stream, long records) throws Exception {
        StreamExecutionEnvironment env = environment();
        StreamTableEnvironment tables = StreamTableEnvironment.create(env);
        tables.executeSql(createTable("floe_orders", stream));
        DataStream<RowData> rows =
                tables.toDataStream(
                        tables.sqlQuery("SELECT * FROM floe_orders"),
                        Orders.DATA_TYPE.bridgedTo(RowData.class));
        rows.sinkTo(new OrderCountingSink<RowData>(label(), r -> r.getLong(0))).name("count");
        return execute(env, "sql-read", records);
    }

    private Run dataStreamRead(String stream, long records) throws Exception {
        StreamExecutionEnvironment env = environment();
        FloeSource<GenericRecord> source =
                FloeSource.<GenericRecord>builder().stream(stream)
                        .deserializer(FloeDeserializers.avro(Orders.avroSchema(stream)))
                        .s3(s3.endpoint(), BUCKET)
                        .s3Credentials(s3.accessKey(), s3.secretKey())
                        .etcd(etcd.endpoint())
                        .configure(Configuration.fromMap(sharedOptions()))
                        .bounded()
                        .build();
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "floe")
                .sinkTo(new OrderCountingSink<GenericRecord>(label(), r -> (Long) r.get(0)))
                .name("count");
        return execute(env, "datastream-read", records);
    }

    /** Sequence numbers {@code 0..records-1}: the input of both write jobs. */
    private static DataStream<Long> orders(StreamExecutionEnvironment env, long records) {
        return env.fromSource(
                new NumberSequenceSource(0, records - 1),
                WatermarkStrategy.noWatermarks(),
                "sequence");
    }

    /** A table of stream {@code stream}: the benchmark's connection, bounded at the latest. */
    private String createTable(String table, String stream) {
        Map<String, String> options =
                Map.of(
                        "connector",
                        "floe",
                        "stream",
                        stream,
                        "partitions",
                        String.valueOf(PARTITIONS),
                        "value.format",
                        "avro",
                        "scan.bounded.mode",
                        "latest-offset",
                        "s3.endpoint",
                        s3.endpoint().toString(),
                        "s3.bucket",
                        BUCKET,
                        "s3.access-key",
                        s3.accessKey(),
                        "s3.secret-key",
                        s3.secretKey(),
                        "etcd.endpoints",
                        etcd.endpoint());
        String with =
                Stream.concat(options.entrySet().stream(), sharedOptions().entrySet().stream())
                        .map(e -> "'" + e.getKey() + "' = '" + e.getValue() + "'")
                        .collect(Collectors.joining(", "));
        return "CREATE TABLE " + table + " (" + Orders.COLUMNS + ") WITH (" + with + ")";
    }

    /**
     * The Floe options both paths set, as {@link FloeBenchSink} does: its key prefix and etcd
     * namespace, one Parquet object per partition, superseded segments deleted at once.
     */
    private Map<String, String> sharedOptions() {
        return Map.of(
                FloeConnectionOptions.S3_KEY_PREFIX.key(), FloeBenchSink.KEY_PREFIX,
                FloeConnectionOptions.ETCD_NAMESPACE.key(), floe.namespace(),
                FloeSinkOptions.WAL_DIRECTORY.key(), wal.toString(),
                FloeSinkOptions.TIER_TARGET_SIZE.key(), FloeBenchSink.ONE_OBJECT.toString(),
                FloeSinkOptions.TIER_SUPERSEDED_GRACE.key(), Duration.ZERO.toMillis() + " ms");
    }

    /**
     * Runs the job {@code env} holds and returns its runtime; a reading job's count must be every
     * order once.
     */
    private Run execute(StreamExecutionEnvironment env, String job, long records) throws Exception {
        OrderCountingSink.Tally tally = OrderCountingSink.reset(label());
        double cpuBefore = processCpuSeconds();
        JobClient client = env.executeAsync(job + "-" + label());
        JobExecutionResult result = client.getJobExecutionResult().get();
        double cpuSeconds = processCpuSeconds() - cpuBefore;
        jobs++;
        if (job.endsWith("-read")) {
            long idSum = records * (records - 1) / 2;
            if (tally.records() != records || tally.idSum() != idSum) {
                throw new IllegalStateException(
                        String.format(
                                Locale.ROOT,
                                "%s read %,d orders with ids summing to %,d; expected %,d and %,d",
                                job,
                                tally.records(),
                                tally.idSum(),
                                records,
                                idSum));
            }
        }
        return new Run(job, records, result.getNetRuntime() / 1e3, cpuSeconds);
    }

    private static double processCpuSeconds() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                / 1e9;
    }

    /** Checks that {@code stream} holds exactly {@code records} committed records. */
    private void checkCommitted(String stream, long records) {
        try (ManifestStore manifest = floe.manifest()) {
            long committed = 0;
            for (int p = 0; p < PARTITIONS; p++) {
                committed += manifest.head(stream, p).committedEnd();
            }
            if (committed != records) {
                throw new IllegalStateException(
                        String.format(
                                Locale.ROOT,
                                "%s holds %,d committed records, not %,d",
                                stream,
                                committed,
                                records));
            }
        }
    }

    /** The label of the next job's tally. */
    private String label() {
        return "job-" + jobs;
    }

    private StreamExecutionEnvironment environment() {
        StreamExecutionEnvironment env =
                new TestStreamEnvironment(
                        cluster,
                        new Configuration().set(PipelineOptions.OBJECT_REUSE, true),
                        PARALLELISM,
                        List.of(),
                        List.of());
        env.enableCheckpointing(CHECKPOINT_INTERVAL_MS);
        return env;
    }
}
