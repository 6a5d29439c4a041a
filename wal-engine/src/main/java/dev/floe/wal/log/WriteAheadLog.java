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

import dev.floe.wal.format.RecordFrame;
import dev.floe.wal.io.DirectoryLock;
import dev.floe.wal.record.WalRecord;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write-ahead log of one partition: a directory of segment files to which records are appended
 * with dense offsets, made durable by group commit, and read by any number of {@link TailReader}s.
 * Thread-safe: any thread may append; the log's IO, which owns the files, writes one buffer while
 * appenders fill the other and fsyncs according to the {@link SyncPolicy}. The IO runs on a {@link
 * WalIoPool} shared with other logs, or on a private pool of one thread.
 *
 * <p>Opening recovers the directory (see {@link LogRecovery}) and takes an exclusive lock on it.
 */
public final class WriteAheadLog implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(WriteAheadLog.class);

    /** Write buffers start this small and grow to {@link WalOptions#writeBufferBytes()} in use. */
    private static final int INITIAL_BUFFER_BYTES = 32 * 1024;

    static final String LOCK_FILE = "wal.lock";

    private final Path dir;
    private final WalOptions options;
    private final DirectoryLock directoryLock;
    private final DurableMarker marker;
    private final SegmentStore store;
    private final DurabilityWaiters waiters = new DurabilityWaiters();
    private final ReentrantLock lock = new ReentrantLock();
    // Taken before lock by appenders and truncation: a batch waiting for buffer space between its
    // frames releases lock (so the IO can write) but not this, so its offsets stay dense.
    private final ReentrantLock appendLock = new ReentrantLock();
    private final Condition ioProgress = lock.newCondition();
    private final Condition released = lock.newCondition();
    private final Object readerMonitor = new Object();
    private final long maxWaitNanos;
    private final WalIoPool.Worker io;
    // The private pool of a log opened without one; null on a shared pool.
    private final WalIoPool ownPool;

    // Guarded by lock.
    private WriteBuffer active;
    private WriteBuffer spare;
    // Guarded by lock: bytes the buffers grew by, taken from the pool's buffer growth.
    private long bufferGrowth;
    private long nextOffset;
    private Segment tail;
    private long tailBytes;
    private long tailStartedMillis;
    private long syncRequestedTo;
    private boolean drainRequested;
    private boolean bufferFull;
    private boolean ioBusy;
    private boolean ioStopped;
    private volatile boolean closed;
    private final Backlog backlog;
    // Written under lock, read without it by whoever releases the backlog.
    private volatile boolean backlogPressed;
    private long backpressureNanos;

    /** When the appender now held back by {@link #throttle} started waiting; 0 if none is. */
    private long throttledSince;

    // Published to readers and waiters; written by the IO owner.
    private volatile long startOffset;
    private volatile long writtenEnd;
    private volatile long durableEnd;
    private volatile long truncations;
    private volatile Throwable failure;
    private volatile long bytesWritten;
    // Written under lock.
    private volatile long appendedBytes;
    private volatile long fsyncs;
    private volatile long fsyncNanosTotal;
    private volatile long fsyncNanosMax;

    private WriteAheadLog(
            Path dir,
            WalOptions options,
            DirectoryLock directoryLock,
            DurableMarker marker,
            SegmentStore store,
            long endOffset,
            WalIoPool pool,
            boolean ownsPool)
            throws IOException {
        this.dir = dir;
        this.options = options;
        this.directoryLock = directoryLock;
        this.marker = marker;
        this.store = store;
        this.maxWaitNanos = options.groupCommitMaxWait().toNanos();
        this.nextOffset = endOffset;
        this.writtenEnd = endOffset;
        this.durableEnd = endOffset;
        this.startOffset = store.segments().get(0).startOffset;
        this.tail = store.tail();
        this.tailBytes = store.tailSize();
        this.tailStartedMillis = options.clock().millis();
        this.backlog = new Backlog(options.backlogLimitBytes(), endOffset);
        int initial = Math.min(INITIAL_BUFFER_BYTES, options.writeBufferCapacity());
        this.active = new WriteBuffer(initial);
        this.spare = new WriteBuffer(initial);
        active.reset(endOffset);
        if (marker.get() > endOffset) {
            // Recovery cut records the marker counted durable: the disk must not keep the old end.
            marker.setAndForce(endOffset);
        } else {
            marker.set(endOffset);
        }
        this.ownPool = ownsPool ? pool : null;
        this.io = pool.register(dir.toString(), this::ioStep, this::ioPoolClosed);
    }

    /**
     * Opens (recovering) or creates the log in {@code dir}, starting at offset 0 if new, with its
     * IO on a private thread.
     */
    public static WriteAheadLog open(Path dir, WalOptions options) {
        return open(dir, options, 0);
    }

    /**
     * Opens (recovering) the log in {@code dir}, or creates one whose first offset is {@code
     * initialOffset} if the directory holds no log, with its IO on a private thread. An existing
     * log keeps its own offsets.
     */
    public static WriteAheadLog open(Path dir, WalOptions options, long initialOffset) {
        return open(dir, options, initialOffset, null, true);
    }

    /**
     * Opens the log like {@link #open(Path, WalOptions, long)}, with its IO on {@code pool}, which
     * the caller closes after the log.
     */
    public static WriteAheadLog open(
            Path dir, WalOptions options, long initialOffset, WalIoPool pool) {
        Objects.requireNonNull(pool, "pool");
        return open(dir, options, initialOffset, pool, false);
    }

    private static WriteAheadLog open(
            Path dir, WalOptions options, long initialOffset, WalIoPool pool, boolean ownsPool) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(options, "options");
        if (initialOffset < 0) {
            throw new IllegalArgumentException(
                    "initialOffset must not be negative, got " + initialOffset);
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new WalException(
                    "WAL directory " + dir + " is a file, not a directory; choose another path");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new WalException("Cannot create WAL directory " + dir + ": " + e, e);
        }
        if (!Files.isDirectory(dir) || !Files.isReadable(dir) || !Files.isWritable(dir)) {
            throw new WalException(
                    "WAL directory "
                            + dir
                            + " is not a readable and writable directory; check the path and its"
                            + " permissions");
        }
        DirectoryLock directoryLock = null;
        DurableMarker marker = null;
        SegmentStore store = null;
        WalIoPool privatePool = null;
        try {
            directoryLock =
                    DirectoryLock.acquire(
                            dir,
                            LOCK_FILE,
                            holder ->
                                    new WalException(
                                            "WAL directory "
                                                    + dir
                                                    + " is already open by another writer ("
                                                    + holder
                                                    + "); a log has exactly one writer: close the"
                                                    + " other one or use another directory"));
            LogRecovery.Result recovered = new LogRecovery(dir, options).recover(initialOffset);
            store = recovered.store();
            marker = DurableMarker.forWriter(dir);
            if (ownsPool) {
                privatePool = WalIoPool.create(String.valueOf(dir.getFileName()), 1);
            }
            WriteAheadLog log =
                    new WriteAheadLog(
                            dir,
                            options,
                            directoryLock,
                            marker,
                            store,
                            recovered.endOffset(),
                            ownsPool ? privatePool : pool,
                            ownsPool);
            LOG.info(
                    "WAL {} open: offsets [{}, {}), {} segments, sync policy {}",
                    dir,
                    log.startOffset,
                    log.nextOffset,
                    store.segments().size(),
                    options.syncPolicy());
            return log;
        } catch (IOException | RuntimeException e) {
            if (privatePool != null) {
                privatePool.close();
            }
            closeQuietly(store, e);
            closeQuietly(marker, e);
            closeQuietly(directoryLock, e);
            if (e instanceof WalException w) {
                throw w;
            }
            throw new WalException("Cannot open WAL " + dir + ": " + e, e);
        }
    }

    /** Appends one record. With {@link SyncPolicy#ALWAYS} returns once it is durable. */
    public long append(WalRecord record) {
        Objects.requireNonNull(record, "record");
        int size = RecordFrame.recordSize(record);
        long offset;
        appendLock.lock();
        lock.lock();
        try {
            checkWritable();
            checkSize(size, nextOffset);
            throttle();
            reserve(RecordFrame.FRAME_OVERHEAD + size);
            offset = nextOffset;
            int start = beforeFrame(RecordFrame.FRAME_OVERHEAD + size);
            RecordFrame.write(active.bytes, offset, record);
            afterFrame(start, offset + 1);
        } finally {
            lock.unlock();
            appendLock.unlock();
        }
        if (options.syncPolicy() == SyncPolicy.ALWAYS) {
            awaitDurable(offset);
        }
        return offset;
    }

    /**
     * Appends records with consecutive offsets, as few frames as the size limits allow. Every
     * record is checked before any is written.
     *
     * @return the offset of the first record
     */
    public long append(List<WalRecord> records) {
        Objects.requireNonNull(records, "records");
        if (records.isEmpty()) {
            throw new IllegalArgumentException("cannot append an empty batch");
        }
        int[] sizes = new int[records.size()];
        for (int i = 0; i < sizes.length; i++) {
            WalRecord r = records.get(i);
            if (r == null) {
                throw new NullPointerException("record " + i + " of the batch is null");
            }
            sizes[i] = RecordFrame.recordSize(r);
        }
        int frameLimit = options.maxFrameBytes();
        long first;
        appendLock.lock();
        lock.lock();
        try {
            checkWritable();
            first = nextOffset;
            for (int i = 0; i < sizes.length; i++) {
                checkSize(sizes[i], first + i);
            }
            for (int from = 0; from < sizes.length; ) {
                int to = from;
                int frame = RecordFrame.FRAME_OVERHEAD;
                while (to < sizes.length && (to == from || frame + sizes[to] <= frameLimit)) {
                    frame += sizes[to++];
                }
                throttle();
                reserve(frame);
                long base = nextOffset;
                int start = beforeFrame(frame);
                RecordFrame.write(active.bytes, base, records, from, to);
                afterFrame(start, base + (to - from));
                from = to;
            }
        } finally {
            lock.unlock();
            appendLock.unlock();
        }
        if (options.syncPolicy() == SyncPolicy.ALWAYS) {
            awaitDurable(first + records.size() - 1);
        }
        return first;
    }

    private void checkSize(int size, long offset) {
        if (size > options.maxRecordBytes()) {
            throw new WalException(
                    "Record at offset "
                            + offset
                            + " of WAL "
                            + dir
                            + " is "
                            + size
                            + " bytes encoded, over the maximum of "
                            + options.maxRecordBytes()
                            + " (maxRecordBytes); raise the limit or split the record");
        }
    }

    /** Slows down or blocks the appender while the backlog is over half its limit. */
    private void throttle() {
        long delay = backlog.slowdownNanos();
        if (delay == 0) {
            return;
        }
        long started = System.nanoTime();
        throttledSince = started;
        try {
            released.awaitNanos(delay);
            while (backlog.full()) {
                checkWritable();
                released.await(100, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WalException("Interrupted while WAL " + dir + " was blocked by its backlog");
        } finally {
            backpressureNanos += System.nanoTime() - started;
            throttledSince = 0;
        }
    }

    /**
     * Releases records below {@code offset} from the backlog (they are safe elsewhere, such as
     * durable in the bucket), unblocking appends held by {@link WalOptions#backlogLimitBytes()}.
     */
    public void release(long offset) {
        lock.lock();
        try {
            backlog.release(offset);
            notePressure();
            released.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether the backlog is at half its limit or more, so appends are slowed down or blocked until
     * records are {@linkplain #release released}.
     */
    public boolean backlogPressed() {
        return backlogPressed;
    }

    /** With the lock held, after the backlog changed: publishes whether it is pressed. */
    private void notePressure() {
        boolean pressed = backlog.pressed();
        if (pressed != backlogPressed) {
            backlogPressed = pressed;
        }
    }

    /** Waits until the active buffer has room for a frame; the IO swaps buffers. */
    private void reserve(int frameBytes) {
        while (active.remaining() < frameBytes) {
            if (grow(frameBytes)) {
                continue;
            }
            bufferFull = true;
            io.wake();
            ioProgress.awaitUninterruptibly();
            checkWritable();
        }
    }

    /**
     * Enlarges the active buffer for a frame, within its capacity option and the pool's buffer
     * growth limit; an empty buffer too small for the frame always grows.
     */
    private boolean grow(int frameBytes) {
        int capacity = active.grownCapacity(frameBytes, options.writeBufferCapacity());
        if (capacity < 0) {
            return false;
        }
        long more = capacity - active.capacity();
        if (!io.reserveBuffer(more, active.size() == 0)) {
            return false;
        }
        active.growTo(capacity);
        bufferGrowth += more;
        return true;
    }

    /** Rolls the segment when due and indexes the frame; returns the buffer size before it. */
    private int beforeFrame(int frameBytes) {
        if (tailBytes == 0) {
            tailStartedMillis = options.clock().millis();
        } else if (tailBytes + frameBytes > options.segmentBytes()
                || options.clock().millis() - tailStartedMillis
                        >= options.segmentMaxAge().toMillis()) {
            tail = Segment.open(dir, nextOffset, options.indexIntervalBytes());
            active.roll(tail);
            tailBytes = 0;
            tailStartedMillis = options.clock().millis();
        }
        tail.index().maybeAdd(nextOffset, (int) tailBytes);
        return active.size();
    }

    private void afterFrame(int sizeBefore, long end) {
        backlog.appended(end, active.size() - sizeBefore);
        notePressure();
        appendedBytes += active.size() - sizeBefore;
        tailBytes += active.size() - sizeBefore;
        nextOffset = end;
        active.appended(end, sizeBefore == 0 ? System.nanoTime() : 0);
        if (sizeBefore == 0
                || active.size() >= options.groupCommitMaxBytes()
                || options.syncPolicy() == SyncPolicy.ALWAYS) {
            io.wake();
        }
    }

    /** A future completed once {@code offset} is durable (with the durable end offset then). */
    public CompletableFuture<Long> whenDurable(long offset) {
        return waiters.register(offset, () -> failure != null ? Long.MIN_VALUE : durableEnd);
    }

    /** Blocks until {@code offset} is durable. */
    public void awaitDurable(long offset) {
        await(offset, null);
    }

    /** Blocks until {@code offset} is durable or the timeout passes; returns whether it is. */
    public boolean awaitDurable(long offset, Duration timeout) {
        return await(offset, Objects.requireNonNull(timeout, "timeout"));
    }

    private boolean await(long offset, Duration timeout) {
        return await(whenDurable(offset), offset, timeout);
    }

    private boolean await(CompletableFuture<Long> durable, long offset, Duration timeout) {
        try {
            if (timeout == null) {
                durable.get();
            } else {
                durable.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            }
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WalException("Interrupted waiting for offset " + offset + " of WAL " + dir);
        } catch (ExecutionException e) {
            throw new WalException(
                    "Offset "
                            + offset
                            + " of WAL "
                            + dir
                            + " did not become durable: "
                            + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    /**
     * Calls {@code listener} with the durable end offset after every fsync, on a thread of the
     * log's IO pool: it must be quick.
     */
    public void addDurabilityListener(LongConsumer listener) {
        waiters.addListener(Objects.requireNonNull(listener, "listener"));
    }

    /** Writes and fsyncs everything appended so far, whatever the sync policy. */
    public void sync() {
        long target = requestSync();
        if (target > 0) {
            await(whenDurable(target - 1), target - 1, null);
        }
    }

    /**
     * Starts writing and fsyncing everything appended so far, whatever the sync policy, and returns
     * at once: the future completes with the durable end offset once it is done, or fails with a
     * {@link WalException} if the log is closed or failed. A caller may start the syncs of many
     * logs on one pool and then wait for them all; the pool runs them in parallel.
     */
    public CompletableFuture<Long> syncAsync() {
        long target;
        try {
            target = requestSync();
        } catch (WalException e) {
            return CompletableFuture.failedFuture(e);
        }
        return target > 0 ? whenDurable(target - 1) : CompletableFuture.completedFuture(durableEnd);
    }

    /**
     * Readies everything appended so far for a checkpoint, as the sync policy asks: starts writing
     * and fsyncing it, as {@link #syncAsync}; under {@link SyncPolicy#NONE} only hands it to the
     * operating system, so readers see it, and returns once that is done, leaving its writing back
     * to the system. The future completes with the end offset it covers.
     */
    public CompletableFuture<Long> checkpointAsync() {
        if (options.syncPolicy() != SyncPolicy.NONE) {
            return syncAsync();
        }
        lock.lock();
        try {
            checkWritable();
            quiesce();
            return CompletableFuture.completedFuture(nextOffset);
        } catch (WalException e) {
            return CompletableFuture.failedFuture(e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Asks the IO to fsync up to the current end; returns that end, or 0 if it is durable already.
     */
    private long requestSync() {
        lock.lock();
        try {
            checkWritable();
            long target = nextOffset;
            if (durableEnd >= target) {
                return 0;
            }
            syncRequestedTo = Math.max(syncRequestedTo, target);
            io.wake();
            return target;
        } finally {
            lock.unlock();
        }
    }

    /** Hands everything appended so far to the operating system, so readers can see it. */
    public void flush() {
        lock.lock();
        try {
            checkWritable();
            quiesce();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes every record at and after {@code offset}, so the next append gets {@code offset}.
     * Used on restore to drop records a checkpoint does not cover. Durable when it returns.
     */
    public void truncateTo(long offset) {
        appendLock.lock();
        lock.lock();
        try {
            checkWritable();
            if (offset > nextOffset || offset < startOffset) {
                throw new OffsetOutOfRangeException(
                        "Cannot truncate WAL "
                                + dir
                                + " to offset "
                                + offset
                                + ": it holds offsets ["
                                + startOffset
                                + ", "
                                + nextOffset
                                + ")");
            }
            if (offset == nextOffset) {
                return;
            }
            quiesce();
            marker.setAndForce(Math.min(durableEnd, offset));
            tailBytes = store.truncateTo(offset);
            tail = store.tail();
            tailStartedMillis = options.clock().millis();
            nextOffset = offset;
            writtenEnd = offset;
            durableEnd = offset;
            syncRequestedTo = Math.min(syncRequestedTo, offset);
            active.reset(offset);
            marker.set(offset);
            backlog.truncated(offset);
            notePressure();
            truncations++;
            LOG.info("WAL {} truncated to offset {}", dir, offset);
        } catch (IOException e) {
            throw fail("truncating to offset " + offset, e);
        } finally {
            lock.unlock();
            appendLock.unlock();
        }
        waiters.failFrom(
                offset, new WalException("WAL " + dir + " was truncated to offset " + offset));
        wakeReaders();
    }

    /**
     * Deletes whole sealed segments whose records all lie below {@code offset} (a retention floor);
     * the open segment is never deleted.
     *
     * @return the first offset the log still holds
     */
    public long deleteBefore(long offset) {
        lock.lock();
        try {
            checkWritable();
            quiesce();
            long newStart = store.deleteBefore(offset);
            if (newStart != startOffset) {
                LOG.debug("WAL {} deleted segments below offset {}", dir, newStart);
            }
            startOffset = newStart;
            return newStart;
        } catch (IOException e) {
            throw fail("deleting segments below offset " + offset, e);
        } finally {
            lock.unlock();
        }
    }

    /** Opens a reader at {@code fromOffset} that reads up to {@code limit}. */
    public TailReader openReader(long fromOffset, ReadLimit limit) {
        return new TailReader(new LiveView(), fromOffset, limit, options);
    }

    /**
     * As {@link #openReader(long, ReadLimit)}, reading through {@code readBuffer}, which the caller
     * lends until it closes the reader and uses for nothing else meanwhile: for a caller that opens
     * many short-lived readers, one after the other, such as one per partition at each checkpoint.
     */
    public TailReader openReader(long fromOffset, ReadLimit limit, ByteBuffer readBuffer) {
        Objects.requireNonNull(readBuffer, "readBuffer");
        return new TailReader(new LiveView(), fromOffset, limit, options, readBuffer);
    }

    /**
     * Opens a read-only reader on a log directory that a writer in this or another process may be
     * appending to. It follows new segments by listing the directory and waits by polling.
     */
    public static TailReader openReader(
            Path dir, long fromOffset, ReadLimit limit, WalOptions options) {
        return new TailReader(new DirectoryView(dir, options), fromOffset, limit, options);
    }

    public Path directory() {
        return dir;
    }

    /** The holder this log records in its directory's lock file: its process and this opening. */
    public String holder() {
        return directoryLock.holder();
    }

    /** The holder recorded in the lock file of log directory {@code dir}, if any. */
    public static Optional<String> holderOf(Path dir) {
        return DirectoryLock.recordedHolder(dir, LOCK_FILE);
    }

    /** The first offset the log holds. */
    public long startOffset() {
        return startOffset;
    }

    /** The offset the next append gets. */
    public long endOffset() {
        lock.lock();
        try {
            return nextOffset;
        } finally {
            lock.unlock();
        }
    }

    /** The offset below which every record is written to the log's files, and so readable. */
    public long writtenEndOffset() {
        return writtenEnd;
    }

    /**
     * Bytes of frames appended since the log was opened, framing included, never reduced (not by
     * truncation either): read it at two offsets to measure the range between them.
     */
    public long appendedBytes() {
        return appendedBytes;
    }

    /** The offset below which every record is fsynced. */
    public long durableEndOffset() {
        return durableEnd;
    }

    public WalStats stats() {
        return new WalStats(
                startOffset,
                endOffset(),
                writtenEnd,
                durableEnd,
                store.segments().size(),
                bytesWritten,
                fsyncs,
                fsyncNanosTotal,
                fsyncNanosMax,
                backlogBytes(),
                backpressureNanos());
    }

    private long backlogBytes() {
        lock.lock();
        try {
            return backlog.bytes();
        } finally {
            lock.unlock();
        }
    }

    /** Time appends were held back, counting a wait still going on. */
    private long backpressureNanos() {
        lock.lock();
        try {
            return backpressureNanos
                    + (throttledSince == 0 ? 0 : System.nanoTime() - throttledSince);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes and fsyncs what is pending, stops the log's IO and releases the directory. Other logs
     * on the same pool are not affected.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            io.wake();
            awaitIoStopped();
        } finally {
            lock.unlock();
        }
        io.deregister();
        io.releaseBuffer(bufferGrowth);
        releaseFiles();
        if (ownPool != null) {
            ownPool.close();
        }
        Throwable failed = failure;
        waiters.failAll(failed != null ? failed : new WalException("WAL " + dir + " is closed"));
        wakeReaders();
        LOG.info("WAL {} closed at offset {}", dir, nextOffset);
    }

    /** With the lock held: waits until the IO has written what was pending, or failed. */
    /**
     * Waits, even when interrupted (a cancelled task closes its logs), for the IO to stop: the
     * files are released only after it, and a close that gave up would hold the directory's lock.
     */
    private void awaitIoStopped() {
        while (!ioStopped && failure == null) {
            ioProgress.awaitUninterruptibly();
        }
    }

    private void releaseFiles() {
        try {
            store.close();
            marker.close();
            directoryLock.close();
        } catch (IOException e) {
            LOG.warn("WAL {}: error releasing files on close", dir, e);
        }
    }

    private void checkWritable() {
        Throwable failed = failure;
        if (failed != null) {
            throw new WalException(
                    "WAL " + dir + " failed and accepts no more writes: " + failed.getMessage(),
                    failed);
        }
        if (closed) {
            throw new WalException("WAL " + dir + " is closed");
        }
    }

    /** With the lock held: waits until the IO is idle and everything is written. */
    private void quiesce() {
        while (ioBusy || !active.isEmpty()) {
            drainRequested = true;
            io.wake();
            ioProgress.awaitUninterruptibly();
            checkWritable();
        }
    }

    /**
     * One turn of the log on its IO pool: writes (and fsyncs as due) the buffer that is due, then
     * queues the next turn; with nothing due, arranges to be woken when something will be.
     */
    private void ioStep() {
        try {
            WriteBuffer work;
            long end;
            boolean force;
            lock.lock();
            try {
                work = takeDueWork();
                if (work == null) {
                    return;
                }
                end = nextOffset;
                force = options.syncPolicy() != SyncPolicy.NONE || syncRequestedTo > durableEnd;
            } finally {
                lock.unlock();
            }
            writeAndSync(work, end, force);
            lock.lock();
            try {
                spare = work;
                ioBusy = false;
                ioProgress.signalAll();
            } finally {
                lock.unlock();
            }
            io.wake();
        } catch (Throwable t) {
            fail("writing segment files", t);
        }
    }

    /**
     * With the lock held: takes the buffer that is due for writing; or, with nothing due, returns
     * null after setting a wake-up for when the oldest pending record's max-wait ends, or marking
     * the IO stopped once the log is closed and everything is written.
     */
    private WriteBuffer takeDueWork() {
        if (failure != null || ioStopped) {
            return null;
        }
        boolean hasData = !active.isEmpty();
        boolean syncDue =
                syncRequestedTo > durableEnd
                        || (closed && syncsOnClose() && durableEnd < writtenEnd);
        long waitedNanos = hasData ? System.nanoTime() - active.firstAppendNanos() : 0;
        long maxWaitNanos =
                options.syncPolicy() == SyncPolicy.NONE
                        ? io.writeWaitNanos(this.maxWaitNanos)
                        : this.maxWaitNanos;
        boolean due =
                closed
                        || drainRequested
                        || bufferFull
                        || syncDue
                        || options.syncPolicy() == SyncPolicy.ALWAYS
                        || active.size() >= options.groupCommitMaxBytes()
                        || waitedNanos >= maxWaitNanos;
        if ((hasData && due) || syncDue) {
            ioBusy = true;
            WriteBuffer work = active;
            active = spare;
            spare = null;
            active.reset(nextOffset);
            bufferFull = false;
            ioProgress.signalAll();
            return work;
        }
        drainRequested = false;
        ioBusy = false;
        ioStopped = closed;
        ioProgress.signalAll();
        if (hasData) {
            io.wakeAfter(maxWaitNanos - waitedNanos);
        }
        return null;
    }

    /** Whether a close fsyncs what is written: not under {@link SyncPolicy#NONE}. */
    private boolean syncsOnClose() {
        return options.syncPolicy() != SyncPolicy.NONE;
    }

    /** The pool refused the log's IO: it fails as after a disk error, and its IO is over. */
    private void ioPoolClosed(WalException cause) {
        fail("running its IO", cause);
        lock.lock();
        try {
            ioStopped = true;
            ioProgress.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void writeAndSync(WriteBuffer work, long end, boolean force) throws IOException {
        if (!work.isEmpty()) {
            long sealedEnd = store.write(work);
            bytesWritten += work.size();
            writtenEnd = end;
            if (!force && sealedEnd > durableEnd) {
                publishDurable(sealedEnd);
            }
        }
        if (force && durableEnd < end) {
            long started = System.nanoTime();
            store.force();
            long took = System.nanoTime() - started;
            fsyncs++;
            fsyncNanosTotal += took;
            fsyncNanosMax = Math.max(fsyncNanosMax, took);
            publishDurable(end);
        } else if (!work.isEmpty()) {
            wakeReaders();
        }
    }

    private void publishDurable(long end) throws IOException {
        durableEnd = end;
        marker.set(end);
        wakeReaders();
        waiters.complete(end);
        waiters.notifyListeners(end);
    }

    private WalException fail(String action, Throwable cause) {
        WalException failed =
                new WalException(
                        "WAL "
                                + dir
                                + " failed "
                                + action
                                + " and stopped accepting writes: "
                                + cause,
                        cause);
        if (failure == null) {
            failure = failed;
            LOG.error("WAL {} failed {}; no further appends are accepted", dir, action, cause);
        }
        lock.lock();
        try {
            ioProgress.signalAll();
        } finally {
            lock.unlock();
        }
        waiters.failAll(failed);
        wakeReaders();
        return failed;
    }

    private void wakeReaders() {
        synchronized (readerMonitor) {
            readerMonitor.notifyAll();
        }
    }

    private static void closeQuietly(Closeable c, Exception primary) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                primary.addSuppressed(e);
            }
        }
    }

    /** The log as its in-process readers see it: exact published positions and notifications. */
    private final class LiveView implements LogView {

        @Override
        public Path directory() {
            return dir;
        }

        @Override
        public List<Segment> segments() {
            return store.segments();
        }

        @Override
        public long readableEnd(ReadLimit limit) {
            return limit == ReadLimit.DURABLE ? durableEnd : writtenEnd;
        }

        @Override
        public long truncations() {
            return truncations;
        }

        @Override
        public boolean bytesBelowEndAreComplete() {
            return true;
        }

        @Override
        public void awaitChange(ReadLimit limit, long seenEnd, long timeoutNanos)
                throws InterruptedException {
            if (closed || failure != null) {
                throw new WalException(
                        "WAL " + dir + " is closed; a reader cannot wait for more records");
            }
            long deadline = System.nanoTime() + timeoutNanos;
            synchronized (readerMonitor) {
                while (readableEnd(limit) == seenEnd && failure == null && !closed) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return;
                    }
                    TimeUnit.NANOSECONDS.timedWait(readerMonitor, left);
                }
            }
        }
    }
}
