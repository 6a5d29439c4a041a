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
import dev.floe.wal.format.SegmentObjectOptions;
import dev.floe.wal.format.SegmentObjectSummary;
import dev.floe.wal.format.SegmentObjectWriter;
import dev.floe.wal.log.ReadLimit;
import dev.floe.wal.log.TailReader;
import dev.floe.wal.log.WriteAheadLog;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.object.ObjectInfo;
import dev.floe.wal.object.ObjectStore;
import dev.floe.wal.object.ObjectUpload;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.retry.Backoff;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a partition's write-ahead log into segment objects. A background thread follows the log and
 * streams records into the current object's upload as they are written, so {@link #seal()} waits
 * only for the last part: it makes the log durable, finishes the object at the log's end, completes
 * the upload (create-only) and returns the descriptor to commit. An attempt that failed with an
 * error that may pass (see {@link FloeErrors#isRetriable}) is retried from the object's first
 * record with backoff, for as long as it takes: the log keeps the records meanwhile. Any other
 * error (access denied, a missing bucket, a corrupt log) stops the stager: the pending seal and
 * every later one fail with it. Thread-safe; {@link #seal()} must be called by the thread that
 * appends, or with appends paused.
 */
public final class SegmentStager implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentStager.class);
    private static final int POLL_RECORDS = 8192;
    private static final int BATCHES_AHEAD = 8;
    private static final Duration IDLE_POLL = Duration.ofMillis(50);

    /** Pauses between attempts of one object; each attempt uploads it again from the log. */
    private static final Backoff.Policy PAUSES =
            Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(5));

    private final WriteAheadLog wal;
    private final ObjectStore store;
    private final String stream;
    private final int partition;
    private final long epoch;
    private final SegmentObjectOptions options;
    private final Thread thread;
    private final StagerStats stats = new StagerStats();
    private final Backoff.Policy pauses = PAUSES.withSleeper(this::pauseUnlessClosed);

    // Guarded by this.
    private long sealEnd = -1;
    private CompletableFuture<Optional<ObjectDescriptor>> sealResult;
    private boolean closed;
    private Exception failure;

    // Confined to the stager thread.
    private ReadAhead<LoggedRecord> reader;
    private long next;
    private SegmentObjectWriter writer;
    private ObjectUpload upload;
    private String key;
    private long objectStart;

    /**
     * @param fromOffset the first offset to stage (the partition's committed end)
     * @param epoch the writer epoch, part of every object key
     */
    public SegmentStager(
            WriteAheadLog wal,
            ObjectStore store,
            String stream,
            int partition,
            long epoch,
            long fromOffset,
            SegmentObjectOptions options) {
        this.wal = wal;
        this.store = store;
        this.stream = stream;
        this.partition = partition;
        this.epoch = epoch;
        this.options = options;
        this.next = fromOffset;
        this.objectStart = fromOffset;
        this.thread = new Thread(this::run, "floe-stager-" + stream + "-" + partition);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Ends the current object at the log's end offset. The future completes with the object's
     * descriptor once it is durable in the bucket, or empty when nothing was appended since the
     * last seal.
     */
    public CompletableFuture<Optional<ObjectDescriptor>> seal() {
        wal.sync();
        long end = wal.endOffset();
        synchronized (this) {
            if (closed) {
                return CompletableFuture.failedFuture(
                        new IllegalStateException("stager of " + name() + " is closed"));
            }
            if (failure != null) {
                return CompletableFuture.failedFuture(failure);
            }
            if (sealResult != null) {
                return CompletableFuture.failedFuture(
                        new IllegalStateException(
                                "stager of " + name() + " is already sealing at " + sealEnd));
            }
            sealEnd = end;
            sealResult = new CompletableFuture<>();
            CompletableFuture<Optional<ObjectDescriptor>> result = sealResult;
            notifyAll();
            return result;
        }
    }

    /** Counters for metrics. */
    public StagerStats stats() {
        return stats;
    }

    private void run() {
        Backoff backoff = pauses.start();
        while (true) {
            CompletableFuture<Optional<ObjectDescriptor>> pending;
            long end;
            synchronized (this) {
                if (closed) {
                    break;
                }
                pending = sealResult;
                end = sealEnd;
            }
            try {
                if (pending != null && next >= end) {
                    completeSeal(pending);
                    backoff = pauses.start();
                } else {
                    stage(pending, end);
                }
            } catch (IOException | RuntimeException e) {
                if (!retryAfter(e, backoff)) {
                    break;
                }
            } catch (InterruptedException e) {
                break;
            }
        }
        restartObject();
        closeReader();
    }

    /** After a failed attempt: pauses and returns true to try again, or returns false to stop. */
    private boolean retryAfter(Exception e, Backoff backoff) {
        synchronized (this) {
            if (closed) {
                return false;
            }
        }
        stats.failed();
        restartObject();
        if (!FloeErrors.isRetriable(e)) {
            LOG.error(
                    "Staging {} from offset {} failed and retrying cannot help; the stager stops",
                    name(),
                    objectStart,
                    e);
            stop(e);
            return false;
        }
        LOG.warn(
                "Staging {} from offset {} failed ({}); retrying the object in {} ms",
                name(),
                objectStart,
                e.toString(),
                backoff.nextDelay().toMillis());
        try {
            return backoff.pause() && !isClosed();
        } catch (InterruptedException interrupted) {
            return false;
        }
    }

    /** Fails the pending seal and every later one with {@code e}. */
    private void stop(Exception e) {
        CompletableFuture<Optional<ObjectDescriptor>> pending;
        synchronized (this) {
            failure = e;
            pending = sealResult;
            sealResult = null;
            sealEnd = -1;
        }
        if (pending != null) {
            pending.completeExceptionally(e);
        }
    }

    /** Streams what the log has; records at or after a pending seal's end start the next object. */
    private void stage(CompletableFuture<Optional<ObjectDescriptor>> pending, long end)
            throws IOException, InterruptedException {
        if (reader == null) {
            TailReader log = wal.openReader(next, ReadLimit.WRITTEN);
            reader =
                    new ReadAhead<>(
                            "floe-stager-read-" + name(),
                            BATCHES_AHEAD,
                            () -> log.poll(POLL_RECORDS, IDLE_POLL),
                            log);
        }
        List<LoggedRecord> records =
                reader.poll(pending != null ? Duration.ofMillis(1) : IDLE_POLL);
        // A record at or after a seal's end was appended after seal() posted it: look again.
        synchronized (this) {
            pending = sealResult;
            end = sealEnd;
        }
        for (LoggedRecord r : records) {
            if (pending != null && r.offset() >= end) {
                completeSeal(pending);
                pending = null;
            }
            if (writer == null) {
                objectStart = r.offset();
                key = BucketLayout.newSegmentKey(stream, partition, objectStart, epoch);
                upload = store.startUpload(key);
                writer = new SegmentObjectWriter(key, upload::write, options);
            }
            writer.append(r);
            next = r.offset() + 1;
        }
        stats.staged(next);
    }

    private void completeSeal(CompletableFuture<Optional<ObjectDescriptor>> pending)
            throws IOException {
        Optional<ObjectDescriptor> sealed = finishObject();
        synchronized (this) {
            sealResult = null;
            sealEnd = -1;
        }
        pending.complete(sealed);
    }

    private Optional<ObjectDescriptor> finishObject() throws IOException {
        if (writer == null) {
            return Optional.empty();
        }
        SegmentObjectSummary summary = writer.finish();
        ObjectInfo info = upload.complete();
        ObjectDescriptor descriptor =
                ObjectDescriptors.of(
                        ObjectDescriptor.Kind.SEGMENT, key, summary, info.size(), epoch);
        writer = null;
        upload = null;
        objectStart = summary.endOffset();
        wal.release(summary.endOffset());
        stats.uploaded(descriptor);
        LOG.debug("Staged {} as {}", name(), descriptor);
        return Optional.of(descriptor);
    }

    /** Abandons the current object; the next attempt re-reads the log from its first offset. */
    private void restartObject() {
        if (writer != null) {
            writer.close();
            writer = null;
        }
        if (upload != null) {
            try {
                upload.abort();
            } catch (IOException e) {
                LOG.debug("Abort of {} failed; the orphan cleaner will remove it", key, e);
            }
            upload = null;
        }
        closeReader();
        next = objectStart;
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

    /** Waits {@code duration}, or until the stager is closed. */
    private synchronized void pauseUnlessClosed(Duration duration) throws InterruptedException {
        if (!closed) {
            TimeUnit.NANOSECONDS.timedWait(this, duration.toNanos());
        }
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    private String name() {
        return stream + "/" + partition;
    }

    /** Stops staging; an unfinished object is aborted and a pending seal fails. */
    @Override
    public void close() {
        CompletableFuture<Optional<ObjectDescriptor>> pending;
        synchronized (this) {
            closed = true;
            pending = sealResult;
            notifyAll();
        }
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (pending != null) {
            pending.completeExceptionally(
                    new IllegalStateException("stager of " + name() + " closed while sealing"));
        }
    }
}
