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

import dev.floe.wal.log.ReadLimit;
import dev.floe.wal.log.TailReader;
import dev.floe.wal.log.WriteAheadLog;
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.PartitionHead;
import dev.floe.wal.manifest.StreamConfig;
import dev.floe.wal.object.ObjectStore;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.retry.Backoff;
import dev.floe.wal.tier.parquet.ParquetObjectSchema;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tiering of one partition on a {@link TieringPool}: it notes the seal boundaries the writer
 * reports and, when a pool thread takes it, builds one Parquet object from the committed range the
 * WAL still holds and swaps it in.
 *
 * <p>A range becomes due when, ending at a committed seal boundary,
 *
 * <ul>
 *   <li>its estimated Parquet size reaches the target: its WAL bytes (frames, as appended) times
 *       the ratio of Parquet to WAL bytes of the objects this partition tiered so far, taken as 1
 *       before the first one (so the first object is smaller than the target, never larger);
 *   <li>or it spans as many segment objects as one swap may replace;
 *   <li>or its first segment object was sealed {@link TierOptions#maxSegmentAge()} ago (by the
 *       pool's clock; its records are up to one checkpoint older);
 *   <li>or a {@link #finish} covers it.
 * </ul>
 *
 * While the object is written it also ends at the first inner seal boundary where its actual
 * Parquet bytes reach the target, so an estimate that is too high never makes it larger than a
 * {@link StreamingTierer}'s. Encoding starts only once the range is committed, after a look at the
 * partition's head that also finds a newer writer epoch before any work is done. Thread-safe: the
 * writer calls {@link #sealed} and {@link #finish}, one pool thread at a time calls {@link #work}.
 */
final class PooledTierer extends WalTieringBase {

    private static final Logger LOG = LoggerFactory.getLogger(PooledTierer.class);
    private static final int POLL_RECORDS = 8192;
    private static final Duration READ_WAIT = Duration.ofMillis(100);
    private static final Backoff.Policy FAILURE_PAUSES =
            Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(5));
    private static final Backoff.Policy COMMIT_POLLS =
            Backoff.exponential(Duration.ofMillis(50), Duration.ofSeconds(1));

    private final TieringPool pool;
    private final Clock clock;

    // Guarded by pool.
    private final ArrayDeque<Seal> seals = new ArrayDeque<>();
    private long from;
    private long fromWalBytes;
    private long lastSealEnd;
    private ObjectDescriptor unswapped;
    private long unswappedBytes;
    private long parquetBytesTiered;
    private long walBytesTiered;
    private boolean busy;
    private boolean closed;
    private long lastTurn;
    private long notBeforeNanos;
    private Duration pause = Duration.ZERO;
    private final Backoff.Policy failurePauses = FAILURE_PAUSES.withSleeper(d -> pause = d);
    private final Backoff.Policy commitPolls = COMMIT_POLLS.withSleeper(d -> pause = d);
    private Backoff failures = failurePauses.start();
    private Backoff commitWait = commitPolls.start();

    PooledTierer(
            TieringPool pool,
            WriteAheadLog wal,
            ManifestStore manifest,
            ObjectStore store,
            StreamConfig stream,
            ParquetObjectSchema values,
            int partition,
            long epoch,
            long startOffset,
            TierOptions options,
            Clock clock) {
        super(
                wal,
                manifest,
                store,
                stream,
                values,
                partition,
                epoch,
                startOffset,
                options,
                pool.tableCommits(),
                clock);
        this.pool = pool;
        this.clock = clock;
        this.from = startOffset;
        this.lastSealEnd = startOffset;
        this.fromWalBytes = wal.appendedBytes();
    }

    /** A seal boundary: where the WAL stood and when it was sealed. */
    private record Seal(long end, long walBytes, long sealedAtMillis) {}

    /**
     * A sealed range to build one object from, and the seal boundaries in it up to its end; {@code
     * committed} unless the range was taken at a finish before its last commit landed.
     */
    record Plan(long from, long end, long[] boundaries, boolean committed) {}

    @Override
    public void sealed(long endOffset) {
        long walBytes = wal.appendedBytes();
        synchronized (pool) {
            if (endOffset <= lastSealEnd) {
                return;
            }
            seals.add(new Seal(endOffset, walBytes, clock.millis()));
            lastSealEnd = endOffset;
            // Due by age is found by the threads' periodic look; waking them for every seal of
            // every partition would have them scan all partitions at each checkpoint.
            if (full(seals.peekLast(), seals.size()) || options.maxSegmentAge().isZero()) {
                pool.notifyAll();
            }
        }
    }

    @Override
    public CompletableFuture<Void> finish(long endOffset) {
        sealed(endOffset);
        CompletableFuture<Void> finished = progress.finish(endOffset);
        pool.wake();
        return finished;
    }

    // Scheduling, called by the pool under its lock.

    /** Whether a pool thread should take this partition now. */
    boolean ready(long nowNanos, long nowMillis) {
        if (busy || closed || !progress.isRunning() || nowNanos - notBeforeNanos < 0) {
            return false;
        }
        if (unswapped != null) {
            return true;
        }
        if (seals.isEmpty()) {
            return false;
        }
        return progress.finishEnd() > from
                || old(nowMillis)
                || full(seals.peekLast(), seals.size());
    }

    /**
     * Whether this partition may add its committed range to a shared object now, due or not: it has
     * sealed records, no object awaiting its swap, and is not backing off.
     */
    boolean mayJoin(long nowNanos) {
        return !busy
                && !closed
                && progress.isRunning()
                && nowNanos - notBeforeNanos >= 0
                && unswapped == null
                && !seals.isEmpty();
    }

    /**
     * Whether this partition may share an object with {@code other}: same stream and schema
     * version.
     */
    boolean sameStream(PooledTierer other) {
        return stream.name().equals(other.stream.name())
                && schema.schemaVersion() == other.schema.schemaVersion();
    }

    /** Whether this partition goes before {@code other}: older records, or served longer ago. */
    boolean servesBefore(PooledTierer other) {
        long mine = oldestSealMillis();
        long theirs = other.oldestSealMillis();
        return mine != theirs ? mine < theirs : lastTurn < other.lastTurn;
    }

    long notBeforeNanos() {
        return notBeforeNanos;
    }

    void taken(long turn) {
        busy = true;
        lastTurn = turn;
    }

    void released() {
        busy = false;
    }

    private long oldestSealMillis() {
        return seals.isEmpty() ? Long.MAX_VALUE : seals.peekFirst().sealedAtMillis();
    }

    private boolean old(long nowMillis) {
        return nowMillis - seals.peekFirst().sealedAtMillis() >= options.maxSegmentAge().toMillis();
    }

    /** Whether the range from {@code from} to {@code seal}, {@code segments} objects, is full. */
    private boolean full(Seal seal, int segments) {
        return options.objectFull(estimate(seal), segments);
    }

    /** The estimated Parquet bytes of the records from {@code from} to {@code seal}. */
    private long estimate(Seal seal) {
        double ratio = walBytesTiered == 0 ? 1.0 : (double) parquetBytesTiered / walBytesTiered;
        return (long) ((seal.walBytes() - fromWalBytes) * ratio);
    }

    // The work of a pool thread.

    /**
     * Builds and swaps in one object if a committed range is due; swaps a pending one first. Reads
     * the WAL through {@code readBuffer}, the calling pool thread's. Returns whether it handed
     * {@code release} on, to run once a swap left waiting for its commit is made.
     */
    boolean work(ByteBuffer readBuffer, Runnable release) {
        ObjectDescriptor object;
        synchronized (pool) {
            object = unswapped;
        }
        if (object != null) {
            swap(object, unswappedBytes);
            return false;
        }
        Plan plan;
        try {
            plan = plan(manifest.head(stream.name(), partition));
            if (plan == null) {
                waitForCommit();
                return false;
            }
            OpenParquetObject open =
                    OpenParquetObject.start(
                            store,
                            stream.name(),
                            partition,
                            plan.from(),
                            epoch,
                            schema,
                            options.parquet());
            try {
                encode(open, plan, readBuffer);
                object = open.finish();
            } catch (IOException | InterruptedException | RuntimeException e) {
                open.abort();
                throw e;
            }
            LOG.debug("Finished Parquet object {} of {}", object, progress.name());
        } catch (IOException | RuntimeException e) {
            failed(e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed(e);
            return false;
        }
        if (plan.committed()) {
            swap(object, object.sizeBytes());
            return false;
        }
        ObjectDescriptor finished = object;
        keepUnswapped(finished, finished.sizeBytes());
        pool.commitWaiter()
                .add(
                        new CommitWaiter.Wait(
                                stream.name(),
                                List.of(this),
                                Map.of(partition, finished.endOffset()),
                                () -> {
                                    try {
                                        swap(finished, finished.sizeBytes());
                                    } finally {
                                        release.run();
                                    }
                                },
                                release));
        return true;
    }

    /** The pool this partition is tiered on. */
    TieringPool pool() {
        return pool;
    }

    /** Whether this partition's tiering stopped or closed. */
    boolean stopped() {
        synchronized (pool) {
            return closed || !progress.isRunning();
        }
    }

    /**
     * Swaps in {@code object}, built from this partition's WAL, of which {@code parquetBytes} hold
     * this partition's records; on failure keeps it to swap again or stops.
     */
    void swap(ObjectDescriptor object, long parquetBytes) {
        keepUnswapped(object, parquetBytes);
        try {
            swapper.swap(object);
        } catch (IOException | RuntimeException e) {
            failed(e);
            return;
        }
        swapped(object, parquetBytes);
    }

    /** Notes {@code object}, finished, to be swapped in: on failure, its swap is tried again. */
    void keepUnswapped(ObjectDescriptor object, long parquetBytes) {
        synchronized (pool) {
            unswapped = object;
            unswappedBytes = parquetBytes;
        }
    }

    /** Whether this partition holds the next object's first range or is only added to it. */
    boolean alone() {
        synchronized (pool) {
            return unswapped != null || seals.isEmpty() || full(seals.peekLast(), seals.size());
        }
    }

    /** The estimated Parquet bytes of the sealed, untiered records. */
    long estimatedBytes() {
        synchronized (pool) {
            return seals.isEmpty() ? 0 : estimate(seals.peekLast());
        }
    }

    /**
     * The range to tier now, given the partition's {@code head}, or null if no committed range is
     * due yet.
     *
     * @throws TieringFencedException if another writer took the partition
     */
    Plan plan(PartitionHead head) {
        return plan(head, false);
    }

    /**
     * The committed range to add to a shared object, due or not, given the partition's {@code
     * head}; null if no sealed range is committed yet.
     */
    Plan planShared(PartitionHead head) {
        return plan(head, true);
    }

    private Plan plan(PartitionHead head, boolean evenIfNotDue) {
        if (head.epoch() > epoch) {
            throw new TieringFencedException(
                    "another writer took the partition (epoch "
                            + head.epoch()
                            + ", this writer has "
                            + epoch
                            + ")");
        }
        long committedEnd = head.committedEnd();
        // A finished range is encoded while its last commit lands, and swapped in once it has.
        long finishEnd = progress.finishEnd();
        synchronized (pool) {
            Seal end = null;
            int segments = 0;
            for (Seal s : seals) {
                if (s.end() > committedEnd && s.end() > finishEnd) {
                    break;
                }
                end = s;
                segments++;
                if (full(s, segments)) {
                    break;
                }
            }
            if (end == null
                    || !(evenIfNotDue
                            || full(end, segments)
                            || old(clock.millis())
                            || progress.finishEnd() > from)) {
                return null;
            }
            long[] boundaries = seals.stream().limit(segments).mapToLong(Seal::end).toArray();
            commitWait = commitPolls.start();
            return new Plan(from, end.end(), boundaries, end.end() <= committedEnd);
        }
    }

    /**
     * Writes the plan's records from the WAL into {@code object}, ending early at a seal boundary
     * once the object reaches the target size.
     */
    void encode(OpenParquetObject object, Plan plan, ByteBuffer readBuffer)
            throws IOException, InterruptedException {
        try (TailReader reader = wal.openReader(plan.from(), ReadLimit.WRITTEN, readBuffer)) {
            long next = plan.from();
            long end = plan.end();
            int segments = 0;
            while (next < end) {
                if (isClosed()) {
                    throw new IllegalStateException("tiering of " + progress.name() + " closed");
                }
                for (LoggedRecord r :
                        reader.poll((int) Math.min(POLL_RECORDS, end - next), READ_WAIT)) {
                    if (r.offset() >= end) {
                        break;
                    }
                    object.write(r);
                    next = r.offset() + 1;
                    if (next == plan.boundaries()[segments]) {
                        segments++;
                        if (next < end && options.objectFull(object.dataSize(), segments)) {
                            end = next;
                        }
                    }
                }
            }
        }
    }

    void swapped(ObjectDescriptor object, long parquetBytes) {
        synchronized (pool) {
            unswapped = null;
            Seal end = seals.poll();
            while (end.end() < object.endOffset()) {
                end = seals.poll();
            }
            parquetBytesTiered += parquetBytes;
            walBytesTiered += end.walBytes() - fromWalBytes;
            from = object.endOffset();
            fromWalBytes = end.walBytes();
            failures = failurePauses.start();
            notBeforeNanos = System.nanoTime();
        }
        progress.floor(object.endOffset());
        progress.swapped(object);
    }

    void waitForCommit() {
        synchronized (pool) {
            commitWait.pauseUnlessInterrupted();
            notBeforeNanos = System.nanoTime() + pause.toNanos();
        }
    }

    /**
     * Waits for a commit as {@code first} does, which was read with it and waits already: they back
     * off in step and resume together, so one read serves them all again.
     */
    void waitForCommitWith(PooledTierer first) {
        synchronized (pool) {
            commitWait.pauseUnlessInterrupted();
            notBeforeNanos = first.notBeforeNanos;
        }
    }

    /** Retries after a pause; or stops, deleting the object that will never be swapped. */
    void failed(Exception e) {
        long retryFrom;
        Duration retryIn;
        synchronized (pool) {
            if (closed) {
                return;
            }
            failures.pauseUnlessInterrupted();
            retryIn = pause;
            retryFrom = from;
        }
        if (progress.retryAfter(e, retryFrom, retryIn)) {
            synchronized (pool) {
                notBeforeNanos = System.nanoTime() + retryIn.toNanos();
            }
            return;
        }
        pool.remove(this);
        abandon();
    }

    private void abandon() {
        ObjectDescriptor object;
        synchronized (pool) {
            object = unswapped;
            unswapped = null;
        }
        if (object != null) {
            swapper.abandon(List.of(object));
        }
    }

    private boolean isClosed() {
        synchronized (pool) {
            return closed;
        }
    }

    /** Stops tiering: waits for a pool thread working on it, then deletes an unswapped object. */
    @Override
    public void close() {
        boolean interrupted = false;
        synchronized (pool) {
            closed = true;
            pool.notifyAll();
            while (busy) {
                try {
                    pool.wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        pool.remove(this);
        abandon();
        progress.stop();
    }
}
