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
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Benchmark {@code tail-readers}: one writer appends 100-byte records at a steady rate while N tail
 * readers (1, 50, 200) follow it over loopback through one {@link TailServer}, all on the same
 * partition and each on a partition of its own; it measures per-reader records/s, the latency from
 * append to a reader receiving the record, the server's threads and CPU, and every record's arrival
 * in order. Then the writer appends flat out with 0 and with 200 readers following (medians of 3
 * rounds of 5 s, the ratio a median of each round's). The readers run in a second JVM, standing for
 * readers on other hosts (for the flat-out runs at the lowest scheduling priority, {@code nice}, so
 * they do not take the writer's cores); both JVMs share one monotonic clock. Arguments: {@code
 * [SECONDS] [RECORDS_PER_S]} (10, 2000).
 */
public final class TailReadersBench {

    private static final int[] READERS = {1, 50, 200};
    private static final int VALUE_BYTES = 100;
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final Duration FLAT_OUT = Duration.ofSeconds(5);
    private static final int FLAT_OUT_ROUNDS = 3;
    private static final Duration DRAIN = Duration.ofSeconds(60);
    private static final String READERS_MODE = "--readers";

    private static TailLimits limits = TailLimits.defaults();

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
        if (args.length > 0 && args[0].equals(READERS_MODE)) {
            Readers.run(args);
            return;
        }
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        if (args.length > 2) {
            limits = TailLimits.defaults().withServingThreads(Integer.parseInt(args[2]));
        }
        Path root = Files.createTempDirectory("floe-bench-tail-readers");
        BenchReport report =
                new BenchReport("tail-readers")
                        .put("seconds_per_case", seconds)
                        .put("writer_records_per_s", rate)
                        .put("serving_threads", limits.servingThreads());
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
            double[] alones = new double[FLAT_OUT_ROUNDS];
            double[] followeds = new double[FLAT_OUT_ROUNDS];
            double[] ratios = new double[FLAT_OUT_ROUNDS];
            double[] serverCores = new double[FLAT_OUT_ROUNDS];
            for (int i = 0; i < FLAT_OUT_ROUNDS; i++) {
                alones[i] = flatOut(root.resolve("flat-0-" + i), 0)[0];
                double[] followed = flatOut(root.resolve("flat-200-" + i), 200);
                followeds[i] = followed[0];
                serverCores[i] = followed[1];
                ratios[i] = followeds[i] / alones[i];
            }
            report.put("writer_flat_out_records_per_s_0_readers", BenchReport.median(alones))
                    .put("writer_flat_out_records_per_s_200_readers", BenchReport.median(followeds))
                    .put("writer_ratio_200_vs_0_readers", BenchReport.median(ratios))
                    .put("flat_out_200_server_cpu_cores", BenchReport.median(serverCores))
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
            Readers readers = Readers.spawn(server.port(), n, samePartition, total, false);
            awaitConnected(server, n);
            Map<Long, Long> cpuBefore = serverCpuNanos();
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
            double cpuCores = serverCpuSince(cpuBefore) / 1e9 / wallS;
            long[] r = readers.result();
            return new Result(r[0] / wallS / n, r[2] / 1e6, r[3] / 1e6, threads, cpuCores, r[1]);
        } finally {
            wals.forEach(WriteAheadLog::close);
        }
    }

    /**
     * Records/s of a writer appending batches of 64 records flat out, with N readers following, and
     * the cores the endpoint's threads used meanwhile.
     */
    private static double[] flatOut(Path dir, int n) throws Exception {
        try (TailServer server = startServer();
                WriteAheadLog wal = WriteAheadLog.open(dir, WalOptions.defaults())) {
            server.serve("s", 0, wal);
            Readers readers = n == 0 ? null : Readers.spawn(server.port(), n, true, -1, true);
            awaitConnected(server, n);
            Map<Long, Long> cpuBefore = serverCpuNanos();
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
            double seconds = (System.nanoTime() - started) / 1e9;
            double perS = appended / seconds;
            double cores = serverCpuSince(cpuBefore) / 1e9 / seconds;
            if (readers != null) {
                readers.process.destroy();
            }
            System.out.printf(
                    Locale.ROOT,
                    "flat out, %d readers: %.0f records/s, endpoint %.2f cores%n",
                    n,
                    perS,
                    cores);
            return new double[] {perS, cores};
        }
    }

    private static TailServer startServer() throws Exception {
        return TailServer.start(InetAddress.getLoopbackAddress(), 0, 0, "", limits);
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

    /** CPU time of the server's threads, by thread id. */
    private static Map<Long, Long> serverCpuNanos() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<Long, Long> byThread = new HashMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("floe-tail-")) {
                byThread.put(t.getId(), Math.max(0, mx.getThreadCpuTime(t.getId())));
            }
        }
        return byThread;
    }

    /** CPU time the server's threads of {@code before} spent since. */
    private static long serverCpuSince(Map<Long, Long> before) {
        long sum = 0;
        for (Map.Entry<Long, Long> now : serverCpuNanos().entrySet()) {
            sum += now.getValue() - before.getOrDefault(now.getKey(), 0L);
        }
        return sum;
    }

    /**
     * The readers' JVM: spawned with {@code --readers PORT N SAME_PARTITION TOTAL} (TOTAL -1: read
     * until killed), it prints {@code READY} once every reader is connected, then {@code RESULT
     * received bad p50_ns p99_ns} once every reader has its records.
     */
    private static final class Readers {
        final Process process;
        final BufferedReader out;

        private Readers(Process process) {
            this.process = process;
            this.out =
                    new BufferedReader(
                            new InputStreamReader(
                                    process.getInputStream(), StandardCharsets.UTF_8));
        }

        /**
         * @param niced whether the readers run at the lowest priority, so they take the writer's
         *     cores only when it leaves them (as readers on other hosts would)
         */
        static Readers spawn(int port, int n, boolean samePartition, long total, boolean niced)
                throws Exception {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = new ArrayList<>();
            if (niced) {
                command.addAll(List.of("nice", "-n", "19"));
            }
            command.addAll(
                    List.of(
                            java,
                            "-Xmx2g",
                            "-XX:+UseParallelGC",
                            "-cp",
                            System.getProperty("java.class.path"),
                            TailReadersBench.class.getName(),
                            READERS_MODE,
                            String.valueOf(port),
                            String.valueOf(n),
                            String.valueOf(samePartition),
                            String.valueOf(total)));
            Process p =
                    new ProcessBuilder(command)
                            .redirectError(ProcessBuilder.Redirect.INHERIT)
                            .start();
            Readers readers = new Readers(p);
            readers.expect("READY");
            return readers;
        }

        /** Records received, records missing or out of order, p50 and p99 latency in ns. */
        long[] result() throws Exception {
            String[] parts = expect("RESULT").split(" ");
            process.waitFor();
            long[] out = new long[4];
            for (int i = 0; i < 4; i++) {
                out[i] = Long.parseLong(parts[i + 1]);
            }
            return out;
        }

        private String expect(String prefix) throws Exception {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(prefix)) {
                    return line;
                }
                System.out.println(line);
            }
            throw new IllegalStateException("the readers' JVM ended before " + prefix);
        }

        static void run(String[] args) throws Exception {
            int port = Integer.parseInt(args[1]);
            int n = Integer.parseInt(args[2]);
            boolean samePartition = Boolean.parseBoolean(args[3]);
            long total = Long.parseLong(args[4]);
            int partitions = samePartition ? 1 : n;
            List<Follower> followers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int partition = samePartition ? 0 : i;
                long expected =
                        total < 0
                                ? Long.MAX_VALUE
                                : total / partitions + (partition < total % partitions ? 1 : 0);
                followers.add(Follower.start(port, partition, expected, total < 0 ? 1 : 0));
            }
            for (Follower f : followers) {
                f.connected.await();
            }
            System.out.println("READY");
            System.out.flush();
            long deadline = System.nanoTime() + DRAIN.toNanos() + TimeUnit.SECONDS.toNanos(600);
            long received = 0;
            long bad = 0;
            for (Follower f : followers) {
                f.thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                f.stop.set(true);
                bad += f.bad + (f.expected - f.received);
                received += f.received;
            }
            long[] all = new long[(int) received];
            int at = 0;
            for (Follower f : followers) {
                System.arraycopy(f.latencies, 0, all, at, (int) f.received);
                at += (int) f.received;
            }
            System.out.printf(
                    Locale.ROOT,
                    "RESULT %d %d %d %d%n",
                    received,
                    bad,
                    (long) BenchReport.percentile(all, at, 0.5),
                    (long) BenchReport.percentile(all, at, 0.99));
            System.out.flush();
            System.exit(0);
        }
    }

    /** One reader thread: counts records, checks their order and keeps their latencies. */
    private static final class Follower {
        final long expected;
        final long[] latencies;
        final AtomicBoolean stop = new AtomicBoolean();
        final CountDownLatch connected = new CountDownLatch(1);
        Thread thread;
        volatile long received;
        volatile long bad;

        private Follower(long expected, int samples) {
            this.expected = expected;
            this.latencies = new long[samples];
        }

        static Follower start(int port, int partition, long expected, int samples) {
            Follower f = new Follower(expected, samples == 0 ? (int) expected : samples);
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
                connected.countDown();
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
                            latencies[(int) received] = now - ByteBuffer.wrap(r.value()).getLong();
                        }
                        received++;
                    }
                }
            } catch (Exception e) {
                // Flat-out readers run until the endpoint closes under them; others must not fail.
                if (!stop.get() && expected != Long.MAX_VALUE) {
                    System.err.println("reader of partition " + partition + " failed: " + e);
                }
            } finally {
                connected.countDown();
            }
        }
    }
}
