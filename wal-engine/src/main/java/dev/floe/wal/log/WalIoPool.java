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
package dev.floe.wal.log;

import java.io.Closeable;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small fixed set of daemon threads that runs the IO of any number of write-ahead logs: writing
 * their buffers, fsyncing them by their {@link SyncPolicy}, and completing their durability futures
 * and listeners. Thread-safe.
 *
 * <p>A log with IO work due is queued on the pool and runs one step, writing at most one buffer, on
 * whichever thread is free; then it queues again behind the other logs, so a busy log cannot starve
 * the rest. A log never runs on two threads at once. A log waiting out its group-commit {@code
 * max-wait} holds no thread: a timer on the pool wakes it.
 *
 * <p>The trade-off: a step that blocks, such as a slow fsync, holds its thread. The other logs go
 * on with the remaining threads, but once as many logs are blocked as the pool has threads, every
 * log on the pool waits; and a log's acknowledgement may wait behind other logs' writes. Size the
 * pool for the fsyncs that should be in flight at once (a few per disk), not for the number of
 * logs. Durability listeners and whatever is chained to durability futures run on the pool's
 * threads, so they must be quick.
 *
 * <p>Whoever creates a pool closes it, after the logs that use it. A log opened without a pool gets
 * a private pool of one thread, which it closes itself.
 */
public final class WalIoPool implements Closeable {

    /** Threads of a pool when its owner does not choose. */
    public static final int DEFAULT_THREADS = 2;

    private static final Logger LOG = LoggerFactory.getLogger(WalIoPool.class);

    /**
     * A log under {@link SyncPolicy#NONE} waits at least this long per log on the pool before it
     * writes what it buffered, so that many logs together write a bounded number of times per
     * second: with 512 logs, about every 8 ms.
     */
    static final long WAIT_PER_LOG_NANOS = 16_000;

    private final String name;
    private final long bufferGrowthLimit;
    private final AtomicLong bufferGrowth = new AtomicLong();
    private final ScheduledThreadPoolExecutor executor;
    private final Set<Worker> workers = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private WalIoPool(String name, int threads, long bufferGrowthLimit) {
        this.name = name;
        this.bufferGrowthLimit = bufferGrowthLimit;
        AtomicInteger created = new AtomicInteger();
        this.executor =
                new ScheduledThreadPoolExecutor(
                        threads,
                        task -> {
                            Thread t =
                                    new Thread(
                                            task,
                                            "floe-wal-io-"
                                                    + name
                                                    + "-"
                                                    + created.getAndIncrement());
                            t.setDaemon(true);
                            return t;
                        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /**
     * Creates a pool of {@code threads} daemon threads named {@code floe-wal-io-<name>-<n>},
     * started as work arrives.
     */
    public static WalIoPool create(String name, int threads) {
        return create(name, threads, Long.MAX_VALUE);
    }

    /**
     * Like {@link #create(String, int)}, with the logs' write buffers together growing by at most
     * {@code bufferGrowthLimit} bytes beyond their initial size: once it is reached, a log whose
     * buffer is full waits for its IO instead of enlarging it (a buffer too small for one frame
     * still grows), so the memory of many busy logs stays bounded.
     */
    public static WalIoPool create(String name, int threads, long bufferGrowthLimit) {
        Objects.requireNonNull(name, "name");
        if (threads < 1) {
            throw new IllegalArgumentException(
                    "WAL IO pool " + name + " needs at least 1 thread, got " + threads);
        }
        if (bufferGrowthLimit < 0) {
            throw new IllegalArgumentException(
                    "WAL IO pool "
                            + name
                            + " needs a buffer growth limit >= 0, got "
                            + bufferGrowthLimit);
        }
        return new WalIoPool(name, threads, bufferGrowthLimit);
    }

    /** Bytes the logs' write buffers have grown by beyond their initial size, together. */
    public long bufferGrowth() {
        return bufferGrowth.get();
    }

    /**
     * Registers a log whose IO runs as {@code step}; {@code poolClosed} is told if the pool closes
     * or refuses work while the log still uses it.
     */
    Worker register(String log, Runnable step, Consumer<WalException> poolClosed) {
        Worker worker = new Worker(log, step, poolClosed);
        workers.add(worker);
        if (closed) {
            workers.remove(worker);
            throw new WalException(
                    "WAL IO pool "
                            + name
                            + " is closed; open logs on it before closing it, and close it after"
                            + " them");
        }
        return worker;
    }

    /**
     * Stops the threads once the steps already queued have run. Logs still using the pool then
     * fail: their owner closes them before the pool.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        executor.shutdown();
        try {
            executor.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Worker> orphans = List.copyOf(workers);
        if (!orphans.isEmpty()) {
            LOG.warn(
                    "WAL IO pool {} closed while {} logs still use it; they fail",
                    name,
                    orphans.size());
        }
        for (Worker w : orphans) {
            w.refused();
        }
    }

    /**
     * The turns of one log on the pool: {@link #wake()} queues its step unless it is queued
     * already; a wake while the step runs queues it again once it returns. Thread-safe.
     */
    final class Worker {

        private static final int IDLE = 0;
        private static final int QUEUED = 1;
        private static final int RUNNING = 2;
        private static final int RUNNING_WOKEN = 3;

        private final String log;
        private final Runnable step;
        private final Consumer<WalException> poolClosed;
        private final AtomicInteger state = new AtomicInteger(IDLE);
        private volatile boolean deregistered;

        // Guarded by this.
        private ScheduledFuture<?> timer;
        private long timerDeadline;

        private Worker(String log, Runnable step, Consumer<WalException> poolClosed) {
            this.log = log;
            this.step = step;
            this.poolClosed = poolClosed;
        }

        /**
         * Takes {@code bytes} of the pool's buffer growth; false, taking nothing, if that would
         * pass the limit, unless {@code always}.
         */
        boolean reserveBuffer(long bytes, boolean always) {
            while (true) {
                long used = bufferGrowth.get();
                if (!always && used + bytes > bufferGrowthLimit) {
                    return false;
                }
                if (bufferGrowth.compareAndSet(used, used + bytes)) {
                    return true;
                }
            }
        }

        /**
         * How long a log waits, after its first buffered record, before writing its buffer: its
         * group-commit {@code maxWaitNanos}, or longer when the pool has many logs.
         */
        long writeWaitNanos(long maxWaitNanos) {
            return Math.max(maxWaitNanos, workers.size() * WAIT_PER_LOG_NANOS);
        }

        /** Gives back buffer growth taken by {@link #reserveBuffer}. */
        void releaseBuffer(long bytes) {
            bufferGrowth.addAndGet(-bytes);
        }

        /** Runs the step soon, on a pool thread. */
        void wake() {
            while (!deregistered) {
                int s = state.get();
                if (s == QUEUED || s == RUNNING_WOKEN) {
                    return;
                }
                if (s == IDLE && state.compareAndSet(IDLE, QUEUED)) {
                    submit();
                    return;
                }
                if (s == RUNNING && state.compareAndSet(RUNNING, RUNNING_WOKEN)) {
                    return;
                }
            }
        }

        /** Wakes the step in {@code nanos}, unless a wake at that time or earlier is pending. */
        void wakeAfter(long nanos) {
            long now = System.nanoTime();
            long deadline = now + nanos;
            synchronized (this) {
                // A timer whose time has come may have woken the step already, while this very step
                // ran: it is not pending any more.
                boolean pending =
                        timer != null
                                && !timer.isDone()
                                && timerDeadline - now > 0
                                && timerDeadline - deadline <= 0;
                if (deregistered || pending) {
                    return;
                }
                if (timer != null) {
                    timer.cancel(false);
                }
                try {
                    timer = executor.schedule(this::wake, nanos, TimeUnit.NANOSECONDS);
                    timerDeadline = deadline;
                    return;
                } catch (RejectedExecutionException e) {
                    timer = null;
                }
            }
            refused();
        }

        /** Leaves the pool: the log is closed, and later wakes do nothing. */
        void deregister() {
            deregistered = true;
            synchronized (this) {
                if (timer != null) {
                    timer.cancel(false);
                }
            }
            workers.remove(this);
        }

        private void submit() {
            try {
                executor.execute(this::run);
            } catch (RejectedExecutionException e) {
                state.set(IDLE);
                refused();
            }
        }

        private void run() {
            state.set(RUNNING);
            try {
                step.run();
            } finally {
                if (!state.compareAndSet(RUNNING, IDLE)) {
                    state.set(QUEUED);
                    submit();
                }
            }
        }

        private void refused() {
            if (!deregistered) {
                poolClosed.accept(
                        new WalException(
                                "WAL IO pool "
                                        + name
                                        + " was closed while WAL "
                                        + log
                                        + " still used it; close the logs before their pool"));
            }
        }
    }
}
