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
import dev.floe.wal.manifest.StreamConfig;
import dev.floe.wal.object.ObjectStore;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.retry.Backoff;
import dev.floe.wal.tier.parquet.ParquetObjectSchema;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.NavigableSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tiers a partition while it is written: a background thread follows the partition's local WAL and
 * encodes its records into the next Parquet object as they arrive, uploading row groups as parts.
 * An object ends at a seal boundary (the end of a segment object, see {@link #sealed}) once it
 * reaches the target size or age, or spans as many segment objects as one swap may replace, and is
 * swapped into the manifest, replacing exactly the segment objects of its range, as soon as its
 * range is committed. The segment objects stay the truth until the swap: an object never swapped is
 * an orphan the cleaner removes.
 *
 * <p>Records are read from the WAL before they are committed: within one writer epoch the WAL's
 * records never change, and the swap compares the epoch, so an object built by a fenced writer is
 * never swapped in. The WAL must keep every record at or after {@link #floor()}. An upload that
 * fails with an error that may pass is rebuilt from the log with backoff; any other error, or a
 * fenced swap, stops the tierer ({@link #isRunning()} turns false) and leaves the range to tiering
 * from segment objects. One thread per partition: for writers that own a few partitions ({@link
 * TieringPool} serves many). Thread-safe.
 */
public final class StreamingTierer extends WalTieringBase {

    private static final Logger LOG = LoggerFactory.getLogger(StreamingTierer.class);
    private static final int POLL_RECORDS = 8192;
    private static final Duration IDLE_POLL = Duration.ofMillis(50);
    private static final Duration COMMIT_POLL = Duration.ofMillis(20);
    private static final long HEAD_READ_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final Backoff.Policy PAUSES =
            Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(5));

    private final NavigableSet<Long> sealedEnds = new ConcurrentSkipListSet<>();
    private final Backoff.Policy pauses = PAUSES.withSleeper(this::pauseUnlessClosed);
    private final Thread thread;

    // Guarded by this.
    private boolean closed;

    // Confined to the tiering thread.
    private final ArrayDeque<ObjectDescriptor> unswapped = new ArrayDeque<>();
    private TailReader reader;
    private OpenParquetObject current;
    private long next;
    private long lastHeadReadNanos;

    /**
     * @param startOffset the first offset to tier, where the writer started (its committed end);
     *     everything below it is left to tiering from segment objects
     * @param values the schema of the values the writer writes, with its schema version
     * @param epoch the writer's epoch, compared by every swap
     * @param tableCommits where swaps are committed to the stream's table
     */
    StreamingTierer(
            WriteAheadLog wal,
            ManifestStore manifest,
            ObjectStore store,
            StreamConfig stream,
            ParquetObjectSchema values,
            int partition,
            long epoch,
            long startOffset,
            TierOptions options,
            TableCommits tableCommits,
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
                tableCommits,
                clock);
        this.next = startOffset;
        this.thread = new Thread(this::run, "floe-tier-" + stream.name() + "-" + partition);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * A factory that gives each partition a {@link StreamingTierer} of its own, writing into {@code
     * parquetStore}; their table commits go through one thread named {@code name}-iceberg, which
     * closing the factory drains.
     */
    public static PartitionTieringFactory factory(
            String name,
            ManifestStore manifest,
            ObjectStore parquetStore,
            TierOptions options,
            Clock clock) {
        TableCommits commits =
                QueuedTableCommits.of(
                        options.tableCommits().open(manifest, parquetStore), name + "-iceberg");
        return new PartitionTieringFactory() {
            @Override
            public PartitionTiering start(
                    WriteAheadLog wal,
                    StreamConfig stream,
                    ParquetObjectSchema values,
                    int partition,
                    long epoch,
                    long startOffset) {
                return new StreamingTierer(
                        wal,
                        manifest,
                        parquetStore,
                        stream,
                        values,
                        partition,
                        epoch,
                        startOffset,
                        options,
                        commits,
                        clock);
            }

            @Override
            public void awaitTableCommits() throws InterruptedException {
                QueuedTableCommits.awaitIfQueued(commits);
            }

            @Override
            public void close() {
                QueuedTableCommits.closeIfQueued(commits);
            }
        };
    }

    /** {@inheritDoc} A boundary the tierer has already read past is of no use. */
    @Override
    public void sealed(long endOffset) {
        sealedEnds.add(endOffset);
    }

    @Override
    public synchronized CompletableFuture<Void> finish(long endOffset) {
        sealed(endOffset);
        CompletableFuture<Void> finished = progress.finish(endOffset);
        notifyAll();
        return finished;
    }

    private void run() {
        Backoff backoff = pauses.start();
        while (!isClosed()) {
            try {
                if (step()) {
                    backoff = pauses.start();
                }
            } catch (IOException | RuntimeException e) {
                if (isClosed()) {
                    break;
                }
                restartObject();
                if (!progress.retryAfter(e, next, backoff.nextDelay())) {
                    break;
                }
                try {
                    if (!backoff.pause()) {
                        break;
                    }
                } catch (InterruptedException interrupted) {
                    break;
                }
            } catch (InterruptedException e) {
                break;
            }
        }
        abandon();
    }

    /** One round: swap what is committed, encode what the log has, cut where due. */
    private boolean step() throws IOException, InterruptedException {
        boolean swapped = swapCommitted();
        if (reader == null) {
            reader = wal.openReader(next, ReadLimit.WRITTEN);
        }
        Duration wait = unswapped.isEmpty() && !progress.finishing() ? IDLE_POLL : COMMIT_POLL;
        List<LoggedRecord> records = reader.poll(POLL_RECORDS, wait);
        // Boundaries sealed after this poll lie at or past its last record: one look suffices.
        Long boundary = sealedEnds.ceiling(next);
        long nextBoundary = boundary == null ? Long.MAX_VALUE : boundary;
        for (LoggedRecord r : records) {
            if (next == nextBoundary) {
                cutIfDue();
                boundary = sealedEnds.higher(next);
                nextBoundary = boundary == null ? Long.MAX_VALUE : boundary;
            }
            if (current == null) {
                current =
                        OpenParquetObject.start(
                                store,
                                stream.name(),
                                partition,
                                r.offset(),
                                epoch,
                                schema,
                                options.parquet());
            }
            current.write(r);
            next = r.offset() + 1;
        }
        cutIfDue();
        updateFloor();
        return swapped || !records.isEmpty();
    }

    /** Ends the current object at {@code next} if that is a seal boundary and the object is due. */
    private void cutIfDue() throws IOException {
        if (current == null || !sealedEnds.contains(next)) {
            return;
        }
        int segments = sealedEnds.subSet(current.start(), false, next, true).size();
        boolean due =
                next == progress.finishEnd()
                        || options.objectFull(current.dataSize(), segments)
                        || current.ageNanos() >= options.maxSegmentAge().toNanos();
        if (!due) {
            return;
        }
        ObjectDescriptor object = current.finish();
        current = null;
        unswapped.add(object);
        sealedEnds.headSet(next, false).clear();
        LOG.debug("Finished Parquet object {} of {}, waiting for its commit", object, name());
    }

    /** Swaps in every finished object whose range is committed, in offset order. */
    private boolean swapCommitted() throws IOException {
        if (unswapped.isEmpty()) {
            return false;
        }
        long now = System.nanoTime();
        if (now - lastHeadReadNanos < HEAD_READ_INTERVAL_NANOS && !progress.finishing()) {
            return false;
        }
        lastHeadReadNanos = now;
        long committedEnd = manifest.head(stream.name(), partition).committedEnd();
        boolean swapped = false;
        while (!unswapped.isEmpty() && unswapped.peek().endOffset() <= committedEnd) {
            swapper.swap(unswapped.peek());
            ObjectDescriptor object = unswapped.poll();
            updateFloor();
            progress.swapped(object);
            swapped = true;
        }
        return swapped;
    }

    private void updateFloor() {
        if (!unswapped.isEmpty()) {
            progress.floor(unswapped.peek().startOffset());
        } else {
            progress.floor(current != null ? current.start() : next);
        }
    }

    /**
     * After a failed attempt: drops the object in progress and reads the log again from its start.
     */
    private void restartObject() {
        if (current != null) {
            next = current.start();
            current.abort();
            current = null;
        }
        closeReader();
    }

    /**
     * On close or stop: drops the object in progress and deletes finished ones that are not in the
     * manifest.
     */
    private void abandon() {
        restartObject();
        swapper.abandon(unswapped);
        unswapped.clear();
    }

    private void closeReader() {
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException e) {
                LOG.debug("Closing the log reader of {} failed", name(), e);
            }
            reader = null;
        }
    }

    private synchronized void pauseUnlessClosed(Duration duration) throws InterruptedException {
        if (!closed) {
            TimeUnit.NANOSECONDS.timedWait(this, duration.toNanos());
        }
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    private String name() {
        return progress.name();
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        // Not interrupted: an interrupt would close the file channels of an embedded manifest.
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        progress.stop();
    }
}
