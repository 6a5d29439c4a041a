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

import dev.floe.wal.bench.BenchReport;
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.testing.EtcdServer;
import dev.floe.wal.testing.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.DoubleSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.util.TimeUtils;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * Benchmark {@code partitions}: the {@code sink} benchmark's Floe job (FloeSink exactly-once,
 * checkpoints every second, parallelism 2, records spread over the partitions in turn by each
 * subtask, a local S3 server and etcd) at several partition counts, each into a fresh stream and
 * bucket. For each count: records/s, completed checkpoints and their p50/p99, the requests S3Proxy
 * served on the run's bucket and the etcd calls (both counted by the servers, from their Prometheus
 * metrics) per checkpoint and per writer, and this JVM's peak threads and heap (the MiniCluster's
 * TaskManager runs in it). A run that exceeds the time budget is cancelled; it, and a run that
 * failed, report the records committed by then.
 *
 * <p>Arguments: records (default {@value #DEFAULT_RECORDS}), then any of {@code
 * --partitions=4,64,256,1024}, {@code --warmup=N} (records of a discarded first job at each
 * partition count; default as many as a measured job, 0 for none), {@code --warmup-rounds=N}
 * (warm-up jobs at each count, default {@value #DEFAULT_WARM_UP_ROUNDS}), {@code
 * --time-budget=600s} (per partition count, from submission), {@code --parallelism=N} and {@code
 * --repeat=N} (rounds over the counts; each count is reported by its median run). Not thread-safe;
 * run it once per JVM.
 */
public final class PartitionsBench {

    private static final long DEFAULT_RECORDS = 5_000_000L;
    private static final List<Integer> DEFAULT_PARTITIONS = List.of(4, 64, 256, 1024);
    private static final int DEFAULT_WARM_UP_ROUNDS = 6;
    private static final Duration DEFAULT_BUDGET = Duration.ofSeconds(600);
    private static final Duration CANCEL_TIMEOUT = Duration.ofMinutes(5);

    /** The figures of one partition count. */
    record Run(
            int partitions,
            String incomplete,
            long committed,
            double seconds,
            JobFigures job,
            RequestCounts requests,
            CheckpointSampler.Steady steady,
            Phases phases,
            JvmPeaks.Figures jvm) {

        /** Whether every record was committed within the time budget. */
        boolean complete() {
            return incomplete.isEmpty();
        }

        double recordsPerSecond() {
            return committed / seconds;
        }

        /** {@code count} per completed checkpoint (per run if none completed). */
        double perCheckpoint(long count) {
            return count / (double) Math.max(1, job.checkpoints());
        }

        double s3PerCheckpoint() {
            return perCheckpoint(requests.s3Requests());
        }

        double partsPerCheckpoint() {
            return perCheckpoint(requests.s3("UploadPart"));
        }

        double txnsPerCheckpoint() {
            return perCheckpoint(requests.etcd("Txn"));
        }

        /**
         * Records per second while the job read its input, start and close left out: what the
         * checkpoints on the way cost, without the fixed costs of a bounded job. Zero where the
         * phases were not seen.
         */
        double ingestRecordsPerSecond() {
            double seconds = phases.ingestSeconds();
            return seconds > 0 ? committed / seconds : 0;
        }

        /** S3 requests per checkpoint between the first and last completed checkpoint. */
        double steadyS3PerCheckpoint() {
            return steady.perCheckpoint(steady.requests().s3Requests());
        }

        double steadyPartsPerCheckpoint() {
            return steady.perCheckpoint(steady.requests().s3("UploadPart"));
        }

        /** etcd transactions per checkpoint between the first and last completed checkpoint. */
        double steadyTxnsPerCheckpoint() {
            return steady.perCheckpoint(steady.requests().etcd("Txn"));
        }
    }

    /**
     * Where a run's time went, from the job's submission: until it read its first record (writers
     * starting: claims, WALs), reading its input (with the checkpoints on the way), and from its
     * last record to its end (the last commit and tiering what is left). Zero where not seen. With
     * the JVM's CPU time, and the part of it its JIT compiler threads took (compiling code the run
     * reached often enough, a cost a long-running TaskManager pays once).
     */
    record Phases(
            double startSeconds,
            double ingestSeconds,
            double closeSeconds,
            double cpuSeconds,
            double jitSeconds) {

        static Phases of(
                long submitted,
                long inputStart,
                long inputEnd,
                long ended,
                double cpuSeconds,
                double jitSeconds) {
            if (inputStart == 0 || inputEnd == 0) {
                return new Phases(0, 0, 0, cpuSeconds, jitSeconds);
            }
            return new Phases(
                    (inputStart - submitted) / 1e9,
                    (inputEnd - inputStart) / 1e9,
                    (ended - inputEnd) / 1e9,
                    cpuSeconds,
                    jitSeconds);
        }
    }

    /**
     * CPU time this JVM's JIT compiler threads used so far, from {@code /proc/self/task} (Linux, in
     * clock ticks of 10 ms); where that cannot be read, the compilers' elapsed time, which also
     * counts time they waited for a core.
     */
    static double jitSeconds() {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return java.lang.management.ManagementFactory.getCompilationMXBean()
                            .getTotalCompilationTime()
                    / 1e3;
        }
        long ticks = 0;
        try (java.util.stream.Stream<Path> threads = Files.list(tasks)) {
            for (Path thread : threads.toList()) {
                String stat;
                try {
                    stat = Files.readString(thread.resolve("stat"));
                } catch (java.io.IOException e) {
                    continue; // the thread ended
                }
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                String name = stat.substring(open + 1, close);
                if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                    String[] fields = stat.substring(close + 2).split(" ");
                    // utime and stime, fields 14 and 15 of the line.
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                }
            }
        } catch (java.io.IOException e) {
            return Double.NaN;
        }
        return ticks / 100.0;
    }

    /** CPU time this JVM (the Flink cluster and the sink, not etcd or S3Proxy) used so far. */
    private static double processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean)
                                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                / 1e9;
    }

    private final S3ProxyServer s3;
    private final EtcdServer etcd;
    private final MiniCluster cluster;
    private final Path root;
    private final int parallelism;
    private final Duration budget;

    private PartitionsBench(
            S3ProxyServer s3,
            EtcdServer etcd,
            MiniCluster cluster,
            Path root,
            int parallelism,
            Duration budget) {
        this.s3 = s3;
        this.etcd = etcd;
        this.cluster = cluster;
        this.root = root;
        this.parallelism = parallelism;
        this.budget = budget;
    }

    public static void main(String[] args) throws Exception {
        SinkBench.quietNoise();
        // Floe logs a few lines per partition and run: thousands at 1,024 partitions.
        Configurator.setLevel("dev.floe", Level.WARN);
        Configurator.setLevel("dev.floe.wal.testing", Level.INFO);
        List<Long> positional = new ArrayList<>();
        List<Integer> counts = DEFAULT_PARTITIONS;
        long warmUp = -1;
        Duration budget = DEFAULT_BUDGET;
        int parallelism = 2;
        int repeat = 1;
        int warmUpRounds = DEFAULT_WARM_UP_ROUNDS;
        for (String arg : args) {
            if (arg.startsWith("--partitions=")) {
                counts = partitionCounts(arg.substring("--partitions=".length()));
            } else if (arg.startsWith("--warmup=")) {
                warmUp = Long.parseLong(arg.substring("--warmup=".length()));
            } else if (arg.startsWith("--warmup-rounds=")) {
                warmUpRounds = Integer.parseInt(arg.substring("--warmup-rounds=".length()));
            } else if (arg.startsWith("--time-budget=")) {
                budget = TimeUtils.parseDuration(arg.substring("--time-budget=".length()));
            } else if (arg.startsWith("--repeat=")) {
                repeat = Integer.parseInt(arg.substring("--repeat=".length()));
                if (repeat < 1) {
                    throw new IllegalArgumentException(
                            "--repeat must be at least 1, got " + repeat);
                }
            } else if (arg.startsWith("--parallelism=")) {
                parallelism = Integer.parseInt(arg.substring("--parallelism=".length()));
            } else if (arg.startsWith("--")) {
                throw new IllegalArgumentException("unknown option " + arg);
            } else {
                positional.add(Long.parseLong(arg));
            }
        }
        long records = positional.isEmpty() ? DEFAULT_RECORDS : positional.get(0);
        for (int count : counts) {
            if (count < parallelism) {
                throw new IllegalArgumentException(
                        "--partitions="
                                + count
                                + " is below the parallelism "
                                + parallelism
                                + ": every sink subtask needs a partition");
            }
        }

        Path root = Files.createTempDirectory("floe-bench-partitions");
        List<Run> runs = new ArrayList<>();
        BenchReport report = null;
        try (S3ProxyServer s3 = S3ProxyServer.start("bench-partitions");
                EtcdServer etcd = EtcdServer.start("bench-partitions")) {
            MiniCluster cluster =
                    SinkBench.startCluster(SinkBench.clusterConfiguration(s3), parallelism);
            try {
                PartitionsBench bench =
                        new PartitionsBench(s3, etcd, cluster, root, parallelism, budget);
                long warmUpRecords = warmUp < 0 ? records : warmUp;
                // At every count: many partitions run code (the tiering pool, shared objects,
                // large manifest transactions) that few never reach, and a measured run must not
                // pay for compiling it. Code that runs once per row group or partition, not per
                // record, reaches the compiler's thresholds only after several jobs: at 1,024
                // partitions the optimizing compiler still took up to 2 s of a measured job's CPU
                // after 3 rounds, and about 1 s after 6.
                for (int round = 1; warmUpRecords > 0 && round <= warmUpRounds; round++) {
                    for (int count : counts) {
                        System.out.printf(
                                Locale.ROOT,
                                "warm-up %d: %,d records into %d partitions%n",
                                round,
                                warmUpRecords,
                                count);
                        System.out.println(
                                "  "
                                        + describe(
                                                bench.run(
                                                        "warmup-" + count + "-" + round,
                                                        count,
                                                        warmUpRecords)));
                    }
                }
                // Rounds over every count, so that a count's runs meet the machine's changing
                // load as the others do; each count is reported by its median run.
                Map<Integer, List<Run>> byCount = new LinkedHashMap<>();
                for (int round = 1; round <= repeat; round++) {
                    for (int count : counts) {
                        String label = "p" + count + (repeat > 1 ? "-" + round : "");
                        Run run = bench.run(label, count, records);
                        byCount.computeIfAbsent(count, c -> new ArrayList<>()).add(run);
                        System.out.println(describe(run));
                    }
                }
                byCount.values().forEach(r -> runs.add(median(r)));
                report = bench.report(records, repeat, runs, byCount);
            } finally {
                cluster.close();
            }
        } finally {
            BenchReport.deleteTree(root);
            // After every service has stopped, so nothing logs after the JSON line.
            if (report != null) {
                System.out.println();
                System.out.print(PartitionsSummary.table(runs, parallelism));
                report.print();
            }
        }
    }

    /**
     * Writes {@code records} into a fresh stream of {@code partitions} partitions, in bucket and
     * stream {@code bench-partitions-<label>}, within the time budget.
     */
    private Run run(String label, int partitions, long records) throws Exception {
        String bucket = "bench-partitions-" + label;
        s3.createBucket(bucket);
        String stream = bucket;
        Path wal = Files.createDirectories(root.resolve("wal").resolve(label));
        FloeBenchSink floe =
                new FloeBenchSink(
                        s3.endpoint(), bucket, s3.accessKey(), s3.secretKey(), etcd.endpoint());
        JvmPeaks.awaitThreadsSettled();
        RequestCounts before = RequestCounts.scrape(s3, bucket, etcd);
        JvmPeaks peaks = JvmPeaks.start();
        double cpuBefore = processCpuSeconds();
        double jitBefore = jitSeconds();
        long submitted = System.nanoTime();
        JobClient job =
                BoundedSinkJob.start(
                        cluster,
                        new Configuration(),
                        parallelism,
                        "floe-partitions-" + label,
                        records,
                        s -> floe.attach(s, stream, partitions, wal));
        CheckpointSampler sampler =
                new CheckpointSampler(cluster, job.getJobID(), s3, bucket, etcd, records);
        JobExecutionResult result = null;
        String incomplete = "";
        try {
            long remaining = budget.toNanos() - (System.nanoTime() - submitted);
            result = job.getJobExecutionResult().get(remaining, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            incomplete = "over the time budget of " + budget.toSeconds() + " s";
        } catch (ExecutionException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            incomplete = "failed: " + root;
        }
        long ended = System.nanoTime();
        double cpuAfter = processCpuSeconds();
        double jitAfter = jitSeconds();
        double seconds = result != null ? result.getNetRuntime() / 1e3 : (ended - submitted) / 1e9;
        // Counted before a cancel, which is not part of the run.
        RequestCounts requests = RequestCounts.scrape(s3, bucket, etcd).since(before);
        sampler.close();
        JvmPeaks.Figures jvm = peaks.stop();
        long committed = committed(floe, stream, partitions);
        if (!incomplete.isEmpty()) {
            System.out.println(label + ": " + incomplete);
            cancel(job, label);
        }
        JobFigures figures =
                JobFigures.of(cluster.getArchivedExecutionGraph(job.getJobID()).get(), seconds);
        if (incomplete.isEmpty() && committed != records) {
            System.out.printf(
                    Locale.ROOT,
                    "WARNING: %s finished with %,d records committed, not %,d%n",
                    stream,
                    committed,
                    records);
        }
        return new Run(
                partitions,
                incomplete,
                committed,
                seconds,
                figures,
                requests,
                sampler.steady(),
                Phases.of(
                        submitted,
                        sampler.inputStartNanos(),
                        sampler.inputEndNanos(),
                        ended,
                        cpuAfter - cpuBefore,
                        jitAfter - jitBefore),
                jvm);
    }

    private void cancel(JobClient job, String label) throws Exception {
        if (job.getJobStatus().get().isGloballyTerminalState()) {
            return;
        }
        job.cancel().get(CANCEL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        try {
            job.getJobExecutionResult().get(CANCEL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException expected) {
            // A cancelled job ends with a failure.
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "job " + label + " did not end within " + CANCEL_TIMEOUT + " of its cancel", e);
        }
    }

    /**
     * Records committed to {@code stream}, over every partition; 0 if the sink never created it.
     */
    private static long committed(FloeBenchSink floe, String stream, int partitions) {
        try (ManifestStore manifest = floe.manifest()) {
            if (manifest.stream(stream).isEmpty()) {
                return 0;
            }
            long committed = 0;
            for (int p = 0; p < partitions; p++) {
                committed += manifest.head(stream, p).committedEnd();
            }
            return committed;
        }
    }

    /** The run whose records/s is the median of {@code runs} (the lower one of an even count). */
    private static Run median(List<Run> runs) {
        List<Run> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparingDouble(Run::recordsPerSecond));
        return sorted.get((sorted.size() - 1) / 2);
    }

    private BenchReport report(
            long records, int repeat, List<Run> runs, Map<Integer, List<Run>> byCount) {
        BenchReport report =
                new BenchReport("partitions")
                        .put("records", records)
                        .put("record_bytes", BenchRecords.PAYLOAD_BYTES)
                        .put("parallelism", parallelism)
                        .put("checkpoint_interval_ms", BoundedSinkJob.CHECKPOINT_INTERVAL_MS)
                        .put("time_budget_s", budget.toSeconds())
                        .put("runs_per_count", repeat);
        for (Run r : runs) {
            int n = r.partitions();
            DoubleSummaryStatistics rates =
                    byCount.get(n).stream().mapToDouble(Run::recordsPerSecond).summaryStatistics();
            report.put("complete_" + n, byCount.get(n).stream().allMatch(Run::complete));
            if (repeat > 1) {
                report.put("records_per_s_min_" + n, rates.getMin())
                        .put("records_per_s_max_" + n, rates.getMax());
            }
            if (!r.complete()) {
                report.put("incomplete_" + n, r.incomplete());
            }
            report.put("records_committed_" + n, r.committed())
                    .put("seconds_" + n, r.seconds())
                    .put("records_per_s_" + n, r.recordsPerSecond())
                    .put("start_seconds_" + n, r.phases().startSeconds())
                    .put("ingest_seconds_" + n, r.phases().ingestSeconds())
                    .put("close_seconds_" + n, r.phases().closeSeconds())
                    .put("ingest_records_per_s_" + n, r.ingestRecordsPerSecond())
                    .put("cpu_seconds_" + n, r.phases().cpuSeconds())
                    .put("jit_seconds_" + n, r.phases().jitSeconds())
                    .put("checkpoints_" + n, r.job().checkpoints())
                    .put("checkpoint_p50_ms_" + n, r.job().p50CheckpointMs())
                    .put("checkpoint_p99_ms_" + n, r.job().p99CheckpointMs())
                    .put("s3_requests_" + n, r.requests().s3Requests())
                    .put("s3_requests_per_checkpoint_" + n, r.steadyS3PerCheckpoint())
                    .put(
                            "s3_requests_per_checkpoint_per_writer_" + n,
                            r.steadyS3PerCheckpoint() / parallelism)
                    .put("s3_requests_per_checkpoint_whole_job_" + n, r.s3PerCheckpoint())
                    .put("steady_checkpoints_" + n, r.steady().checkpoints())
                    .put("s3_upload_parts_per_checkpoint_" + n, r.steadyPartsPerCheckpoint())
                    .put(
                            "s3_puts_per_checkpoint_" + n,
                            r.perCheckpoint(r.requests().s3("PutObject")))
                    .put("etcd_txns_" + n, r.requests().etcd("Txn"))
                    .put("etcd_txns_per_checkpoint_" + n, r.steadyTxnsPerCheckpoint())
                    .put(
                            "etcd_txns_per_checkpoint_per_writer_" + n,
                            r.steadyTxnsPerCheckpoint() / parallelism)
                    .put("etcd_txns_per_checkpoint_whole_job_" + n, r.txnsPerCheckpoint())
                    .put(
                            "etcd_ranges_per_checkpoint_" + n,
                            r.perCheckpoint(r.requests().etcd("Range")))
                    .put("etcd_puts_per_checkpoint_" + n, r.perCheckpoint(r.requests().etcd("Put")))
                    .put("threads_" + n, r.jvm().peakThreads())
                    .put("threads_at_start_" + n, r.jvm().threadsAtStart())
                    .put("peak_heap_mb_" + n, BenchReport.mb(r.jvm().peakHeapBytes()))
                    .put(
                            "peak_heap_after_gc_mb_" + n,
                            BenchReport.mb(r.jvm().peakHeapAfterGcBytes()));
        }
        Run fewest = runs.get(0);
        Run most = runs.get(runs.size() - 1);
        if (runs.size() > 1) {
            report.put(
                    "ratio_" + most.partitions() + "_vs_" + fewest.partitions(),
                    most.recordsPerSecond() / fewest.recordsPerSecond());
            report.put(
                    "ingest_ratio_" + most.partitions() + "_vs_" + fewest.partitions(),
                    most.ingestRecordsPerSecond() / fewest.ingestRecordsPerSecond());
        }
        return report;
    }

    private static String describe(Run r) {
        return String.format(
                Locale.ROOT,
                "%,5d partitions: %,d records committed in %.1f s%s = %,.0f records/s"
                        + " (start %.1f s, input %.1f s, close %.1f s; CPU %.1f s, JIT %.1f s);"
                        + " %d checkpoints (p50 %.0f ms, p99 %.0f ms); S3 %s; etcd %s;"
                        + " threads %d -> peak %d; heap peak %.0f MB, after GC %.0f MB",
                r.partitions(),
                r.committed(),
                r.seconds(),
                r.complete() ? "" : " (INCOMPLETE: " + r.incomplete() + ")",
                r.recordsPerSecond(),
                r.phases().startSeconds(),
                r.phases().ingestSeconds(),
                r.phases().closeSeconds(),
                r.phases().cpuSeconds(),
                r.phases().jitSeconds(),
                r.job().checkpoints(),
                r.job().p50CheckpointMs(),
                r.job().p99CheckpointMs(),
                r.requests().s3ByOperation(),
                r.requests().etcdByMethod(),
                r.jvm().threadsAtStart(),
                r.jvm().peakThreads(),
                BenchReport.mb(r.jvm().peakHeapBytes()),
                BenchReport.mb(r.jvm().peakHeapAfterGcBytes()));
    }

    private static List<Integer> partitionCounts(String list) {
        try {
            List<Integer> counts =
                    Arrays.stream(list.split(","))
                            .map(String::strip)
                            .map(Integer::valueOf)
                            .toList();
            if (counts.isEmpty()) {
                throw new IllegalArgumentException("--partitions needs at least one count");
            }
            return counts;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "--partitions takes counts separated by commas, such as 4,64: " + list, e);
        }
    }
}
