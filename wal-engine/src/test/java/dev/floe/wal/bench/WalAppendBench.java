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
package dev.floe.wal.bench;

import dev.floe.wal.format.RecordFrame;
import dev.floe.wal.log.SyncPolicy;
import dev.floe.wal.log.WalOptions;
import dev.floe.wal.log.WriteAheadLog;
import dev.floe.wal.record.WalRecord;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

/**
 * Benchmark {@code wal-append}: durable append throughput and acknowledgement latency of one
 * partition's log, next to a baseline of plain {@link FileChannel} writes forced on the same
 * cadence. Throughput runs append as fast as one thread can (the log pushes back when the disk
 * falls behind); acknowledgement latency is measured both there (saturated, so it includes
 * queueing) and at a steady 1,000,000 records per second. Arguments: records of 100 B (default
 * 5,000,000), megabytes per 4 KiB run and baseline (default 512).
 */
public final class WalAppendBench {

    private static final Duration MAX_WAIT = Duration.ofMillis(2);
    private static final int PACED_RATE = 1_000_000;
    private static final int PACED_BURST = 1_000;

    // Allocated once, so runs do not copy them around in young collections.
    private static long[] appendNanos;
    private static long[] ackNanos;

    public static void main(String[] args) throws Exception {
        int smallRecords = args.length > 0 ? Integer.parseInt(args[0]) : 5_000_000;
        int megabytes = args.length > 1 ? Integer.parseInt(args[1]) : 512;
        Path root = Files.createTempDirectory("floe-bench-wal-append");
        try {
            System.out.println("warm-up...");
            appendNanos = new long[smallRecords];
            ackNanos = new long[smallRecords];
            run(root.resolve("warmup"), 100, smallRecords / 5, 0);
            double baseline = baselineMbPerSecond(root.resolve("baseline.bin"), megabytes);
            Result small = run(root.resolve("small"), 100, smallRecords, 0);
            Result paced = run(root.resolve("paced"), 100, smallRecords, PACED_RATE);
            Result large = run(root.resolve("large"), 4096, (int) (megabytes * 1024L / 4), 0);
            new BenchReport("wal-append")
                    .put("records_100b", smallRecords)
                    .put("records_per_s_100b", small.recordsPerSecond)
                    .put("mb_per_s_100b", small.mbPerSecond)
                    .put("fsyncs_100b", small.fsyncs)
                    .put("p50_ack_ms_100b", paced.p50AckMs)
                    .put("p99_ack_ms_100b", paced.p99AckMs)
                    .put("ack_latency_load_records_per_s", PACED_RATE)
                    .put("p50_ack_ms_100b_saturated", small.p50AckMs)
                    .put("p99_ack_ms_100b_saturated", small.p99AckMs)
                    .put("records_4k", (int) (megabytes * 1024L / 4))
                    .put("mb_per_s_4k", large.mbPerSecond)
                    .put("p99_ack_ms_4k_saturated", large.p99AckMs)
                    .put("baseline_mb_per_s", baseline)
                    .put("ratio_4k_vs_baseline", large.mbPerSecond / baseline)
                    .put("group_commit_max_wait_ms", MAX_WAIT.toMillis())
                    .print();
        } finally {
            BenchReport.deleteTree(root);
        }
    }

    record Result(
            double recordsPerSecond,
            double mbPerSecond,
            double p50AckMs,
            double p99AckMs,
            long fsyncs) {}

    /**
     * Appends {@code count} records from one thread, unpaced or at {@code ratePerSecond} (in bursts
     * of {@value #PACED_BURST}); figures count until the last record is durable.
     */
    static Result run(Path dir, int valueBytes, int count, int ratePerSecond) throws Exception {
        byte[] value = new byte[valueBytes];
        new Random(42).nextBytes(value);
        WalRecord record = WalRecord.of(0, null, value);
        WalOptions options =
                WalOptions.builder()
                        .syncPolicy(SyncPolicy.GROUP)
                        .groupCommitMaxWait(MAX_WAIT)
                        .build();
        long[] acked = {0};
        System.gc();
        try (WriteAheadLog log = WriteAheadLog.open(dir, options)) {
            log.addDurabilityListener(
                    end -> {
                        long now = System.nanoTime();
                        for (long o = acked[0]; o < Math.min(end, count); o++) {
                            ackNanos[(int) o] = now - appendNanos[(int) o];
                        }
                        acked[0] = Math.max(acked[0], end);
                    });
            long started = System.nanoTime();
            long burstNanos = ratePerSecond == 0 ? 0 : 1_000_000_000L * PACED_BURST / ratePerSecond;
            for (int i = 0; i < count; i++) {
                if (burstNanos > 0 && i % PACED_BURST == 0) {
                    long due = started + (i / PACED_BURST) * burstNanos;
                    for (long left = due - System.nanoTime();
                            left > 0;
                            left = due - System.nanoTime()) {
                        LockSupport.parkNanos(left);
                    }
                }
                appendNanos[i] = System.nanoTime();
                log.append(record);
            }
            log.awaitDurable(count - 1);
            long elapsed = System.nanoTime() - started;
            long bytes =
                    (long) count * (RecordFrame.FRAME_OVERHEAD + RecordFrame.recordSize(record));
            double seconds = elapsed / 1e9;
            double p50 = BenchReport.percentile(ackNanos, count, 0.50) / 1e6;
            double p99 = BenchReport.percentile(ackNanos, count, 0.99) / 1e6;
            System.out.printf(
                    "%s: %d records of %d B in %.2f s, %d fsyncs (mean %.2f ms, max %.2f ms),"
                            + " ack p50 %.2f ms p99 %.2f ms%n",
                    dir.getFileName(),
                    count,
                    valueBytes,
                    seconds,
                    log.stats().fsyncs(),
                    log.stats().fsyncNanosTotal() / 1e6 / log.stats().fsyncs(),
                    log.stats().fsyncNanosMax() / 1e6,
                    p50,
                    p99);
            return new Result(
                    count / seconds,
                    BenchReport.mb(bytes) / seconds,
                    p50,
                    p99,
                    log.stats().fsyncs());
        } finally {
            BenchReport.deleteTree(dir);
        }
    }

    /**
     * Plain sequential 64 KiB writes, forced on the group-commit cadence: once the default
     * max-bytes are pending or the max-wait has passed.
     */
    static double baselineMbPerSecond(Path file, int megabytes) throws Exception {
        ByteBuffer chunk = ByteBuffer.allocateDirect(64 * 1024);
        byte[] random = new byte[chunk.capacity()];
        new Random(7).nextBytes(random);
        chunk.put(random).flip();
        long total = megabytes * 1024L * 1024L;
        long maxWaitNanos = MAX_WAIT.toNanos();
        long started = System.nanoTime();
        try (FileChannel ch =
                FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long lastForce = started;
            long pending = 0;
            int maxBytes = WalOptions.defaults().groupCommitMaxBytes();
            for (long written = 0; written < total; written += chunk.capacity()) {
                chunk.rewind();
                while (chunk.hasRemaining()) {
                    ch.write(chunk);
                }
                pending += chunk.capacity();
                if (pending >= maxBytes || System.nanoTime() - lastForce >= maxWaitNanos) {
                    ch.force(false);
                    lastForce = System.nanoTime();
                    pending = 0;
                }
            }
            ch.force(false);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("baseline: %d MiB in %.2f s%n", megabytes, seconds);
        Files.delete(file);
        return megabytes / seconds;
    }
}
