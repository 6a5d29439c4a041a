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
import dev.floe.wal.log.WriteAheadLog;
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.StreamConfig;
import dev.floe.wal.object.ObjectStore;
import dev.floe.wal.tier.parquet.ParquetObjectSchema;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Tiers the partitions of one writer from their local WALs on a few shared threads, so that the
 * threads and memory tiering takes do not grow with the partition count: each thread builds one
 * Parquet object at a time (one row group buffered and one upload part), whatever the number of
 * partitions. A partition waits until its committed, sealed and untiered range is due (see {@link
 * PooledTierer}); a free thread then takes the due partition whose untiered records are the oldest,
 * builds one object from its WAL, swaps it in and moves on, so partitions take turns. A shared
 * object's last steps, waiting on the store and the manifest (its upload, its swaps), run on as
 * many completion threads, so a thread goes on to encode the next object meanwhile; its partitions
 * stay taken until they are done. A due range smaller than the target size does not get an object
 * of its own: the other partitions of its stream with committed, untiered records join it, up to
 * {@link TierOptions#maxPartitionsPerObject()} of them and the target size, in one shared object
 * (see {@link SharedParquetBuild}). A partition whose attempt failed with an error that may pass
 * waits out its own backoff while the threads serve the others.
 *
 * <p>For writers that own many partitions; a {@link StreamingTierer} per partition has lower
 * latency when they are few. Close it after every partition it tiers. Thread-safe.
 */
public final class TieringPool implements PartitionTieringFactory {

    /** Longest a thread waits before looking again: due-by-age follows the clock, not a signal. */
    private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    /** The read buffer of each thread, through which it reads every partition's WAL in turn. */
    static final int READ_BUFFER_BYTES = 256 * 1024;

    private final ManifestStore manifest;
    private final ObjectStore store;
    private final TierOptions options;
    private final Clock clock;
    private final TableCommits tableCommits;
    private final List<Thread> threads = new ArrayList<>();
    private final JoinableDaemonThreads completionThreads;
    private final ThreadPoolExecutor completions;
    private final Semaphore completionSlots;
    private final JoinableDaemonThreads waiterThread;
    private final CommitWaiter commitWaiter;

    // Guarded by this, as is the scheduling state of every partition.
    private final List<PooledTierer> partitions = new ArrayList<>();
    private long turns;
    private boolean closed;

    /**
     * Starts {@code threadCount} daemon threads named {@code name-<i>}.
     *
     * @param clock the time by which objects age (see {@link TierOptions#maxSegmentAge()})
     */
    public TieringPool(
            String name,
            int threadCount,
            ManifestStore manifest,
            ObjectStore parquetStore,
            TierOptions options,
            Clock clock) {
        if (threadCount < 1) {
            throw new IllegalArgumentException(
                    "a tiering pool needs at least one thread, got " + threadCount);
        }
        this.manifest = manifest;
        this.store = parquetStore;
        this.options = options;
        this.clock = clock;
        this.tableCommits =
                QueuedTableCommits.of(
                        options.tableCommits().open(manifest, parquetStore), name + "-iceberg");
        this.completionThreads = JoinableDaemonThreads.numbered(name + "-complete-");
        this.completions =
                new ThreadPoolExecutor(
                        threadCount,
                        threadCount,
                        0,
                        TimeUnit.MILLISECONDS,
                        new LinkedBlockingQueue<>(),
                        completionThreads);
        completions.prestartAllCoreThreads();
        this.completionSlots = new Semaphore(threadCount);
        this.waiterThread = JoinableDaemonThreads.named(name + "-commits");
        this.commitWaiter = new CommitWaiter(manifest, completions, waiterThread);
        for (int i = 0; i < threadCount; i++) {
            Thread thread = new Thread(this::run, name + "-" + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
    }

    @Override
    public PartitionTiering start(
            WriteAheadLog wal,
            StreamConfig stream,
            ParquetObjectSchema values,
            int partition,
            long epoch,
            long startOffset) {
        PooledTierer tierer =
                new PooledTierer(
                        this,
                        wal,
                        manifest,
                        store,
                        stream,
                        values,
                        partition,
                        epoch,
                        startOffset,
                        options,
                        clock);
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException(
                        "the tiering pool is closed; cannot tier "
                                + stream.name()
                                + "/"
                                + partition);
            }
            partitions.add(tierer);
            notifyAll();
        }
        return tierer;
    }

    /** Where the pool's tierers commit their swaps to tables: one queue for all of them. */
    TableCommits tableCommits() {
        return tableCommits;
    }

    @Override
    public void awaitTableCommits() throws InterruptedException {
        QueuedTableCommits.awaitIfQueued(tableCommits);
    }

    /** Where objects built before their ranges were committed wait to be swapped in. */
    CommitWaiter commitWaiter() {
        return commitWaiter;
    }

    /** Tells the threads that a partition may have become due. */
    synchronized void wake() {
        notifyAll();
    }

    /** A partition stopped or closed: the threads no longer look at it. */
    synchronized void remove(PooledTierer tierer) {
        partitions.remove(tierer);
    }

    private void run() {
        // Every object this thread builds reads its partitions' WALs through this one buffer.
        ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
        for (List<PooledTierer> taken = take(); taken != null; taken = take()) {
            List<PooledTierer> group = taken;
            Runnable release = () -> release(group);
            boolean handedOn = false;
            try {
                if (group.size() == 1) {
                    handedOn = group.get(0).work(readBuffer, release);
                } else {
                    handedOn =
                            SharedParquetBuild.run(
                                    group,
                                    manifest,
                                    store,
                                    options,
                                    clock,
                                    readBuffer,
                                    release,
                                    last -> complete(last, release));
                }
            } finally {
                if (!handedOn) {
                    release.run();
                }
            }
        }
    }

    /** Marks {@code group} free for the threads to take again. */
    synchronized void release(List<PooledTierer> group) {
        group.forEach(PooledTierer::released);
        notifyAll();
    }

    /**
     * Runs {@code last}, an object's last steps, on a completion thread once one is free; on this
     * thread if the pool is closing. {@code last} runs {@code release} once its partitions may be
     * taken again: at its end, or after a swap it leaves to the {@link CommitWaiter}.
     */
    private void complete(Consumer<Runnable> last, Runnable release) {
        completionSlots.acquireUninterruptibly();
        Runnable task =
                () -> {
                    try {
                        last.accept(release);
                    } finally {
                        completionSlots.release();
                    }
                };
        try {
            completions.execute(task);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }

    /**
     * Waits for a due partition and marks it taken, with the partitions that join it in a shared
     * object: the due one whose untiered records are the oldest, and of those the one served
     * longest ago, goes first. Null once the pool is closed.
     */
    private synchronized List<PooledTierer> take() {
        while (!closed) {
            long now = System.nanoTime();
            long nowMillis = clock.millis();
            PooledTierer best = null;
            long wait = RECHECK_NANOS;
            for (PooledTierer p : partitions) {
                if (!p.ready(now, nowMillis)) {
                    long backingOff = p.notBeforeNanos() - now;
                    if (backingOff > 0) {
                        wait = Math.min(wait, backingOff);
                    }
                } else if (best == null || p.servesBefore(best)) {
                    best = p;
                }
            }
            if (best != null) {
                List<PooledTierer> group = group(best, now);
                group.forEach(p -> p.taken(++turns));
                return group;
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    /**
     * {@code first} and the partitions that join its object, those with the oldest records first.
     */
    private List<PooledTierer> group(PooledTierer first, long now) {
        List<PooledTierer> group = new ArrayList<>(List.of(first));
        if (options.maxPartitionsPerObject() == 1 || first.alone()) {
            return group;
        }
        long bytes = first.estimatedBytes();
        List<PooledTierer> candidates =
                partitions.stream()
                        .filter(p -> p != first && p.sameStream(first) && p.mayJoin(now))
                        .filter(p -> !p.alone())
                        .sorted((a, b) -> a.servesBefore(b) ? -1 : b.servesBefore(a) ? 1 : 0)
                        .toList();
        for (PooledTierer p : candidates) {
            if (group.size() == options.maxPartitionsPerObject()
                    || bytes >= options.targetObjectBytes()) {
                break;
            }
            bytes += p.estimatedBytes();
            group.add(p);
        }
        return group;
    }

    /**
     * Closes every partition still registered (their objects in progress are aborted), stops the
     * threads and lets the table commits of their swaps finish (see {@link #awaitTableCommits}).
     */
    @Override
    public void close() {
        List<PooledTierer> left;
        synchronized (this) {
            closed = true;
            notifyAll();
            left = List.copyOf(partitions);
        }
        // Swaps still waiting for a commit are not made: their partitions close with them.
        commitWaiter.close();
        left.forEach(PooledTierer::close);
        // Not interrupted: an interrupt would close the file channels of an embedded manifest.
        boolean interrupted = false;
        for (Thread thread : threads) {
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        completions.shutdown();
        boolean stopped = false;
        while (!stopped) {
            try {
                stopped =
                        completions.awaitTermination(1, TimeUnit.SECONDS)
                                && completionThreads.join(
                                        System.nanoTime() + TimeUnit.SECONDS.toNanos(1))
                                && waiterThread.join(
                                        System.nanoTime() + TimeUnit.SECONDS.toNanos(1));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        QueuedTableCommits.closeIfQueued(tableCommits);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
