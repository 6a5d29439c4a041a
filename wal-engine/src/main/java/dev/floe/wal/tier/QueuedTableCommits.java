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

import dev.floe.wal.io.JoinableDaemonThreads;
import dev.floe.wal.manifest.ObjectDescriptor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Table commits that a writer's tierers hand to one thread of their own, so a tierer goes on to its
 * next object at once instead of waiting for the table. A stream's first swap waits {@link #LINGER}
 * for others, and the swaps reported meanwhile, or while the thread commits, gather: one table
 * commit for many objects, such as the shared objects of many partitions that a writer swaps in one
 * after the other. Swaps of one partition stay in their order, each in a commit of its own. {@link
 * #await} commits what was reported at once and waits for it. Thread-safe.
 */
final class QueuedTableCommits implements TableCommits, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QueuedTableCommits.class);

    /** Longest {@link #await} waits for the commits reported before it. */
    static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(1);

    /**
     * Longest {@link #close} waits: a writer that closes without finishing its input (a failure, a
     * cancel) leaves what is left to the thread, which goes on alone, or to reconciliation.
     */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    /** How long the idle thread lives, so a writer that stopped tiering holds no thread. */
    private static final long IDLE_SECONDS = 5;

    /** How long a stream's first reported swap waits for others to share its table commit. */
    static final Duration LINGER = Duration.ofMillis(500);

    private final TableCommits tables;
    private final Duration linger;
    private final ScheduledThreadPoolExecutor thread;
    private final JoinableDaemonThreads threads;

    // Guarded by itself: per stream, the swaps not yet handed to the tables, in batches whose
    // partitions differ.
    private final Map<String, List<Map<Integer, ObjectDescriptor>>> pending = new HashMap<>();

    private QueuedTableCommits(TableCommits tables, String threadName, Duration linger) {
        this.tables = tables;
        this.linger = linger;
        this.threads = JoinableDaemonThreads.named(threadName);
        this.thread = new ScheduledThreadPoolExecutor(1, threads);
        thread.setKeepAliveTime(IDLE_SECONDS, TimeUnit.SECONDS);
        thread.allowCoreThreadTimeOut(true);
        // Lingering commits are taken over by the one that close submits.
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /**
     * Queued commits to {@code tables} on a thread named {@code threadName}, or {@code tables}
     * itself when it commits nothing.
     */
    static TableCommits of(TableCommits tables, String threadName) {
        return of(tables, threadName, LINGER);
    }

    /** As {@link #of(TableCommits, String)}, a first swap waiting {@code linger} for others. */
    static TableCommits of(TableCommits tables, String threadName, Duration linger) {
        return tables == TableCommits.NONE
                ? tables
                : new QueuedTableCommits(tables, threadName, linger);
    }

    /** Waits for the commits reported to {@code commits} so far, if {@link #of} queued them. */
    static void awaitIfQueued(TableCommits commits) throws InterruptedException {
        if (commits instanceof QueuedTableCommits queued) {
            queued.await();
        }
    }

    /** Closes {@code commits} if {@link #of} queued them. */
    static void closeIfQueued(TableCommits commits) {
        if (commits instanceof QueuedTableCommits queued) {
            queued.close();
        }
    }

    @Override
    public void swapped(String stream, Map<Integer, ObjectDescriptor> swapped) {
        boolean first;
        synchronized (pending) {
            List<Map<Integer, ObjectDescriptor>> batches =
                    pending.computeIfAbsent(stream, s -> new ArrayList<>());
            first = batches.isEmpty();
            Map<Integer, ObjectDescriptor> last = first ? null : batches.get(batches.size() - 1);
            if (last != null && Collections.disjoint(last.keySet(), swapped.keySet())) {
                last.putAll(swapped);
            } else {
                batches.add(new TreeMap<>(swapped));
            }
        }
        if (first) {
            try {
                thread.schedule(() -> commit(stream), linger.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                commit(stream);
            }
        }
    }

    /** {@inheritDoc} On the caller's thread, as a maintenance round expects. */
    @Override
    public void maintain(String stream) {
        tables.maintain(stream);
    }

    /**
     * Commits the swaps reported so far without lingering, and waits for them; after {@link
     * #DRAIN_TIMEOUT}, leaves them running.
     */
    void await() throws InterruptedException {
        try {
            thread.submit(this::commitAll).get(DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Closed: the thread finishes what it holds on its own.
        } catch (ExecutionException e) {
            // Never fails tiering: the manifest is the truth, the tables are reconciled later.
            LOG.warn(
                    "Table commits failed ({}); the next maintenance round reconciles the tables"
                            + " with the manifest",
                    e.getCause().toString());
        } catch (TimeoutException e) {
            LOG.warn(
                    "Table commits of {} streams did not finish within {}; they go on in the"
                            + " background",
                    pendingStreams(),
                    DRAIN_TIMEOUT);
        }
    }

    private void commitAll() {
        List<String> streams;
        synchronized (pending) {
            streams = new ArrayList<>(pending.keySet());
        }
        streams.forEach(this::commit);
    }

    private void commit(String stream) {
        List<Map<Integer, ObjectDescriptor>> batches;
        synchronized (pending) {
            batches = pending.remove(stream);
        }
        if (batches != null) {
            batches.forEach(batch -> tables.swapped(stream, batch));
        }
    }

    /**
     * Lets the thread commit what was reported and stop, waiting for it up to {@link
     * #CLOSE_TIMEOUT}; later swaps commit on the caller's thread.
     */
    @Override
    public void close() {
        try {
            thread.execute(this::commitAll);
        } catch (RejectedExecutionException e) {
            // Closed before: the thread finishes what it holds on its own.
        }
        thread.shutdown();
        try {
            long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
            boolean stopped =
                    thread.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                            && threads.join(deadline);
            if (!stopped) {
                LOG.info(
                        "Table commits of {} streams still running after {}; they finish in the"
                                + " background, or the next maintenance round reconciles the"
                                + " tables with the manifest",
                        pendingStreams(),
                        CLOSE_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int pendingStreams() {
        synchronized (pending) {
            return pending.size();
        }
    }
}
