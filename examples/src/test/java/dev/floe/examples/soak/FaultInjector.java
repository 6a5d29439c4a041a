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
package dev.floe.examples.soak;

import dev.floe.flink.testing.LocalStack;
import dev.floe.wal.admin.FloeAdmin;
import dev.floe.wal.admin.PartitionInfo;
import dev.floe.wal.log.WriteAheadLog;
import dev.floe.wal.manifest.WriterInfo;
import dev.floe.wal.testing.EtcdCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Injects random faults into the local stack, one every 20 to 60 s (start to start), drawn from a
 * seeded {@link Random}: the same seed draws the same faults, delays and victims. An S3 freeze
 * lasts while later faults are injected; the other faults end (the process restarted) before the
 * next one. Driven by one thread; the S3 server is resumed from a timer thread.
 */
final class FaultInjector implements AutoCloseable {

    private static final String S3 = "s3proxy";

    private final LocalStack stack;
    private final FloeAdmin admin;
    private final List<String> etcdEndpoints;
    private final int taskManagers;
    private final List<String> walStreams;
    private final String tailStream;
    private final Random random;
    private final SoakLog log;
    private final Map<FaultKind, Integer> counts = new EnumMap<>(FaultKind.class);
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(
                    r -> {
                        Thread t = new Thread(r, "soak-s3-thaw");
                        t.setDaemon(true);
                        return t;
                    });
    private boolean frozen;
    private int tailDropsWithoutConnection;
    private int failures;

    /**
     * @param walStreams the streams whose writers' WAL directories a {@link FaultKind#WAL_DELETE}
     *     deletes
     * @param tailStream the stream whose writers' tail connections a {@link FaultKind#TAIL_DROP}
     *     drops
     */
    FaultInjector(
            LocalStack stack,
            FloeAdmin admin,
            List<String> etcdEndpoints,
            int taskManagers,
            List<String> walStreams,
            String tailStream,
            long seed,
            SoakLog log) {
        this.stack = stack;
        this.admin = admin;
        this.etcdEndpoints = List.copyOf(etcdEndpoints);
        this.taskManagers = taskManagers;
        this.walStreams = List.copyOf(walStreams);
        this.tailStream = tailStream;
        this.random = new Random(seed);
        this.log = log;
        for (FaultKind kind : FaultKind.values()) {
            counts.put(kind, 0);
        }
    }

    /** Injects faults until {@code deadlineNanos} ({@link System#nanoTime()}). */
    void runUntil(long deadlineNanos) throws IOException, InterruptedException {
        long next = System.nanoTime() + nextDelayNanos();
        while (true) {
            long wait = Math.min(next, deadlineNanos) - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            if (System.nanoTime() >= deadlineNanos) {
                return;
            }
            long started = System.nanoTime();
            FaultKind kind = pick();
            try {
                inject(kind);
            } catch (IOException | RuntimeException e) {
                synchronized (this) {
                    failures++;
                }
                log.line("could not inject %s: %s", kind.key(), e);
            }
            next = started + nextDelayNanos();
        }
    }

    /** Faults injected so far, by kind. */
    synchronized Map<FaultKind, Integer> counts() {
        return new EnumMap<>(counts);
    }

    /**
     * Tail drops that found no open tail connection, so dropped nothing (not in {@link #counts}).
     */
    synchronized int tailDropsWithoutConnection() {
        return tailDropsWithoutConnection;
    }

    /** Faults that failed to be injected, such as a process that did not restart in time. */
    synchronized int failures() {
        return failures;
    }

    /** Ends the faults: resumes the S3 server if frozen and starts every stopped process. */
    void heal() throws IOException, InterruptedException {
        timer.shutdownNow();
        thaw();
        stack.up();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    private FaultKind pick() {
        List<FaultKind> eligible = new ArrayList<>(List.of(FaultKind.values()));
        synchronized (this) {
            if (frozen) {
                eligible.remove(FaultKind.S3_FREEZE);
            }
        }
        return eligible.get(random.nextInt(eligible.size()));
    }

    private long nextDelayNanos() {
        return TimeUnit.SECONDS.toNanos(20 + random.nextInt(41));
    }

    private void inject(FaultKind kind) throws IOException, InterruptedException {
        switch (kind) {
            case TASKMANAGER_KILL -> killTaskManager(random.nextInt(taskManagers));
            case S3_FREEZE -> freezeS3(30 + random.nextInt(61));
            case ETCD_LEADER_KILL -> killEtcdLeader();
            case TAIL_DROP -> dropTailConnections();
            case WAL_DELETE -> killTaskManagerAndDeleteItsWal();
        }
    }

    private void killTaskManager(int index) throws IOException, InterruptedException {
        String name = taskManagerName(index);
        long pid = stack.pid(name);
        stack.kill(name);
        count(FaultKind.TASKMANAGER_KILL);
        log.line("fault: %s (pid %d) killed", name, pid);
        restartAfterPause(name);
    }

    private void killTaskManagerAndDeleteItsWal() throws IOException, InterruptedException {
        // A TaskManager whose writers hold WAL directories, if one does.
        List<Integer> holding = new ArrayList<>();
        for (int i = 0; i < taskManagers; i++) {
            if (!walDirectoriesHeldBy(stack.pid(taskManagerName(i))).isEmpty()) {
                holding.add(i);
            }
        }
        int index =
                holding.isEmpty()
                        ? random.nextInt(taskManagers)
                        : holding.get(random.nextInt(holding.size()));
        String name = taskManagerName(index);
        long pid = stack.pid(name);
        List<Path> held = walDirectoriesHeldBy(pid);
        stack.kill(name);
        List<Path> deleted = new ArrayList<>();
        for (Path dir : held) {
            // Only while no writer elsewhere has reopened it since.
            if (WriteAheadLog.holderOf(dir).map(h -> h.startsWith(pid + "@")).orElse(false)) {
                deleteRecursively(dir);
                deleted.add(dir);
            }
        }
        if (deleted.isEmpty()) {
            count(FaultKind.TASKMANAGER_KILL);
            log.line("fault: %s (pid %d) killed; it held no WAL directory to delete", name, pid);
        } else {
            count(FaultKind.WAL_DELETE);
            log.line(
                    "fault: %s (pid %d) killed, its WAL directories deleted: %s",
                    name, pid, deleted);
        }
        restartAfterPause(name);
    }

    private void restartAfterPause(String name) throws IOException, InterruptedException {
        int pause = 2 + random.nextInt(9);
        TimeUnit.SECONDS.sleep(pause);
        stack.up();
        log.line("  %s restarted after %d s (pid %d)", name, pause, stack.pid(name));
    }

    private void freezeS3(int seconds) throws IOException, InterruptedException {
        stack.signal(S3, "STOP");
        synchronized (this) {
            frozen = true;
        }
        count(FaultKind.S3_FREEZE);
        log.line("fault: S3 server (pid %d) frozen for %d s", stack.pid(S3), seconds);
        timer.schedule(
                () -> {
                    try {
                        thaw();
                    } catch (IOException | InterruptedException e) {
                        log.line("could not resume the S3 server: %s", e);
                    }
                    return null;
                },
                seconds,
                TimeUnit.SECONDS);
    }

    private synchronized void thaw() throws IOException, InterruptedException {
        if (frozen) {
            stack.signal(S3, "CONT");
            frozen = false;
            log.line("  S3 server resumed");
        }
    }

    private void killEtcdLeader() throws IOException, InterruptedException {
        int leader = EtcdCluster.leaderIndex(etcdEndpoints);
        String name = leader == 0 ? "etcd" : "etcd-" + leader;
        stack.kill(name);
        count(FaultKind.ETCD_LEADER_KILL);
        log.line("fault: etcd leader %s (%s) killed", name, etcdEndpoints.get(leader));
        int pause = 5 + random.nextInt(11);
        TimeUnit.SECONDS.sleep(pause);
        stack.up();
        log.line("  %s restarted after %d s", name, pause);
    }

    /**
     * Drops every TCP connection to the tail endpoints of the stream's writers, at both ends, with
     * {@code ss -K} (root, no extra package).
     */
    private void dropTailConnections() throws IOException, InterruptedException {
        TreeSet<Integer> ports = new TreeSet<>();
        for (PartitionInfo partition : admin.partitions(tailStream)) {
            partition
                    .writer()
                    .map(WriterInfo::tailEndpoint)
                    .filter(e -> e != null && e.lastIndexOf(':') > 0)
                    .ifPresent(
                            e -> ports.add(Integer.parseInt(e.substring(e.lastIndexOf(':') + 1))));
        }
        int dropped = 0;
        for (int port : ports) {
            Process ss =
                    new ProcessBuilder(
                                    "ss",
                                    "-H",
                                    "-K",
                                    "-t",
                                    "-n",
                                    "( sport = :" + port + " or dport = :" + port + " )")
                            .redirectErrorStream(true)
                            .start();
            String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (ss.waitFor() != 0) {
                throw new IOException("ss -K on port " + port + " failed: " + out.strip());
            }
            // One line per socket closed; a warning of netlink may come with them.
            dropped +=
                    (int)
                            out.lines()
                                    .filter(l -> !l.isBlank() && !l.startsWith("RTNETLINK"))
                                    .count();
        }
        if (dropped == 0) {
            synchronized (this) {
                tailDropsWithoutConnection++;
            }
            log.line("tail drop: no open connection to the tail endpoints %s", ports);
        } else {
            count(FaultKind.TAIL_DROP);
            log.line("fault: %d tail connection ends dropped (endpoint ports %s)", dropped, ports);
        }
    }

    /** The WAL directories the writers of the process {@code pid} registered, of every stream. */
    private List<Path> walDirectoriesHeldBy(long pid) {
        List<Path> dirs = new ArrayList<>();
        for (String stream : walStreams) {
            if (admin.findStream(stream).isEmpty()) {
                continue;
            }
            for (PartitionInfo partition : admin.partitions(stream)) {
                partition
                        .writer()
                        .filter(w -> w.walHolder() != null && w.walDirectory() != null)
                        .filter(w -> w.walHolder().startsWith(pid + "@"))
                        .ifPresent(w -> dirs.add(Path.of(w.walDirectory())));
            }
        }
        return dirs;
    }

    private synchronized void count(FaultKind kind) {
        counts.merge(kind, 1, Integer::sum);
    }

    private static String taskManagerName(int index) {
        return index == 0 ? "taskmanager" : "taskmanager-" + index;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(
                            p -> {
                                try {
                                    Files.deleteIfExists(p);
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            });
        }
    }
}
