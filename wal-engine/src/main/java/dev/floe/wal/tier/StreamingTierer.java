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

import dev.floe.wal.error.FloeErrors;
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
 * reaches the target size or age, and is swapped into the manifest, replacing exactly the segment
 * objects of its range, as soon as its range is committed. The segment objects stay the truth until
 * the swap: an object never swapped is an orphan the cleaner removes.
 *
 * <p>Records are read from the WAL before they are committed: within one writer epoch the WAL's
 * records never change, and the swap compares the epoch, so an object built by a fenced writer is
 * never swapped in. The WAL must keep every record at or after {@link #floor()}. An upload that
 * fails with an error that may pass is rebuilt from the log with backoff; any other error, or a
 * fenced swap, stops the tierer ({@link #isRunning()} turns false) and leaves the range to tiering
 * from segment objects. Thread-safe.
 */
public final class StreamingTierer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamingTierer.class);
    private static final int POLL_RECORDS = 8192;
    private static final Duration IDLE_POLL = Duration.ofMillis(50);
    private static final Duration COMMIT_POLL = Duration.ofMillis(20);
    private static final long HEAD_READ_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final Backoff.Policy PAUSES =
            Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(5));

    private final WriteAheadLog wal;
    private final ManifestStore manifest;
    private final ObjectStore store;
    private final StreamConfig stream;
    private final int partition;
    private final long epoch;
    private final long startOffset;
    private final TierOptions options;
    private final Clock clock;
    private final ParquetObjectSchema schema;
    private final NavigableSet<Long> sealedEnds = new ConcurrentSkipListSet<>();
    private final Backoff.Policy pauses = PAUSES.withSleeper(this::pauseUnlessClosed);
    private final Thread thread;

    // Written by the tiering thread, read by others.
    private volatile long floor;
    private volatile long tieredEnd;
    private volatile boolean running = true;
    private volatile long objectsTiered;

    // Guarded by this.
    private boolean closed;
    private long finishEnd = -1;
    private CompletableFuture<Void> finished;

    // Confined to the tiering thread.
    private final ArrayDeque<ObjectDescriptor> unswapped = new ArrayDeque<>();
    private TailReader reader;
    private OpenParquetObject current;
    private long next;
    private long lastHeadReadNanos;

    /**
     * @param startOffset the first offset to tier, where the writer started (its committed end);
     *     everything below it is left to tiering from segment objects
     * @param epoch the writer's epoch, compared by every swap
     */
    public StreamingTierer(
            WriteAheadLog wal,
            ManifestStore manifest,
            ObjectStore store,
            StreamConfig stream,
            int partition,
            long epoch,
            long startOffset,
            TierOptions options,
            Clock clock) {
        this.wal = wal;
        this.manifest = manifest;
        this.store = store;
        this.stream = stream;
        this.partition = partition;
        this.epoch = epoch;
        this.startOffset = startOffset;
        this.options = options;
        this.clock = clock;
        this.schema = Tierer.schemaOf(stream);
        this.next = startOffset;
        this.floor = startOffset;
        this.tieredEnd = startOffset;
        this.thread = new Thread(this::run, "floe-tier-" + stream.name() + "-" + partition);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Records that a segment object ends at {@code endOffset}, so an object may end there. Call it
     * before any record at or after {@code endOffset} is appended: a boundary the tierer has
     * already read past is of no use.
     */
    public void sealed(long endOffset) {
        sealedEnds.add(endOffset);
    }

    /**
     * Ends tiering at {@code endOffset}, a seal boundary (the end of a bounded job). The future
     * completes once everything below it is Parquet in the manifest, or fails if the tierer
     * stopped.
     */
    public synchronized CompletableFuture<Void> finish(long endOffset) {
        sealed(endOffset);
        finishEnd = endOffset;
        finished = new CompletableFuture<>();
        if (!running) {
            finished.completeExceptionally(stoppedException());
        }
        notifyAll();
        return finished;
    }

    /** The first offset tiering may still read from the WAL: the log must keep it and after. */
    public long floor() {
        return floor;
    }

    /** Where this tierer started: ranges below it are tiered from segment objects. */
    public long startOffset() {
        return startOffset;
    }

    /** The end of the last Parquet object this tierer swapped in. */
    public long tieredEnd() {
        return tieredEnd;
    }

    public long objectsTiered() {
        return objectsTiered;
    }

    /** False once the tierer stopped on an error it cannot retry or a fenced swap. */
    public boolean isRunning() {
        return running;
    }

    private void run() {
        Backoff backoff = pauses.start();
        while (!isClosed()) {
            try {
                if (step()) {
                    backoff = pauses.start();
                }
            } catch (FencedException e) {
                LOG.info("Tiering of {} stops: {}", name(), e.getMessage());
                stop(e);
                break;
            } catch (IOException | RuntimeException e) {
                if (isClosed()) {
                    break;
                }
                restartObject();
                if (!FloeErrors.isRetriable(e)) {
                    LOG.error(
                            "Tiering {} from offset {} failed and retrying cannot help; the range"
                                    + " is left to tiering from segment objects",
                            name(),
                            next,
                            e);
                    stop(e);
                    break;
                }
                LOG.warn(
                        "Tiering {} from offset {} failed ({}); retrying in {} ms",
                        name(),
                        next,
                        e.toString(),
                        backoff.nextDelay().toMillis());
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
        boolean progress = swapCommitted();
        if (reader == null) {
            reader = wal.openReader(next, ReadLimit.WRITTEN);
        }
        Duration wait = unswapped.isEmpty() && !finishing() ? IDLE_POLL : COMMIT_POLL;
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
        completeFinish();
        return progress || !records.isEmpty();
    }

    /** Ends the current object at {@code next} if that is a seal boundary and the object is due. */
    private void cutIfDue() throws IOException {
        if (current == null || !sealedEnds.contains(next)) {
            return;
        }
        boolean due =
                next == finishEndOrNone()
                        || current.dataSize() >= options.targetObjectBytes()
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
        if (now - lastHeadReadNanos < HEAD_READ_INTERVAL_NANOS && !finishing()) {
            return false;
        }
        lastHeadReadNanos = now;
        long committedEnd = manifest.head(stream.name(), partition).committedEnd();
        boolean swapped = false;
        while (!unswapped.isEmpty() && unswapped.peek().endOffset() <= committedEnd) {
            swap(unswapped.peek());
            unswapped.poll();
            swapped = true;
        }
        return swapped;
    }

    private void swap(ObjectDescriptor object) throws IOException {
        List<ObjectDescriptor> replaced =
                manifest.objects(
                        stream.name(), partition, object.startOffset(), object.endOffset());
        if (replaced.equals(List.of(object))) {
            // An earlier attempt was applied though its answer was lost.
            swapped(object, 0);
            return;
        }
        boolean exact =
                !replaced.isEmpty()
                        && replaced.stream()
                                .allMatch(o -> o.kind() == ObjectDescriptor.Kind.SEGMENT)
                        && replaced.get(0).startOffset() == object.startOffset()
                        && replaced.get(replaced.size() - 1).endOffset() == object.endOffset();
        if (!exact
                || !manifest.swap(
                        stream.name(),
                        partition,
                        epoch,
                        replaced,
                        object,
                        clock.instant().plus(options.supersededGrace()))) {
            store.delete(List.of(object.key()));
            throw new FencedException(
                    "the swap of ["
                            + object.startOffset()
                            + ", "
                            + object.endOffset()
                            + ") was refused: another writer or tierer changed the partition");
        }
        swapped(object, replaced.size());
    }

    private void swapped(ObjectDescriptor object, int segments) {
        tieredEnd = object.endOffset();
        objectsTiered++;
        LOG.info(
                "Tiered {} [{}, {}) from the WAL into {} ({} bytes, {} segment objects)",
                name(),
                object.startOffset(),
                object.endOffset(),
                object.key(),
                object.sizeBytes(),
                segments);
    }

    private void updateFloor() {
        if (!unswapped.isEmpty()) {
            floor = unswapped.peek().startOffset();
        } else {
            floor = current != null ? current.start() : next;
        }
    }

    private void completeFinish() {
        CompletableFuture<Void> done;
        synchronized (this) {
            if (finished == null || tieredEnd < finishEnd) {
                return;
            }
            done = finished;
            finished = null;
            finishEnd = -1;
        }
        done.complete(null);
    }

    private synchronized boolean finishing() {
        return finished != null;
    }

    private synchronized long finishEndOrNone() {
        return finished != null ? finishEnd : -1;
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
     * manifest. One whose swap had an unknown outcome may be; when the manifest cannot tell, the
     * objects stay for the orphan cleaner.
     */
    private void abandon() {
        restartObject();
        if (unswapped.isEmpty()) {
            return;
        }
        try {
            List<ObjectDescriptor> referenced =
                    manifest.objects(
                            stream.name(),
                            partition,
                            unswapped.peekFirst().startOffset(),
                            unswapped.peekLast().endOffset());
            store.delete(
                    unswapped.stream()
                            .filter(o -> !referenced.contains(o))
                            .map(ObjectDescriptor::key)
                            .toList());
        } catch (IOException | RuntimeException e) {
            LOG.debug("Deleting unswapped Parquet objects of {} failed", name(), e);
        }
        unswapped.clear();
    }

    private void stop(Exception cause) {
        running = false;
        CompletableFuture<Void> pending;
        synchronized (this) {
            pending = finished;
            finished = null;
        }
        if (pending != null) {
            pending.completeExceptionally(stoppedException());
        }
    }

    private IllegalStateException stoppedException() {
        return new IllegalStateException(
                "tiering of " + name() + " from the WAL stopped; see the log for why");
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
        return stream.name() + "/" + partition;
    }

    /** Stops tiering; the object in progress is aborted and a pending finish fails. */
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
        stop(new IllegalStateException("closed"));
    }

    /** A swap refused because the partition moved on without this tierer. */
    private static final class FencedException extends RuntimeException {
        FencedException(String message) {
            super(message);
        }
    }
}
