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

import dev.floe.flink.sink.bench.PartitionsBench.Run;
import dev.floe.wal.bench.BenchReport;
import java.util.List;
import java.util.Locale;

/**
 * The {@code partitions} benchmark's table for people: one row per partition count, then the most
 * partitions against the fewest next to the targets of many-partition writing. Stateless.
 */
final class PartitionsSummary {

    private static final double TARGET_RATIO = 0.8;
    private static final int TARGET_S3_PER_WRITER = 10;
    private static final int TARGET_ETCD_PER_WRITER = 20;
    private static final int TARGET_THREAD_GROWTH = 50;

    private PartitionsSummary() {}

    static String table(List<Run> runs, int writers) {
        StringBuilder out = new StringBuilder();
        out.append(
                String.format(
                        Locale.ROOT,
                        "%10s %8s %11s %6s %7s %7s | %-26s | %-22s | %7s %14s%n",
                        "partitions",
                        "complete",
                        "records/s",
                        "ckpts",
                        "p50 ms",
                        "p99 ms",
                        "S3 req/ckpt (/writer, parts)",
                        "etcd txn/ckpt (/writer)",
                        "threads",
                        "heap MB (GC)"));
        for (Run r : runs) {
            out.append(
                    String.format(
                            Locale.ROOT,
                            "%10d %8s %,11.0f %6d %7.0f %7.0f | %9s (%6s, %5s)    | %9s (%6s)      |"
                                    + " %7d %7.0f (%4.0f)%n",
                            r.partitions(),
                            r.complete() ? "yes" : "NO",
                            r.recordsPerSecond(),
                            r.job().checkpoints(),
                            r.job().p50CheckpointMs(),
                            r.job().p99CheckpointMs(),
                            tenths(r.steadyS3PerCheckpoint()),
                            tenths(r.steadyS3PerCheckpoint() / writers),
                            tenths(r.steadyPartsPerCheckpoint()),
                            tenths(r.steadyTxnsPerCheckpoint()),
                            tenths(r.steadyTxnsPerCheckpoint() / writers),
                            r.jvm().peakThreads(),
                            BenchReport.mb(r.jvm().peakHeapBytes()),
                            BenchReport.mb(r.jvm().peakHeapAfterGcBytes())));
        }
        out.append(
                "S3 requests: served on the run's bucket, counted by S3Proxy; etcd: gRPC Txn calls"
                        + " counted by etcd; both between the job's first and last completed"
                        + " checkpoint, divided by the checkpoints between them (the job's start and"
                        + " its close, with the final tiering, are in the JSON's whole-job"
                        + " figures); an incomplete count's figures stop when its time budget was"
                        + " spent; n/a: fewer than two checkpoints completed while records were"
                        + " read.\n");
        if (runs.size() < 2) {
            return out.toString();
        }
        Run fewest = runs.get(0);
        Run most = runs.get(runs.size() - 1);
        int n = most.partitions();
        out.append(
                String.format(
                        Locale.ROOT,
                        "targets at %d partitions against %d (%d writers):%n",
                        n,
                        fewest.partitions(),
                        writers));
        double ratio = most.recordsPerSecond() / fewest.recordsPerSecond();
        out.append(line("records/s ratio", ratio, ">= " + TARGET_RATIO, ratio >= TARGET_RATIO));
        out.append(
                String.format(
                        Locale.ROOT,
                        "  %-30s %10.2f   (information: records/s while reading input, start and"
                                + " close left out)%n",
                        "ingest records/s ratio",
                        most.ingestRecordsPerSecond() / fewest.ingestRecordsPerSecond()));
        double s3Limit = TARGET_S3_PER_WRITER * writers + most.steadyPartsPerCheckpoint();
        out.append(
                line(
                        "S3 requests per checkpoint",
                        most.steadyS3PerCheckpoint(),
                        String.format(
                                Locale.ROOT,
                                "<= %d per writer + %s parts = %s",
                                TARGET_S3_PER_WRITER,
                                tenths(most.steadyPartsPerCheckpoint()),
                                tenths(s3Limit)),
                        most.steadyS3PerCheckpoint() <= s3Limit));
        int etcdLimit = TARGET_ETCD_PER_WRITER * writers;
        out.append(
                line(
                        "etcd txns per checkpoint",
                        most.steadyTxnsPerCheckpoint(),
                        "<= " + TARGET_ETCD_PER_WRITER + " per writer = " + etcdLimit,
                        most.steadyTxnsPerCheckpoint() <= etcdLimit));
        int growth = most.jvm().peakThreads() - fewest.jvm().peakThreads();
        out.append(
                line(
                        "threads more than at " + fewest.partitions(),
                        growth,
                        "<= " + TARGET_THREAD_GROWTH,
                        growth <= TARGET_THREAD_GROWTH));
        return out.toString();
    }

    private static String tenths(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.1f", value) : "n/a";
    }

    private static String line(String what, double value, String target, boolean met) {
        if (!Double.isFinite(value)) {
            return String.format(
                    Locale.ROOT,
                    "  %-30s %10s   target %-36s %s%n",
                    what,
                    "n/a",
                    target,
                    "not measured: fewer than two checkpoints while records were read");
        }
        return String.format(
                Locale.ROOT,
                "  %-30s %10.2f   target %-36s %s%n",
                what,
                value,
                target,
                met ? "met" : "NOT MET");
    }
}
