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
import dev.floe.wal.log.WalOptions;
import dev.floe.wal.log.WriteAheadLog;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.record.WalRecord;
import dev.floe.wal.tail.TailClient;
import dev.floe.wal.tail.TailLimits;
import dev.floe.wal.tail.TailServer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Benchmark {@code tail-readers}: one writer appends 100-byte records at a steady rate while N tail
 * readers (1, 50, 200) follow it over loopback through one {@link TailServer}, all on the same
 * partition and each on a partition of its own; it measures per-reader records/s, the latency from
 * append to a reader receiving the record, the server's threads and CPU, and every record's arrival
 * in order. Then the writer appends flat out with 0 and with 200 readers following. Readers and
 * server share this JVM and its cores. Arguments: {@code [SECONDS] [RECORDS_PER_S]} (10, 2000).
 */
public final class TailReadersBench {

    private static final int[] READERS = {1, 50, 200};
    private static final int VALUE_BYTES = 100;
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final Duration FLAT_OUT = Duration.ofSeconds(5);
    private static final Duration DRAIN = Duration.ofSeconds(60);

    private TailReadersBench() {}

    /** What one case measured. */
    private record Result(
            double perReaderRecordsPerS,
            double p50Ms,
            double p99Ms,
            int serverThreads,
            double serverCpuCores,
            long missingOrOutOfOrder) {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        Path root = Files.createTempDirectory("floe-bench-tail-readers");
        BenchReport report =
                new BenchReport("tail-readers")
                        .put("seconds_per_case", seconds)
                        .put("writer_records_per_s", rate);
        try {
            int round = 0;
            for (boolean samePartition : new boolean[] {true, false}) {
                for (int n : READERS) {
                    Path dir = root.resolve("case-" + round++);
                    Result r = steady(dir, samePartition, n, seconds, rate);
                    String prefix = (samePartition ? "same_" : "different_") + n + "_";
                    System.out.printf(
                            Locale.ROOT,
                            "%s partition, %d readers: %s%n",
                            samePartition ? "same" : "different",
                            n,
                            r);
                    report.put(prefix + "records_per_s_per_reader", r.perReaderRecordsPerS())
                            .put(prefix + "p50_ms", r.p50Ms())
                            .put(prefix + "p99_ms", r.p99Ms())
                            .put(prefix + "server_threads", r.serverThreads())
                            .put(prefix + "server_cpu_cores", r.serverCpuCores())
                            .put(prefix + "missing_or_out_of_order", r.missingOrOutOfOrder());
                }
            }
            double alone = flatOut(root.resolve("flat-0"), 0);
            double followed = flatOut(root.resolve("flat-200"), 200);
            report.put("writer_flat_out_records_per_s_0_readers", alone)
                    .put("writer_flat_out_records_per_s_200_readers", followed)
                    .put("writer_ratio_200_vs_0_readers", followed / alone)
                    .print();
        } finally {
            BenchReport.deleteTree(root);
        }
    }

    /** N readers follow a writer appending {@code rate} records/s for {@code seconds}. */
    private static Result steady(Path dir, boolean samePartition, int n, int seconds, int rate)
            throws Exception {
        int partitions = samePartition ? 1 : n;
        long total = (long) seconds * rate;
        List<WriteAheadLog> wals = new ArrayList<>();
        try (TailServer server = startServer()) {
            for (int p = 0; p < partitions; p++) {
                WriteAheadLog wal = WriteAheadLog.open(dir.resolve("p" + p), WalOptions.defaults());
                wals.add(wal);
                server.serve("s", p, wal);
            }
            List<Follower> followers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int partition = samePartition ? 0 : i;
                long expected = total / partitions + (partition < total % partitions ? 1 : 0);
                followers.add(Follower.start(server.port(), partition, expected, 0));
            }
            awaitConnected(server, n);
            long cpuBefore = serverCpuNanos();
            long started = System.nanoTime();
            long next = started;
            long perTick = Math.max(1, rate * TICK_NANOS / 1_000_000_000L);
            long appended = 0;
            while (appended < total) {
                while (System.nanoTime() < next) {
                    LockSupport.parkNanos(200_000);
                }
                next += TICK_NANOS;
                for (long i = 0; i < perTick && appended < total; i++, appended++) {
                    wals.get((int) (appended % partitions)).append(stamped(appended));
                }
            }
            int threads = serverThreads();
            double wallS = (System.nanoTime() - started) / 1e9;
            double cpuCores = (serverCpuNanos() - cpuBefore) / 1e9 / wallS;
            long deadline = System.nanoTime() + DRAIN.toNanos();
            for (Follower f : followers) {
                f.thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
            long bad = 0;
            long samples = 0;
            double recordsPerS = 0;
            for (Follower f : followers) {
                f.stop.set(true);
                bad += f.bad + (f.expected - f.received);
                samples += f.received;
                recordsPerS += f.received / wallS;
            }
            long[] all = new long[(int) samples];
            int at = 0;
            for (Follower f : followers) {
                System.arraycopy(f.latencies, 0, all, at, (int) f.received);
                at += (int) f.received;
            }
            return new Result(
                    recordsPerS / n,
                    BenchReport.percentile(all, at, 0.5) / 1e6,
                    BenchReport.percentile(all, at, 0.99) / 1e6,
                    threads,
                    cpuCores,
                    bad);
        } finally {
            wals.forEach(WriteAheadLog::close);
        }
    }

    /** Records/s of a writer appending batches of 64 records flat out, with N readers following. */
    private static double flatOut(Path dir, int n) throws Exception {
        try (TailServer server = startServer();
                WriteAheadLog wal = WriteAheadLog.open(dir, WalOptions.defaults())) {
            server.serve("s", 0, wal);
            List<Follower> followers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                followers.add(Follower.start(server.port(), 0, Long.MAX_VALUE, 1));
            }
            awaitConnected(server, n);
            long appended = 0;
            long started = System.nanoTime();
            long end = started + FLAT_OUT.toNanos();
            List<WalRecord> batch = new ArrayList<>(64);
            while (System.nanoTime() < end) {
                batch.clear();
                for (int i = 0; i < 64; i++) {
                    batch.add(stamped(appended++));
                }
                wal.append(batch);
            }
            double perS = appended / ((System.nanoTime() - started) / 1e9);
            followers.forEach(f -> f.stop.set(true));
            System.out.printf(Locale.ROOT, "flat out, %d readers: %.0f records/s%n", n, perS);
            return perS;
        }
    }

    private static TailServer startServer() throws Exception {
        return TailServer.start(InetAddress.getLoopbackAddress(), 0, 0, "", TailLimits.defaults());
    }

    private static void awaitConnected(TailServer server, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (server.connections() < n) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        server.connections() + " of " + n + " readers connected");
            }
            Thread.sleep(10);
        }
    }

    private static WalRecord stamped(long i) {
        byte[] value = new byte[VALUE_BYTES];
        ByteBuffer.wrap(value).putLong(System.nanoTime());
        return WalRecord.of(i, null, value);
    }

    private static int serverThreads() {
        int count = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("floe-tail-")) {
                count++;
            }
        }
        return count;
    }

    private static long serverCpuNanos() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("floe-tail-")) {
                sum += Math.max(0, mx.getThreadCpuTime(t.getId()));
            }
        }
        return sum;
    }

    /** One reader thread: counts records, checks their order and keeps their latencies. */
    private static final class Follower {
        final long expected;
        final long[] latencies;
        final AtomicBoolean stop = new AtomicBoolean();
        Thread thread;
        volatile long received;
        volatile long bad;

        private Follower(long expected, int samples) {
            this.expected = expected;
            this.latencies = new long[samples];
        }

        static Follower start(int port, int partition, long expected, int samples) {
            Follower f =
                    new Follower(expected, samples == 0 ? (int) expected : samples);
            f.thread = new Thread(() -> f.run(port, partition), "bench-tail-reader-" + partition);
            f.thread.setDaemon(true);
            f.thread.start();
            return f;
        }

        private void run(int port, int partition) {
            try (TailClient client =
                    TailClient.connect(
                            "127.0.0.1:" + port,
                            "",
                            "s",
                            partition,
                            0,
                            ReadLimit.WRITTEN,
                            Duration.ofSeconds(30))) {
                long next = 0;
                while (received < expected && !stop.get()) {
                    List<LoggedRecord> batch = client.poll();
                    long now = System.nanoTime();
                    for (LoggedRecord r : batch) {
                        if (r.offset() != next) {
                            bad++;
                        }
                        next = r.offset() + 1;
                        if (received < latencies.length) {
                            latencies[(int) received] =
                                    now - ByteBuffer.wrap(r.value()).getLong();
                        }
                        received++;
                    }
                }
            } catch (Exception e) {
                if (!stop.get()) {
                    System.out.println("reader of partition " + partition + " failed: " + e);
                }
            }
        }
    }
}
