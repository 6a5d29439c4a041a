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
import dev.floe.wal.format.BatchObjectIndex;
import dev.floe.wal.format.SegmentEncodeBuffers;
import dev.floe.wal.format.SegmentObjectOptions;
import dev.floe.wal.format.SegmentObjectSummary;
import dev.floe.wal.format.SegmentObjectWriter;
import dev.floe.wal.log.ReadLimit;
import dev.floe.wal.log.TailReader;
import dev.floe.wal.log.WriteAheadLog;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.object.ObjectAlreadyExistsException;
import dev.floe.wal.object.ObjectInfo;
import dev.floe.wal.object.ObjectStore;
import dev.floe.wal.object.ObjectUpload;
import dev.floe.wal.retry.Backoff;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the write-ahead logs of one writer's partitions into batch objects: at each {@link #seal()}
 * one object holding, for every partition with new records, a section (a whole segment object) and
 * an index, so objects and requests per checkpoint do not grow with the partition count. One thread
 * serves every partition. While records arrive it writes a section for any partition with {@code
 * sectionTargetBytes} waiting, so large partitions stream into the upload and the seal waits only
 * for what came since; small partitions are written at the seal. An attempt that failed with an
 * error that may pass (see {@link FloeErrors#isRetriable}), or that found its new key taken (the
 * server applied a request of the attempt after the client had given up on it), is retried under a
 * new key from each partition's first record in the object, with backoff, for as long as it takes:
 * the logs keep the records meanwhile, and the orphan cleaner removes the abandoned object. Any
 * other error stops the stager: the pending seal and every later one fail with it. When a log's
 * backlog reaches half its limit, the object is completed before the seal with what the logs hold,
 * so the backlog is released even while appends hold up the barrier; the next seal returns those
 * sections first. Thread-safe; {@link #seal()} must be called by the thread that appends, or with
 * appends paused.
 */
public final class BatchStager implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BatchStager.class);
    private static final int POLL_RECORDS = 8192;
    private static final int READ_BUFFER_BYTES = 256 * 1024;
    private static final Duration IDLE_POLL = Duration.ofMillis(20);
    private static final double FIRST_RECORD_BYTES_GUESS = 256;

    /** Pauses between attempts of one object; each attempt writes it again from the logs. */
    private static final Backoff.Policy PAUSES =
            Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(5));

    /**
     * One partition's log to stage.
     *
     * @param fromOffset the first offset to stage (the partition's committed end)
     * @param epoch the writer's epoch of the partition, recorded with its sections
     */
    public record StagedLog(int partition, WriteAheadLog wal, long epoch, long fromOffset) {}

    private final ObjectStore store;
    private final String stream;
    private final SegmentObjectOptions options;
    private final long sectionTargetBytes;
    private final Clock clock;
    private final List<Lane> lanes = new ArrayList<>();
    private final Thread thread;
    private final StagerStats stats = new StagerStats();
    private final Backoff.Policy pauses = PAUSES.withSleeper(this::pauseUnlessClosed);

    // Guarded by this.
    private CompletableFuture<Map<Integer, List<ObjectDescriptor>>> sealResult;
    private boolean closed;
    private Exception failure;

    // Confined to the stager thread.
    private ObjectUpload upload;
    private String key;
    private long position;
    private final List<BatchObjectIndex.Section> sections = new ArrayList<>();
    // Objects completed before the pending seal to relieve a log's backlog, by partition.
    private final Map<Integer, List<ObjectDescriptor>> relieved = new TreeMap<>();
    private final SegmentEncodeBuffers buffers;
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);

    /**
     * @param sectionTargetBytes records (as logged) a partition gathers before they are written as
     *     a section ahead of the seal
     */
    public BatchStager(
            ObjectStore store,
            String stream,
            List<StagedLog> logs,
            SegmentObjectOptions options,
            long sectionTargetBytes,
            Clock clock) {
        this.store = store;
        this.stream = stream;
        this.options = options;
        this.sectionTargetBytes = sectionTargetBytes;
        this.clock = clock;
        this.buffers = new SegmentEncodeBuffers(options);
        for (StagedLog log : logs) {
            lanes.add(new Lane(log));
        }
        this.thread = new Thread(this::run, "floe-stager-" + stream);
        thread.setDaemon(true);
        thread.start();
    }

    /** One partition's staging state. Confined to the stager thread unless said otherwise. */
    private static final class Lane {
        final int partition;
        final WriteAheadLog wal;
        final long epoch;
        long objectStart;
        long next;
        TailReader reader;
        double recordBytes = FIRST_RECORD_BYTES_GUESS;

        /** Where the pending seal ends this partition, or -1; guarded by the stager. */
        long sealEnd = -1;

        Lane(StagedLog log) {
            this.partition = log.partition();
            this.wal = log.wal();
            this.epoch = log.epoch();
            this.objectStart = log.fromOffset();
            this.next = log.fromOffset();
        }
    }

    /**
     * Ends the current object at every log's end offset. The future completes with each partition's
     * descriptors (in offset order; partitions without new records are absent) once the object is
     * durable in the bucket.
     */
    public CompletableFuture<Map<Integer, List<ObjectDescriptor>>> seal() {
        // Every log's fsync (as its sync policy asks) is requested before any is waited for, so
        // they run side by side.
        List<CompletableFuture<Long>> syncs = new ArrayList<>(lanes.size());
        for (Lane lane : lanes) {
            syncs.add(lane.wal.checkpointAsync());
        }
        for (CompletableFuture<Long> sync : syncs) {
            try {
                sync.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        synchronized (this) {
            if (closed) {
                return CompletableFuture.failedFuture(
                        new IllegalStateException("stager of " + stream + " is closed"));
            }
            if (failure != null) {
                return CompletableFuture.failedFuture(failure);
            }
            if (sealResult != null) {
                return CompletableFuture.failedFuture(
                        new IllegalStateException("stager of " + stream + " is already sealing"));
            }
            for (Lane lane : lanes) {
                lane.sealEnd = lane.wal.endOffset();
            }
            sealResult = new CompletableFuture<>();
            notifyAll();
            return sealResult;
        }
    }

    /** Counters for metrics. */
    public StagerStats stats() {
        return stats;
    }

    private void run() {
        Backoff backoff = pauses.start();
        while (!isClosed()) {
            try {
                if (step()) {
                    backoff = pauses.start();
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
        buffers.close();
    }

    /** One pass over the partitions; true when it completed a seal. */
    private boolean step() throws IOException, InterruptedException {
        CompletableFuture<Map<Integer, List<ObjectDescriptor>>> pending;
        synchronized (this) {
            pending = sealResult;
        }
        if (pending != null) {
            for (Lane lane : lanes) {
                writeSection(lane, true);
            }
            completeSeal(pending);
            return true;
        }
        boolean relieve = lanes.stream().anyMatch(lane -> lane.wal.backlogPressed());
        boolean wrote = false;
        for (Lane lane : lanes) {
            long waiting = lane.wal.writtenEndOffset() - lane.next;
            if (relieve ? waiting > 0 : waiting * lane.recordBytes >= sectionTargetBytes) {
                wrote |= writeSection(lane, false);
            }
        }
        if (relieve && upload != null) {
            finishObject(relieved);
        } else if (!wrote) {
            pauseUnlessSealing(IDLE_POLL);
        }
        return false;
    }

    /**
     * Writes the partition's next records as one section: up to the pending seal's end (waiting for
     * them when {@code toSeal}), otherwise what is readable now, up to the section target. Returns
     * whether it wrote one.
     */
    private boolean writeSection(Lane lane, boolean toSeal)
            throws IOException, InterruptedException {
        SectionWriter section = new SectionWriter();
        try {
            while (toSeal || section.bytes < sectionTargetBytes) {
                long end = sealEndOf(lane);
                if (lane.next >= end) {
                    break;
                }
                if (lane.reader == null) {
                    // At a seal the partitions are read one after the other, through one buffer.
                    lane.reader =
                            toSeal
                                    ? lane.wal.openReader(lane.next, ReadLimit.WRITTEN, readBuffer)
                                    : lane.wal.openReader(lane.next, ReadLimit.WRITTEN);
                }
                long read =
                        lane.reader.readFrames(
                                end, POLL_RECORDS, toSeal ? IDLE_POLL : Duration.ZERO, section);
                lane.next = lane.reader.position();
                if (read == 0 && !toSeal) {
                    break;
                }
            }
            if (section.writer == null) {
                return false;
            }
            SegmentObjectSummary summary = section.writer.finish();
            sections.add(
                    new BatchObjectIndex.Section(
                            lane.partition,
                            lane.epoch,
                            summary.startOffset(),
                            summary.endOffset(),
                            section.start,
                            position - section.start,
                            summary.minTimestamp(),
                            summary.maxTimestamp()));
            lane.recordBytes = (double) section.bytes / summary.recordCount();
            stats.sectionWritten();
            return true;
        } finally {
            if (section.writer != null) {
                section.writer.close();
            }
            if (toSeal) {
                // The next partition's reader reads through the same buffer.
                closeReader(lane);
            }
        }
    }

    /** One section being written: its writer, started at the first record the log passes. */
    private final class SectionWriter implements TailReader.FrameRecords {
        SegmentObjectWriter writer;
        long start;
        long bytes;

        @Override
        public void accept(ByteBuffer frame, int pos, long fromOffset, long toOffset)
                throws IOException {
            if (writer == null) {
                startObjectIfNone();
                start = position;
                writer = new SegmentObjectWriter(key, BatchStager.this::send, options, buffers);
            }
            bytes += writer.appendRecords(frame, pos, fromOffset, toOffset);
        }
    }

    private synchronized long sealEndOf(Lane lane) {
        return lane.sealEnd < 0 ? Long.MAX_VALUE : lane.sealEnd;
    }

    private void startObjectIfNone() throws IOException {
        if (upload == null) {
            key = BucketLayout.newBatchKey(stream, clock.millis());
            upload = store.startUpload(key);
            position = 0;
        }
    }

    private void send(ByteBuffer bytes) throws IOException {
        position += bytes.remaining();
        upload.write(bytes);
    }

    private void completeSeal(CompletableFuture<Map<Integer, List<ObjectDescriptor>>> pending)
            throws IOException {
        Map<Integer, List<ObjectDescriptor>> staged = new TreeMap<>(relieved);
        relieved.clear();
        finishObject(staged);
        synchronized (this) {
            for (Lane lane : lanes) {
                lane.sealEnd = -1;
            }
            sealResult = null;
        }
        pending.complete(staged);
    }

    /**
     * Completes the current object, if any, adding its sections' descriptors to {@code staged}, and
     * releases what it holds from the logs' backlogs.
     */
    private void finishObject(Map<Integer, List<ObjectDescriptor>> staged) throws IOException {
        if (upload != null) {
            send(new BatchObjectIndex(sections).encode());
            ObjectInfo info = upload.complete();
            for (BatchObjectIndex.Section s : sections) {
                staged.computeIfAbsent(s.partition(), p -> new ArrayList<>())
                        .add(
                                new ObjectDescriptor(
                                        ObjectDescriptor.Kind.SEGMENT,
                                        key,
                                        s.startOffset(),
                                        s.endOffset(),
                                        s.length(),
                                        s.minTimestamp(),
                                        s.maxTimestamp(),
                                        s.epoch(),
                                        s.position()));
            }
            stats.uploaded(info.size());
            LOG.debug(
                    "Staged {} sections of {} as {} ({} bytes)",
                    sections.size(),
                    stream,
                    key,
                    info.size());
            upload = null;
            sections.clear();
        }
        for (Lane lane : lanes) {
            lane.objectStart = lane.next;
            lane.wal.release(lane.next);
            // Reopened at the next section: idle partitions hold no read buffer meanwhile.
            closeReader(lane);
        }
    }

    /** After a failed attempt: pauses and returns true to try again, or returns false to stop. */
    private boolean retryAfter(Exception e, Backoff backoff) {
        if (isClosed()) {
            return false;
        }
        stats.failed();
        String object = key;
        restartObject();
        if (!FloeErrors.isRetriable(e) && !(e instanceof ObjectAlreadyExistsException)) {
            LOG.error(
                    "Staging {} as {} failed and retrying cannot help; the stager stops",
                    stream,
                    object,
                    e);
            stop(e);
            return false;
        }
        LOG.warn(
                "Staging {} as {} failed ({}); writing the object again in {} ms",
                stream,
                object,
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
        CompletableFuture<Map<Integer, List<ObjectDescriptor>>> pending;
        synchronized (this) {
            failure = e;
            pending = sealResult;
            sealResult = null;
        }
        if (pending != null) {
            pending.completeExceptionally(e);
        }
    }

    /** Abandons the current object; the next attempt reads each log from its first offset in it. */
    private void restartObject() {
        if (upload != null) {
            try {
                upload.abort();
            } catch (IOException e) {
                LOG.debug("Abort of {} failed; the orphan cleaner will remove it", key, e);
            }
            upload = null;
        }
        sections.clear();
        for (Lane lane : lanes) {
            lane.next = lane.objectStart;
            closeReader(lane);
        }
    }

    private void closeReader(Lane lane) {
        if (lane.reader != null) {
            try {
                lane.reader.close();
            } catch (IOException e) {
                LOG.debug("Closing the log reader of {}/{} failed", stream, lane.partition, e);
            }
            lane.reader = null;
        }
    }

    /** Waits {@code duration}, or until the stager is closed. */
    private synchronized void pauseUnlessClosed(Duration duration) throws InterruptedException {
        if (!closed) {
            TimeUnit.NANOSECONDS.timedWait(this, duration.toNanos());
        }
    }

    /** Waits {@code duration}, or until a seal is posted or the stager is closed. */
    private synchronized void pauseUnlessSealing(Duration duration) throws InterruptedException {
        if (!closed && sealResult == null) {
            TimeUnit.NANOSECONDS.timedWait(this, duration.toNanos());
        }
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    /** Stops staging; an unfinished object is aborted and a pending seal fails. */
    @Override
    public void close() {
        CompletableFuture<Map<Integer, List<ObjectDescriptor>>> pending;
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
                    new IllegalStateException("stager of " + stream + " closed while sealing"));
        }
    }
}
