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
import dev.floe.wal.format.RecordFrame.Check;
import dev.floe.wal.record.LoggedRecord;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a log from an offset onwards, through sealed and open segments, and waits for new records
 * at the end. Every record comes back exactly once and in offset order; a gap or a damaged frame is
 * an error, never skipped. With {@link ReadLimit#DURABLE} it returns only fsynced records. Not
 * thread-safe: one thread per reader; any number of readers per log.
 */
public final class TailReader implements Closeable {

    private static final int OPEN_ATTEMPTS = 3;

    private final LogView view;
    private final ReadLimit limit;
    private final WalOptions options;
    private final ByteBuffer lentBuffer;
    private long nextOffset;
    private long seenTruncations;
    private Segment segment;
    private FileChannel channel;
    private FrameScanner scanner;
    // Base offset the scanner's next frame must have (frames are dense), or -1 when unknown.
    private long expectedBase = -1;

    TailReader(LogView view, long fromOffset, ReadLimit limit, WalOptions options) {
        this(view, fromOffset, limit, options, null);
    }

    /** A reader that reads through {@code lentBuffer} when not null (see {@link FrameScanner}). */
    TailReader(
            LogView view,
            long fromOffset,
            ReadLimit limit,
            WalOptions options,
            ByteBuffer lentBuffer) {
        if (fromOffset < 0) {
            throw new IllegalArgumentException("fromOffset must not be negative: " + fromOffset);
        }
        this.view = view;
        this.limit = limit;
        this.options = options;
        this.nextOffset = fromOffset;
        this.seenTruncations = view.truncations();
        this.lentBuffer = lentBuffer;
    }

    /** The offset of the next record this reader returns. */
    public long position() {
        return nextOffset;
    }

    /** Moves the reader to {@code offset}. */
    public void seek(long offset) throws IOException {
        nextOffset = offset;
        closeSegment();
    }

    /**
     * Returns up to {@code maxRecords} records from the current position, waiting up to {@code
     * timeout} for the first one; an empty list when none arrived in time.
     *
     * @throws OffsetOutOfRangeException if the position is no longer in the log
     * @throws CorruptLogException if a frame below the readable end is damaged
     */
    public List<LoggedRecord> poll(int maxRecords, Duration timeout)
            throws IOException, InterruptedException {
        // Whole frames are returned, so a poll may pass maxRecords by up to one frame's records.
        List<LoggedRecord> out = new ArrayList<>(Math.min(maxRecords, 8192) * 2);
        read(
                Long.MAX_VALUE,
                maxRecords,
                false,
                timeout,
                (frame, pos, from, to) -> decode(frame, pos, from, out));
        return out;
    }

    /**
     * Passes the records from the current position up to offset {@code end}, at least {@code
     * maxRecords} of them when readable, to {@code records} frame by frame, as the log stores them
     * and without decoding them; waits up to {@code timeout} for the first. A frame that {@code
     * end} cuts is passed up to {@code end}, and the rest of it next time.
     *
     * @return how many records were passed; 0 when none arrived in time
     * @throws OffsetOutOfRangeException if the position is no longer in the log
     * @throws CorruptLogException if a frame below the readable end is damaged
     */
    public long readFrames(long end, int maxRecords, Duration timeout, FrameRecords records)
            throws IOException, InterruptedException {
        return read(end, maxRecords, true, timeout, records);
    }

    /**
     * Receives the records of offsets {@code [fromOffset, toOffset)} of the checked frame at {@code
     * pos} of {@code frame}; the bytes are valid only during the call.
     */
    @FunctionalInterface
    public interface FrameRecords {
        void accept(ByteBuffer frame, int pos, long fromOffset, long toOffset) throws IOException;
    }

    private long read(
            long end, int maxRecords, boolean cutFrames, Duration timeout, FrameRecords records)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long readable = view.readableEnd(limit);
            long passed = readAvailable(Math.min(end, readable), maxRecords, cutFrames, records);
            long left = deadline - System.nanoTime();
            if (passed > 0 || left <= 0 || nextOffset >= end) {
                return passed;
            }
            view.awaitChange(limit, readable, left);
        }
    }

    private void decode(ByteBuffer frame, int pos, long from, List<LoggedRecord> out) {
        try {
            RecordFrame.decode(frame, pos, from, out);
        } catch (IllegalStateException e) {
            throw new CorruptLogException(segment.path(), scanner.position(), e.getMessage());
        }
    }

    private long readAvailable(long end, int maxRecords, boolean cutFrames, FrameRecords records)
            throws IOException {
        long start = nextOffset;
        if (view.truncations() != seenTruncations) {
            seenTruncations = view.truncations();
            if (nextOffset > view.readableEnd(ReadLimit.WRITTEN)) {
                throw new OffsetOutOfRangeException(
                        "WAL "
                                + view.directory()
                                + " was truncated below this reader's position "
                                + nextOffset
                                + "; records it returned from there on were replaced");
            }
            closeSegment();
        }
        while (nextOffset - start < maxRecords && nextOffset < end) {
            if (scanner == null && !openSegmentHolding(nextOffset)) {
                break;
            }
            Check check = scanner.next();
            if (check == Check.VALID) {
                if (!consumeFrame(end, cutFrames, records)) {
                    break;
                }
            } else if (check == Check.INCOMPLETE) {
                if (segment.sealed()
                        && nextOffset < segment.endOffset()
                        && view.truncations() == seenTruncations) {
                    // A sealed segment is complete, so records missing from it are damage.
                    throw new CorruptLogException(
                            segment.path(),
                            scanner.position(),
                            SegmentScan.describe(check)
                                    + "; the sealed segment should hold offsets up to "
                                    + (segment.endOffset() - 1));
                }
                if (!moveToNextSegment()) {
                    break;
                }
            } else if (view.bytesBelowEndAreComplete() || segment.sealed()) {
                throw new CorruptLogException(
                        segment.path(), scanner.position(), SegmentScan.describe(check));
            } else {
                scanner.seek(scanner.position());
                break;
            }
        }
        return nextOffset - start;
    }

    /**
     * Passes the current frame's records from {@code nextOffset} on, below {@code end}; false if
     * none could be (the frame is not yet readable, or {@code end} cut it).
     */
    private boolean consumeFrame(long end, boolean cutFrames, FrameRecords records)
            throws IOException {
        ByteBuffer buf = scanner.buffer();
        int start = scanner.frameStart();
        long base = RecordFrame.baseOffset(buf, start);
        long frameEnd = RecordFrame.endOffset(buf, start);
        if (expectedBase >= 0
                && base != expectedBase
                && (view.bytesBelowEndAreComplete() || segment.sealed())) {
            // The base offset is not covered by the checksum: a damaged one must not make the
            // reader skip the frame or return its records under other offsets.
            throw new CorruptLogException(
                    segment.path(),
                    scanner.position(),
                    "frame holds offset " + base + ", expected " + expectedBase);
        }
        if (base > nextOffset) {
            throw new CorruptLogException(
                    segment.path(),
                    scanner.position(),
                    "frame starts at offset " + base + " but offset " + nextOffset + " is next");
        }
        if (frameEnd > end && !cutFrames) {
            return false;
        }
        long to = Math.min(frameEnd, end);
        if (to > nextOffset) {
            records.accept(buf, start, nextOffset, to);
            nextOffset = to;
        }
        if (to < frameEnd) {
            return false;
        }
        scanner.advance();
        expectedBase = frameEnd;
        return true;
    }

    /**
     * At the end of the current file: continues in the segment holding the next offset once a later
     * segment starts at or before it. (A reader that waited beyond the end of the log may have
     * skipped through a segment that ended before its position.)
     */
    private boolean moveToNextSegment() throws IOException {
        for (Segment s : view.segments()) {
            if (s.startOffset <= nextOffset && s.startOffset > segment.startOffset) {
                closeSegment();
                return openSegmentHolding(nextOffset);
            }
        }
        return false;
    }

    private boolean openSegmentHolding(long offset) throws IOException {
        for (int attempt = 0; attempt < OPEN_ATTEMPTS; attempt++) {
            List<Segment> segments = view.segments();
            if (segments.isEmpty()) {
                return false;
            }
            if (offset < segments.get(0).startOffset) {
                throw new OffsetOutOfRangeException(
                        "Offset "
                                + offset
                                + " is no longer in WAL "
                                + view.directory()
                                + ": it now starts at offset "
                                + segments.get(0).startOffset);
            }
            Segment found = segments.get(0);
            for (Segment s : segments) {
                if (s.startOffset <= offset) {
                    found = s;
                }
            }
            try {
                channel = FileChannel.open(found.path(), StandardOpenOption.READ);
            } catch (NoSuchFileException e) {
                continue;
            }
            segment = found;
            int interval = options.indexIntervalBytes();
            int position = found.seekPosition(offset, interval);
            // The frame there starts the segment, or is the one the index recorded there.
            OffsetIndex index = found.index();
            expectedBase =
                    position == 0
                            ? found.startOffset
                            : index == null ? -1 : index.offsetAt(position);
            scanner =
                    new FrameScanner(
                            channel,
                            position,
                            lentBuffer,
                            options.readBufferBytes(),
                            options.maxFrameBytes());
            return true;
        }
        return false;
    }

    private void closeSegment() throws IOException {
        if (channel != null) {
            channel.close();
        }
        channel = null;
        scanner = null;
        segment = null;
    }

    @Override
    public void close() throws IOException {
        closeSegment();
        view.close();
    }
}
