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

/**
 * Reads records back from one segment object ({@link SegmentObjectFormat}) by offset range,
 * fetching only the blocks that hold the range. Opening reads the footer and the block index (two
 * reads); each block is then one read, checked against its index CRC and each of its frames against
 * its own CRC. Thread-safe if its {@link RangeSource} is.
 *
 * <p>Every validation failure is a {@link CorruptSegmentObjectException} naming the object, the
 * byte position and what is wrong; errors of the source itself pass through unchanged.
 */
public final class SegmentObjectReader {

    private final String name;
    private final RangeSource source;
    private final Compression compression;
    private final List<SegmentBlockInfo> blocks;
    private final SegmentObjectSummary summary;

    private SegmentObjectReader(
            String name,
            RangeSource source,
            long size,
            Footer footer,
            List<SegmentBlockInfo> blocks) {
        this.name = name;
        this.source = source;
        this.compression = footer.compression();
        this.blocks = blocks;
        long uncompressed = 0;
        for (SegmentBlockInfo b : blocks) {
            uncompressed += b.uncompressedLength();
        }
        this.summary =
                new SegmentObjectSummary(
                        footer.startOffset(),
                        footer.endOffset(),
                        footer.recordCount(),
                        footer.minTimestamp(),
                        footer.maxTimestamp(),
                        blocks.size(),
                        size,
                        uncompressed,
                        compression);
    }

    /**
     * Reads and checks the footer and the block index.
     *
     * @param name the object's name for messages, usually its key
     * @throws CorruptSegmentObjectException if the object is truncated, damaged or not a segment
     *     object
     */
    public static SegmentObjectReader open(String name, RangeSource source) throws IOException {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        long size = source.size();
        if (size < SegmentObjectFormat.MIN_OBJECT_SIZE) {
            throw new CorruptSegmentObjectException(
                    name,
                    0,
                    "the object has "
                            + size
                            + " bytes, fewer than the smallest segment object ("
                            + SegmentObjectFormat.MIN_OBJECT_SIZE
                            + "): it is truncated or not a segment object");
        }
        byte[] tail =
                readExactly(
                        name,
                        source,
                        size - SegmentObjectFormat.FOOTER_SIZE,
                        SegmentObjectFormat.FOOTER_SIZE);
        Footer footer = SegmentObjectFormat.decodeFooter(name, tail, size);
        byte[] index = readExactly(name, source, footer.indexPosition(), footer.indexLength());
        List<SegmentBlockInfo> blocks = SegmentObjectFormat.decodeIndex(name, index, tail, footer);
        return new SegmentObjectReader(name, source, size, footer, blocks);
    }

    /** The name given for messages. */
    public String name() {
        return name;
    }

    /** What the object holds, from its footer. */
    public SegmentObjectSummary summary() {
        return summary;
    }

    /** The block index in offset order, for planning reads (for example pruning by time). */
    public List<SegmentBlockInfo> blocks() {
        return blocks;
    }

    /**
     * Position in {@link #blocks()} of the block holding {@code offset}, an offset in the object.
     */
    public int blockOf(long offset) {
        if (offset < summary.startOffset() || offset >= summary.endOffset()) {
            throw new IllegalArgumentException(
                    "segment object "
                            + name
                            + " holds offsets ["
                            + summary.startOffset()
                            + ", "
                            + summary.endOffset()
                            + "), not "
                            + offset);
        }
        int low = 0;
        int high = blocks.size() - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (blocks.get(mid).firstOffset() <= offset) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    /**
     * The records with offsets in {@code [from, to)}, fetching only the blocks that hold them. The
     * range must lie within the object's.
     */
    public List<LoggedRecord> read(long from, long to) throws IOException {
        SegmentRecordCursor cursor = cursor(from, to);
        List<LoggedRecord> out = new ArrayList<>((int) Math.min(to - from, 1 << 20));
        while (cursor.hasNext()) {
            out.addAll(cursor.next());
        }
        return out;
    }

    /**
     * A cursor over the records in {@code [from, to)} that fetches and holds one block at a time.
     * The range must lie within the object's.
     */
    public SegmentRecordCursor cursor(long from, long to) {
        checkRange(from, to);
        int first = from == to ? blocks.size() : blockOf(from);
        return new SegmentRecordCursor(this, first, from, to);
    }

    /**
     * Fetches block {@code i}, checks it and decodes its records with offsets in {@code [from,
     * to)}.
     */
    List<LoggedRecord> readBlock(int i, long from, long to) throws IOException {
        SegmentBlockInfo b = blocks.get(i);
        byte[] data = fetch(i, b);
        int start = i == 0 ? SegmentObjectFormat.HEADER_SIZE : 0;
        int crc = SegmentObjectFormat.crc(data, start, b.compressedLength());
        if (crc != b.crc()) {
            throw corrupt(
                    b.position(),
                    i,
                    String.format(
                            "CRC32C of its %d bytes is %08x, the index says %08x",
                            b.compressedLength(), crc, b.crc()));
        }
        byte[] frames;
        try {
            frames = BlockCompressor.decompress(compression, data, start, b.uncompressedLength());
        } catch (IllegalStateException e) {
            throw corrupt(b.position(), i, e.getMessage());
        }
        return decodeFrames(i, b, ByteBuffer.wrap(frames), from, to);
    }

    /** Reads the block's bytes; block 0 together with the header, which it checks. */
    private byte[] fetch(int i, SegmentBlockInfo b) throws IOException {
        if (i > 0) {
            return readExactly(name, source, b.position(), b.compressedLength());
        }
        byte[] data =
                readExactly(
                        name, source, 0, SegmentObjectFormat.HEADER_SIZE + b.compressedLength());
        SegmentObjectFormat.checkHeader(name, data);
        return data;
    }

    private List<LoggedRecord> decodeFrames(
            int i, SegmentBlockInfo b, ByteBuffer frames, long from, long to)
            throws CorruptSegmentObjectException {
        List<LoggedRecord> out = new ArrayList<>();
        int limit = frames.limit();
        long expected = b.firstOffset();
        int pos = 0;
        while (pos < limit) {
            RecordFrame.Check check = RecordFrame.check(frames, pos, limit, limit);
            if (check != RecordFrame.Check.VALID) {
                throw corrupt(
                        b.position(),
                        i,
                        "the frame at byte " + pos + " of the decompressed block is " + check);
            }
            long base = RecordFrame.baseOffset(frames, pos);
            int count = RecordFrame.recordCount(frames, pos);
            if (base != expected || count < 1) {
                throw corrupt(
                        b.position(),
                        i,
                        "the frame at byte "
                                + pos
                                + " holds "
                                + count
                                + " records from offset "
                                + base
                                + ", expected records from "
                                + expected);
            }
            if (base < to && base + count > from) {
                try {
                    RecordFrame.decode(frames, pos, from, out);
                } catch (IllegalStateException e) {
                    throw corrupt(
                            b.position(), i, "the frame at offset " + base + ": " + e.getMessage());
                }
            }
            expected = base + count;
            pos += RecordFrame.frameSize(frames, pos);
        }
        if (expected != b.endOffset()) {
            throw corrupt(
                    b.position(),
                    i,
                    "its frames end at offset " + expected + ", the index says " + b.endOffset());
        }
        while (!out.isEmpty() && out.get(out.size() - 1).offset() >= to) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    CorruptSegmentObjectException corrupt(long position, int block, String problem) {
        return new CorruptSegmentObjectException(name, position, "block " + block + ": " + problem);
    }

    private void checkRange(long from, long to) {
        if (from > to || from < summary.startOffset() || to > summary.endOffset()) {
            throw new IllegalArgumentException(
                    "segment object "
                            + name
                            + " holds offsets ["
                            + summary.startOffset()
                            + ", "
                            + summary.endOffset()
                            + "); cannot read ["
                            + from
                            + ", "
                            + to
                            + ")");
        }
    }

    private static byte[] readExactly(String name, RangeSource source, long position, int length)
            throws IOException {
        byte[] bytes = source.read(position, length);
        if (bytes.length != length) {
            throw new CorruptSegmentObjectException(
                    name,
                    position,
                    "expected "
                            + length
                            + " bytes here, the source returned "
                            + bytes.length
                            + ": the object is shorter than its index says (truncated?)");
        }
        return bytes;
    }
}
