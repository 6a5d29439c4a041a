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

import dev.floe.wal.log.ReadLimit;
import dev.floe.wal.log.TailReader;
import dev.floe.wal.log.WalOptions;
import dev.floe.wal.log.WriteAheadLog;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.record.WalRecord;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Benchmark {@code wal-tail}: read throughput of a tail reader over sealed segments, and the
 * latency from {@code append} to a waiting reader receiving the record, in one process, for written
 * and for durable reads. Arguments: records to read (default 5,000,000), records for the latency
 * runs (default 20,000, at about 10,000 per second).
 */
public final class WalTailBench {

    public static void main(String[] args) throws Exception {
        int readRecords = args.length > 0 ? Integer.parseInt(args[0]) : 5_000_000;
        int latencyRecords = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        Path root = Files.createTempDirectory("floe-bench-wal-tail");
        try {
            WalOptions options = WalOptions.defaults();
            double recordsPerSecond = readThroughput(root.resolve("read"), options, readRecords);
            long[] written =
                    latency(root.resolve("lat-w"), options, ReadLimit.WRITTEN, latencyRecords);
            long[] durable =
                    latency(root.resolve("lat-d"), options, ReadLimit.DURABLE, latencyRecords);
            new BenchReport("wal-tail")
                    .put("records_read", readRecords)
                    .put("tail_records_per_s", recordsPerSecond)
                    .put(
                            "p50_tail_latency_ms",
                            BenchReport.percentile(written, written.length, 0.5) / 1e6)
                    .put(
                            "p99_tail_latency_ms",
                            BenchReport.percentile(written, written.length, 0.99) / 1e6)
                    .put(
                            "p50_durable_tail_latency_ms",
                            BenchReport.percentile(durable, durable.length, 0.5) / 1e6)
                    .put(
                            "p99_durable_tail_latency_ms",
                            BenchReport.percentile(durable, durable.length, 0.99) / 1e6)
                    .put("group_commit_max_wait_ms", options.groupCommitMaxWait().toMillis())
                    .print();
        } finally {
            BenchReport.deleteTree(root);
        }
    }

    static double readThroughput(Path dir, WalOptions options, int count) throws Exception {
        byte[] value = new byte[100];
        try (WriteAheadLog log =
                WriteAheadLog.open(dir, options.toBuilder().segmentBytes(32 << 20).build())) {
            for (int i = 0; i < count; i++) {
                log.append(WalRecord.of(i, null, value));
            }
            log.sync();
            for (int pass = 0; pass < 2; pass++) {
                long read = 0;
                long started = System.nanoTime();
                try (TailReader reader = log.openReader(0, ReadLimit.DURABLE)) {
                    while (read < count) {
                        read += reader.poll(10_000, Duration.ofSeconds(5)).size();
                    }
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf("read pass %d: %d records in %.2f s%n", pass, read, seconds);
                if (pass == 1) {
                    return read / seconds;
                }
            }
        }
        throw new AssertionError("unreachable");
    }

    /** Appends records carrying their append time at ~10k/s; a reader thread measures arrival. */
    static long[] latency(Path dir, WalOptions options, ReadLimit limit, int count)
            throws Exception {
        long[] latencies = new long[count];
        try (WriteAheadLog log = WriteAheadLog.open(dir, options)) {
            Thread reader =
                    new Thread(
                            () -> {
                                try (TailReader r = log.openReader(0, limit)) {
                                    int seen = 0;
                                    while (seen < count) {
                                        List<LoggedRecord> batch =
                                                r.poll(1000, Duration.ofSeconds(5));
                                        long now = System.nanoTime();
                                        for (LoggedRecord rec : batch) {
                                            latencies[seen++] =
                                                    now - ByteBuffer.wrap(rec.value()).getLong();
                                        }
                                    }
                                } catch (Exception e) {
                                    throw new RuntimeException(e);
                                }
                            },
                            "bench-reader");
            reader.start();
            long intervalNanos = TimeUnit.MICROSECONDS.toNanos(100);
            long next = System.nanoTime();
            for (int i = 0; i < count; i++) {
                while (System.nanoTime() < next) {
                    LockSupport.parkNanos(20_000);
                }
                next += intervalNanos;
                byte[] value = new byte[100];
                ByteBuffer.wrap(value).putLong(System.nanoTime());
                log.append(WalRecord.of(i, null, value));
            }
            reader.join(TimeUnit.SECONDS.toMillis(60));
        }
        System.out.printf("latency %s: %d records%n", limit, count);
        return latencies;
    }
}
