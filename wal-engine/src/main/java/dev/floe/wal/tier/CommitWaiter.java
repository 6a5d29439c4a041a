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
package dev.floe.wal.tier;

import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.PartitionHead;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds back the swaps of a {@link TieringPool}'s objects built before their ranges were committed
 * (at the end of a bounded job, the last range is encoded while its commit lands) until those
 * commits land. One thread reads the heads of every waiting partition of a stream together, every
 * few milliseconds while any wait, and hands each swap whose partitions are all committed to the
 * pool's completion threads. Thread-safe.
 */
final class CommitWaiter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CommitWaiter.class);
    private static final long FIRST_POLL_MILLIS = 10;
    private static final long MAX_POLL_MILLIS = 100;
    private static final Duration IDLE_WAIT = Duration.ofSeconds(1);

    /**
     * Swaps waiting for {@code ends}: the offset each partition's head must be committed to. {@code
     * swap} runs once they all are, or a partition has a newer writer (its swap is then refused as
     * any other); {@code release} alone if a partition stops first.
     */
    record Wait(
            String stream,
            List<PooledTierer> partitions,
            Map<Integer, Long> ends,
            Runnable swap,
            Runnable release) {}

    private final ManifestStore manifest;
    private final Executor swaps;
    private final Thread thread;

    // Guarded by this.
    private final List<Wait> waiting = new ArrayList<>();
    private boolean closed;

    CommitWaiter(ManifestStore manifest, Executor swaps, ThreadFactory threads) {
        this.manifest = manifest;
        this.swaps = swaps;
        this.thread = threads.newThread(this::run);
        thread.start();
    }

    /** Holds {@code wait} until its partitions are committed; releases it at once if closed. */
    void add(Wait wait) {
        synchronized (this) {
            if (!closed) {
                waiting.add(wait);
                notifyAll();
                return;
            }
        }
        wait.release().run();
    }

    /** Swaps waiting, for tests. */
    synchronized int waiting() {
        return waiting.size();
    }

    private void run() {
        long pause = FIRST_POLL_MILLIS;
        while (true) {
            List<Wait> current;
            synchronized (this) {
                while (!closed && waiting.isEmpty()) {
                    pause = FIRST_POLL_MILLIS;
                    if (!await(IDLE_WAIT.toMillis())) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                current = List.copyOf(waiting);
            }
            List<Wait> ready = ready(current);
            synchronized (this) {
                waiting.removeAll(ready);
                if (ready.isEmpty()) {
                    if (!await(pause)) {
                        return;
                    }
                    pause = Math.min(MAX_POLL_MILLIS, pause * 2);
                } else {
                    pause = FIRST_POLL_MILLIS;
                }
            }
            ready.forEach(this::hand);
        }
    }

    /** Waits on this; false if interrupted. */
    private boolean await(long millis) {
        try {
            wait(millis);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** The waits of {@code current} whose partitions are committed or stopped. */
    private List<Wait> ready(List<Wait> current) {
        List<Wait> ready = new ArrayList<>();
        Map<String, TreeSet<Integer>> byStream = new TreeMap<>();
        for (Wait w : current) {
            if (w.partitions().stream().anyMatch(PooledTierer::stopped)) {
                ready.add(w);
            } else {
                byStream.computeIfAbsent(w.stream(), s -> new TreeSet<>())
                        .addAll(w.ends().keySet());
            }
        }
        for (Map.Entry<String, TreeSet<Integer>> stream : byStream.entrySet()) {
            Map<Integer, PartitionHead> heads;
            try {
                heads = manifest.heads(stream.getKey(), stream.getValue());
            } catch (RuntimeException e) {
                LOG.debug("Cannot read the heads of {} yet: {}", stream.getKey(), e.toString());
                continue;
            }
            for (Wait w : current) {
                if (w.stream().equals(stream.getKey()) && !ready.contains(w) && landed(w, heads)) {
                    ready.add(w);
                }
            }
        }
        return ready;
    }

    private static boolean landed(Wait w, Map<Integer, PartitionHead> heads) {
        for (PooledTierer p : w.partitions()) {
            PartitionHead head = heads.get(p.partition);
            if (head == null) {
                return false;
            }
            if (head.epoch() == p.epoch && head.committedEnd() < w.ends().get(p.partition)) {
                return false;
            }
        }
        return true;
    }

    /** Swaps {@code w} on a completion thread, or releases it if a partition stopped. */
    private void hand(Wait w) {
        Runnable step =
                w.partitions().stream().anyMatch(PooledTierer::stopped) ? w.release() : w.swap();
        try {
            swaps.execute(step);
        } catch (RejectedExecutionException e) {
            step.run();
        }
    }

    /** Stops the thread and releases every waiting swap without making it. */
    @Override
    public void close() {
        List<Wait> left;
        synchronized (this) {
            closed = true;
            notifyAll();
            left = List.copyOf(waiting);
            waiting.clear();
        }
        left.forEach(w -> w.release().run());
    }
}
