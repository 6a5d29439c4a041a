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
package dev.floe.wal.format;

import dev.floe.wal.format.SegmentObjectFormat.Footer;
import dev.floe.wal.record.LoggedRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one segment object ({@link SegmentObjectFormat}) to a {@link ByteSink} as records arrive.
 * Not thread-safe: one writer thread.
 *
 * <p>Memory is bounded: one block of frames and its compressed form (about twice the block target,
 * or the largest frame if bigger), one frame of pending records (64 KiB) and 48 bytes of index per
 * block. Each block goes to the sink as soon as the next frame would overflow it; {@link #finish()}
 * writes the last block, the index and the footer.
 *
 * <p>Offsets must be dense: the first record fixes the start, and every later one must follow the
 * one before. If the sink fails, the bytes it received are not an object: discard them (abort the
 * upload) and write again; this writer refuses further calls. {@link #close()} releases native
 * memory and does not finish the object.
 */
public final class SegmentObjectWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentObjectWriter.class);

    /** Encoded records the writer groups into one frame, each frame with its own CRC. */
    static final int FRAME_TARGET_BYTES = 64 * 1024;

    private enum State {
        OPEN,
        FAILED,
        FINISHED,
        CLOSED
    }

    private final String name;
    private final ByteSink sink;
    private final SegmentObjectOptions options;
    private final BlockCompressor compressor;
    private final boolean ownsCompressor;
    private final List<SegmentBlockInfo> index = new ArrayList<>();
    private State state = State.OPEN;

    private long startOffset = -1;
    private long nextOffset = -1;
    private long position;
    private long uncompressedBytes;

    private ByteBuffer block;
    private long blockFirstOffset;
    private int blockRecordCount;
    private long blockMinTimestamp = Long.MAX_VALUE;
    private long blockMaxTimestamp = Long.MIN_VALUE;

    // The pending frame's records, encoded; flipped and reused by each frame.
    private ByteBuffer frameRecords;
    private int frameCount;
    private long frameBaseOffset;
    private long frameMinTimestamp;
    private long frameMaxTimestamp;

    /**
     * @param name the object's name for messages, usually its key
     * @param sink receives the object's bytes in order
     */
    public SegmentObjectWriter(String name, ByteSink sink, SegmentObjectOptions options) {
        this.name = Objects.requireNonNull(name, "name");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.options = Objects.requireNonNull(options, "options");
        this.block = ByteBuffer.allocate(options.blockTargetBytes());
        this.frameRecords = ByteBuffer.allocate(FRAME_TARGET_BYTES);
        this.compressor = new BlockCompressor(options.compression(), options.zstdLevel());
        this.ownsCompressor = true;
    }

    /**
     * A writer that borrows {@code buffers} (made with the same options) until it is finished or
     * closed, instead of allocating its own.
     */
    public SegmentObjectWriter(
            String name,
            ByteSink sink,
            SegmentObjectOptions options,
            SegmentEncodeBuffers buffers) {
        this.name = Objects.requireNonNull(name, "name");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.options = Objects.requireNonNull(options, "options");
        this.block = buffers.block.clear();
        this.frameRecords = buffers.frameRecords.clear();
        this.compressor = buffers.compressor;
        this.ownsCompressor = false;
    }

    /**
     * Adds a record, which must have the offset after the previous one.
     *
     * @throws IllegalArgumentException on a gap or a record too large for a block
     * @throws IOException if a full block could not be written to the sink
     */
    public void append(LoggedRecord record) throws IOException {
        Objects.requireNonNull(record, "record");
        ensureOpen();
        checkFollows(record.offset(), nextOffset);
        int size = RecordFrame.recordSize(record.record());
        checkRecordSize(record.offset(), size);
        startRecord(record.offset(), size);
        RecordFrame.encodeRecord(frameRecords, record.record());
        endRecord(record.offset(), record.timestamp());
    }

    /**
     * Adds the records of offsets {@code [fromOffset, toOffset)} from the whole {@link RecordFrame}
     * at {@code pos} (its checksum already checked, as a log reader does), copying each record's
     * bytes as they are encoded rather than decoding it. The first must follow the previous record.
     *
     * @return the bytes of the records added
     * @throws IllegalArgumentException on a gap, a record too large for a block, or records that do
     *     not fill the frame; if some of the frame's records were added before, the writer is then
     *     failed
     * @throws IOException if a full block could not be written to the sink
     */
    public long appendRecords(ByteBuffer frame, int pos, long fromOffset, long toOffset)
            throws IOException {
        Objects.requireNonNull(frame, "frame");
        ensureOpen();
        long offset = RecordFrame.baseOffset(frame, pos);
        long frameEnd = RecordFrame.endOffset(frame, pos);
        if (fromOffset < offset || toOffset > frameEnd || fromOffset >= toOffset) {
            throw new IllegalArgumentException(
                    "segment object "
                            + name
                            + ": offsets ["
                            + fromOffset
                            + ", "
                            + toOffset
                            + ") are not records of the frame holding ["
                            + offset
                            + ", "
                            + frameEnd
                            + ")");
        }
        checkFollows(fromOffset, nextOffset);
        int end = pos + RecordFrame.frameSize(frame, pos);
        int p = pos + RecordFrame.RECORDS_OFFSET;
        long bytes = 0;
        try {
            for (; offset < toOffset; offset++) {
                int next = RecordFrame.recordEnd(frame, p, end);
                if (offset >= fromOffset) {
                    int size = next - p;
                    checkRecordSize(offset, size);
                    startRecord(offset, size);
                    frameRecords.put(frameRecords.position(), frame, p, size);
                    frameRecords.position(frameRecords.position() + size);
                    endRecord(offset, RecordFrame.recordTimestamp(frame, p));
                    bytes += size;
                }
                p = next;
            }
        } catch (RuntimeException e) {
            if (bytes > 0) {
                // Part of the frame's records went in: this object cannot be finished as it is.
                state = State.FAILED;
            }
            throw e instanceof IllegalStateException ise ? undecodable(frame, pos, ise) : e;
        }
        return bytes;
    }

    private void checkRecordSize(long offset, int size) {
        if (size > SegmentObjectFormat.MAX_BLOCK_BYTES - RecordFrame.FRAME_OVERHEAD) {
            throw new IllegalArgumentException(
                    "segment object "
                            + name
                            + ": the record at offset "
                            + offset
                            + " encodes to "
                            + size
                            + " bytes, more than a block holds ("
                            + SegmentObjectFormat.MAX_BLOCK_BYTES
                            + ")");
        }
    }

    /** Makes room in the pending frame for a record of {@code size} bytes at {@code offset}. */
    private void startRecord(long offset, int size) throws IOException {
        int pending = frameRecords.position();
        if (frameCount > 0
                && (pending + size > FRAME_TARGET_BYTES
                        || block.position() + RecordFrame.FRAME_OVERHEAD + pending + size
                                > options.blockTargetBytes())) {
            writeFrame();
        }
        if (frameCount == 0) {
            frameBaseOffset = offset;
            frameMinTimestamp = Long.MAX_VALUE;
            frameMaxTimestamp = Long.MIN_VALUE;
        }
        if (frameRecords.remaining() < size) {
            ByteBuffer larger = ByteBuffer.allocate(frameRecords.position() + size);
            frameRecords = larger.put(frameRecords.flip());
        }
    }

    private void endRecord(long offset, long timestamp) {
        frameCount++;
        frameMinTimestamp = Math.min(frameMinTimestamp, timestamp);
        frameMaxTimestamp = Math.max(frameMaxTimestamp, timestamp);
        advance(offset, 1);
    }

    /**
     * Adds whole {@link RecordFrame} frames, as a log stores them, from the buffer's position to
     * its limit, and advances the position. The frames are checked (CRC, dense offsets following
     * the previous record) before any is added, and copied as they are.
     *
     * @throws IllegalArgumentException if a frame is invalid or its offsets do not follow
     * @throws IOException if a full block could not be written to the sink
     */
    public void appendFrames(ByteBuffer frames) throws IOException {
        Objects.requireNonNull(frames, "frames");
        ensureOpen();
        List<long[]> timestamps = checkFrames(frames);
        writeFrame();
        int pos = frames.position();
        for (long[] minMax : timestamps) {
            int size = RecordFrame.frameSize(frames, pos);
            makeRoom(size);
            block.put(frames.duplicate().limit(pos + size).position(pos));
            long base = RecordFrame.baseOffset(frames, pos);
            int count = RecordFrame.recordCount(frames, pos);
            addToBlock(base, count, minMax[0], minMax[1]);
            advance(base, count);
            pos += size;
        }
        frames.position(pos);
    }

    private IllegalArgumentException undecodable(
            ByteBuffer frame, int pos, IllegalStateException e) {
        return new IllegalArgumentException(
                "segment object "
                        + name
                        + ": the frame at offset "
                        + RecordFrame.baseOffset(frame, pos)
                        + " does not decode: "
                        + e.getMessage(),
                e);
    }

    /** Checks every frame in the buffer and returns the min and max timestamp of each. */
    private List<long[]> checkFrames(ByteBuffer frames) {
        List<long[]> timestamps = new ArrayList<>();
        long expected = nextOffset;
        int pos = frames.position();
        while (pos < frames.limit()) {
            RecordFrame.Check check =
                    RecordFrame.check(
                            frames, pos, frames.limit(), SegmentObjectFormat.MAX_BLOCK_BYTES);
            if (check != RecordFrame.Check.VALID || RecordFrame.recordCount(frames, pos) < 1) {
                throw new IllegalArgumentException(
                        "segment object "
                                + name
                                + ": the frame at byte "
                                + (pos - frames.position())
                                + " of the given buffer is not a whole, valid frame ("
                                + check
                                + ")");
            }
            checkFollows(RecordFrame.baseOffset(frames, pos), expected);
            try {
                timestamps.add(RecordFrame.timestampRange(frames, pos));
            } catch (IllegalStateException e) {
                throw undecodable(frames, pos, e);
            }
            expected = RecordFrame.endOffset(frames, pos);
            pos += RecordFrame.frameSize(frames, pos);
        }
        return timestamps;
    }

    /**
     * Writes the last block, the index and the footer, and returns what the object holds. The
     * object is complete once the sink has taken these bytes.
     *
     * @throws IllegalStateException if no record was added: an empty range needs no object
     */
    public SegmentObjectSummary finish() throws IOException {
        ensureOpen();
        if (startOffset < 0) {
            throw new IllegalStateException(
                    "segment object " + name + " has no records; an empty range needs no object");
        }
        writeFrame();
        flushBlock();
        long minTimestamp = Long.MAX_VALUE;
        long maxTimestamp = Long.MIN_VALUE;
        for (SegmentBlockInfo b : index) {
            minTimestamp = Math.min(minTimestamp, b.minTimestamp());
            maxTimestamp = Math.max(maxTimestamp, b.maxTimestamp());
        }
        Footer footer =
                new Footer(
                        options.compression(),
                        index.size(),
                        nextOffset - startOffset,
                        startOffset,
                        nextOffset,
                        minTimestamp,
                        maxTimestamp,
                        position,
                        index.size() * SegmentObjectFormat.INDEX_ENTRY_SIZE);
        ByteBuffer tail = SegmentObjectFormat.encodeTail(index, footer);
        int tailLength = tail.remaining();
        send(tail);
        position += tailLength;
        state = State.FINISHED;
        releaseCompressor();
        SegmentObjectSummary summary =
                new SegmentObjectSummary(
                        startOffset,
                        nextOffset,
                        nextOffset - startOffset,
                        minTimestamp,
                        maxTimestamp,
                        index.size(),
                        position,
                        uncompressedBytes,
                        options.compression());
        LOG.debug("Wrote segment object {}: {}", name, summary);
        return summary;
    }

    /** The name given for messages. */
    public String name() {
        return name;
    }

    /** Records added so far. */
    public long recordCount() {
        return startOffset < 0 ? 0 : nextOffset - startOffset;
    }

    /** Offset the next record must have, or -1 before the first. */
    public long nextOffset() {
        return nextOffset;
    }

    /** Bytes handed to the sink so far. */
    public long bytesWritten() {
        return position;
    }

    /** Releases native memory. Does not finish the object; safe to call more than once. */
    @Override
    public void close() {
        if (state == State.OPEN || state == State.FAILED) {
            state = State.CLOSED;
            releaseCompressor();
        }
    }

    private void releaseCompressor() {
        if (ownsCompressor) {
            compressor.close();
        }
    }

    private void ensureOpen() {
        switch (state) {
            case OPEN:
                return;
            case FAILED:
                throw new IllegalStateException(
                        "writing segment object "
                                + name
                                + " failed earlier; discard what was written and write it again");
            case FINISHED:
                throw new IllegalStateException("segment object " + name + " is finished");
            default:
                throw new IllegalStateException(
                        "the writer of segment object " + name + " is closed");
        }
    }

    private void checkFollows(long offset, long expected) {
        if (expected < 0) {
            if (offset < 0) {
                throw new IllegalArgumentException(
                        "segment object " + name + ": offset " + offset + " is negative");
            }
        } else if (offset != expected) {
            throw new IllegalArgumentException(
                    "segment object "
                            + name
                            + ": offset "
                            + offset
                            + " does not follow offset "
                            + (expected - 1)
                            + "; offsets must be dense and increasing (expected "
                            + expected
                            + ")");
        }
    }

    private void advance(long offset, int count) {
        if (startOffset < 0) {
            startOffset = offset;
        }
        nextOffset = offset + count;
    }

    /** Encodes the pending records as one frame into the block. */
    private void writeFrame() throws IOException {
        if (frameCount == 0) {
            return;
        }
        makeRoom(RecordFrame.FRAME_OVERHEAD + frameRecords.position());
        RecordFrame.writeEncoded(block, frameBaseOffset, frameCount, frameRecords.flip());
        addToBlock(frameBaseOffset, frameCount, frameMinTimestamp, frameMaxTimestamp);
        frameRecords.clear();
        frameCount = 0;
    }

    /** Flushes the block if a frame of this size would overflow it; grows it for a large frame. */
    private void makeRoom(int frameSize) throws IOException {
        if (block.position() > 0 && block.position() + frameSize > options.blockTargetBytes()) {
            flushBlock();
        }
        if (block.capacity() < frameSize) {
            block = ByteBuffer.allocate(frameSize);
        }
    }

    private void addToBlock(long firstOffset, int count, long minTimestamp, long maxTimestamp) {
        if (blockRecordCount == 0) {
            blockFirstOffset = firstOffset;
        }
        blockRecordCount += count;
        blockMinTimestamp = Math.min(blockMinTimestamp, minTimestamp);
        blockMaxTimestamp = Math.max(blockMaxTimestamp, maxTimestamp);
    }

    /** Compresses the block, sends it (after the header, for the first) and indexes it. */
    private void flushBlock() throws IOException {
        int length = block.position();
        if (length == 0) {
            return;
        }
        if (position == 0) {
            send(SegmentObjectFormat.header());
            position = SegmentObjectFormat.HEADER_SIZE;
        }
        ByteBuffer compressed;
        try {
            compressed = compressor.compress(block.array(), length);
        } catch (RuntimeException e) {
            state = State.FAILED;
            throw e;
        }
        int compressedLength = compressed.remaining();
        int crc =
                SegmentObjectFormat.crc(
                        compressed.array(), compressed.position(), compressedLength);
        send(compressed);
        index.add(
                new SegmentBlockInfo(
                        blockFirstOffset,
                        blockRecordCount,
                        position,
                        compressedLength,
                        length,
                        blockMinTimestamp,
                        blockMaxTimestamp,
                        crc));
        position += compressedLength;
        uncompressedBytes += length;
        block =
                block.capacity() > options.blockTargetBytes()
                        ? ByteBuffer.allocate(options.blockTargetBytes())
                        : block.clear();
        blockRecordCount = 0;
        blockMinTimestamp = Long.MAX_VALUE;
        blockMaxTimestamp = Long.MIN_VALUE;
    }

    private void send(ByteBuffer bytes) throws IOException {
        try {
            sink.write(bytes);
        } catch (IOException | RuntimeException e) {
            state = State.FAILED;
            throw e;
        }
    }
}
