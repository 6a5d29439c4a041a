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

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The byte layout of a segment object: an immutable object holding a contiguous, dense offset range
 * of one partition as compressed blocks of {@link RecordFrame} frames, with a block index and a
 * fixed-size footer at the end. A reader fetches the footer, then the index, then only the blocks
 * it needs. Stateless and thread-safe; all multi-byte fields are big-endian.
 *
 * <pre>
 * position           size      part
 * 0                  10        header: magic "FLOESEG1", version (2 bytes)
 * 10                 ..        block 0, block 1, ... back to back; each block is the compressed
 *                              bytes of whole RecordFrame frames with consecutive offsets
 * indexPosition      48 * n    block index, one entry per block in offset order
 * size - 76          76        footer
 *
 * block index entry
 * offset  size  field
 *  0       8    firstOffset         offset of the block's first record
 *  8       4    recordCount         at least 1
 * 12       8    position            where the block starts in the object
 * 20       4    compressedLength    bytes of the block in the object
 * 24       4    uncompressedLength  bytes of its frames once decompressed
 * 28       8    minTimestamp        smallest record timestamp (ms) in the block
 * 36       8    maxTimestamp        largest record timestamp (ms) in the block
 * 44       4    crc                 CRC32C of the block's compressed bytes
 *
 * footer
 * offset  size  field
 *  0       2    version             format version, currently 1
 *  2       1    compression         {@link Compression#id()} of every block
 *  3       1    attributes          reserved, always 0
 *  4       4    blockCount          at least 1
 *  8       8    recordCount         endOffset - startOffset
 * 16       8    startOffset         first offset in the object
 * 24       8    endOffset           offset after the last one
 * 32       8    minTimestamp        smallest record timestamp (ms)
 * 40       8    maxTimestamp        largest record timestamp (ms)
 * 48       8    indexPosition       where the block index starts
 * 56       4    indexLength         48 * blockCount
 * 60       4    footerLength        76 in version 1; the last 16 bytes keep their layout forever
 * 64       4    crc                 CRC32C of the index bytes, then of footer bytes [0, 64)
 * 68       8    magic               "FLOESEG1"
 * </pre>
 *
 * No frame spans two blocks. The writer cuts a block before the frame that would take it past its
 * target size (default 1 MiB), so a block is larger only when it holds one larger frame, and never
 * larger than {@link #MAX_BLOCK_BYTES}. Records appended one by one are grouped into frames of up
 * to 64 KiB; frames appended whole keep their bytes.
 *
 * <p>Every byte is checked: blocks by their index CRC and then each frame by its own CRC, index and
 * footer by the footer CRC, the header and trailing magic by value. Readers check the header when
 * they fetch block 0, which they read together with it.
 */
public final class SegmentObjectFormat {

    public static final short VERSION_1 = 1;
    public static final short CURRENT_VERSION = VERSION_1;

    private static final byte[] MAGIC = "FLOESEG1".getBytes(StandardCharsets.US_ASCII);
    public static final int MAGIC_LENGTH = MAGIC.length;

    public static final int HEADER_MAGIC_OFFSET = 0;
    public static final int HEADER_VERSION_OFFSET = 8;
    public static final int HEADER_SIZE = 10;

    public static final int ENTRY_FIRST_OFFSET_OFFSET = 0;
    public static final int ENTRY_RECORD_COUNT_OFFSET = 8;
    public static final int ENTRY_POSITION_OFFSET = 12;
    public static final int ENTRY_COMPRESSED_LENGTH_OFFSET = 20;
    public static final int ENTRY_UNCOMPRESSED_LENGTH_OFFSET = 24;
    public static final int ENTRY_MIN_TIMESTAMP_OFFSET = 28;
    public static final int ENTRY_MAX_TIMESTAMP_OFFSET = 36;
    public static final int ENTRY_CRC_OFFSET = 44;
    public static final int INDEX_ENTRY_SIZE = 48;

    public static final int FOOTER_VERSION_OFFSET = 0;
    public static final int FOOTER_COMPRESSION_OFFSET = 2;
    public static final int FOOTER_ATTRIBUTES_OFFSET = 3;
    public static final int FOOTER_BLOCK_COUNT_OFFSET = 4;
    public static final int FOOTER_RECORD_COUNT_OFFSET = 8;
    public static final int FOOTER_START_OFFSET_OFFSET = 16;
    public static final int FOOTER_END_OFFSET_OFFSET = 24;
    public static final int FOOTER_MIN_TIMESTAMP_OFFSET = 32;
    public static final int FOOTER_MAX_TIMESTAMP_OFFSET = 40;
    public static final int FOOTER_INDEX_POSITION_OFFSET = 48;
    public static final int FOOTER_INDEX_LENGTH_OFFSET = 56;
    public static final int FOOTER_LENGTH_OFFSET = 60;
    public static final int FOOTER_CRC_OFFSET = 64;
    public static final int FOOTER_MAGIC_OFFSET = 68;
    public static final int FOOTER_SIZE = 76;

    /** Largest uncompressed block; a frame of one larger record cannot be stored. */
    public static final int MAX_BLOCK_BYTES = 256 * 1024 * 1024;

    /** Smallest possible object: header, one block of one empty frame, one entry, footer. */
    public static final int MIN_OBJECT_SIZE = HEADER_SIZE + 1 + INDEX_ENTRY_SIZE + FOOTER_SIZE;

    private SegmentObjectFormat() {}

    /** What the footer says about the object, once decoded and checked. */
    record Footer(
            Compression compression,
            int blockCount,
            long recordCount,
            long startOffset,
            long endOffset,
            long minTimestamp,
            long maxTimestamp,
            long indexPosition,
            int indexLength) {}

    /** The header every segment object starts with. */
    static ByteBuffer header() {
        ByteBuffer buf = ByteBuffer.allocate(HEADER_SIZE);
        buf.put(MAGIC).putShort(CURRENT_VERSION);
        return buf.flip();
    }

    /** Checks the header at the start of {@code bytes}. */
    static void checkHeader(String object, byte[] bytes) throws CorruptSegmentObjectException {
        if (!Arrays.equals(bytes, 0, MAGIC_LENGTH, MAGIC, 0, MAGIC_LENGTH)) {
            throw new CorruptSegmentObjectException(
                    object, HEADER_MAGIC_OFFSET, "the header does not start with FLOESEG1");
        }
        short version = ByteBuffer.wrap(bytes).getShort(HEADER_VERSION_OFFSET);
        if (version != CURRENT_VERSION) {
            throw new CorruptSegmentObjectException(
                    object,
                    HEADER_VERSION_OFFSET,
                    "header version " + version + " differs from the footer's " + CURRENT_VERSION);
        }
    }

    /** Encodes the block index and the footer that end an object, computing the footer CRC. */
    static ByteBuffer encodeTail(List<SegmentBlockInfo> blocks, Footer footer) {
        ByteBuffer buf = ByteBuffer.allocate(blocks.size() * INDEX_ENTRY_SIZE + FOOTER_SIZE);
        for (SegmentBlockInfo b : blocks) {
            buf.putLong(b.firstOffset());
            buf.putInt(b.recordCount());
            buf.putLong(b.position());
            buf.putInt(b.compressedLength());
            buf.putInt(b.uncompressedLength());
            buf.putLong(b.minTimestamp());
            buf.putLong(b.maxTimestamp());
            buf.putInt(b.crc());
        }
        buf.putShort(CURRENT_VERSION);
        buf.put((byte) footer.compression().id());
        buf.put((byte) 0);
        buf.putInt(footer.blockCount());
        buf.putLong(footer.recordCount());
        buf.putLong(footer.startOffset());
        buf.putLong(footer.endOffset());
        buf.putLong(footer.minTimestamp());
        buf.putLong(footer.maxTimestamp());
        buf.putLong(footer.indexPosition());
        buf.putInt(footer.indexLength());
        buf.putInt(FOOTER_SIZE);
        CRC32C crc = new CRC32C();
        crc.update(buf.array(), 0, buf.position());
        buf.putInt((int) crc.getValue());
        buf.put(MAGIC);
        return buf.flip();
    }

    /**
     * Decodes the footer from the last {@link #FOOTER_SIZE} bytes of an object of {@code size}
     * bytes and checks that it can describe such an object. Its CRC is checked with the index.
     */
    static Footer decodeFooter(String object, byte[] tail, long size)
            throws CorruptSegmentObjectException {
        long at = size - FOOTER_SIZE;
        if (!Arrays.equals(tail, FOOTER_MAGIC_OFFSET, FOOTER_SIZE, MAGIC, 0, MAGIC_LENGTH)) {
            throw new CorruptSegmentObjectException(
                    object,
                    at + FOOTER_MAGIC_OFFSET,
                    "the object does not end with FLOESEG1: it is truncated or not a segment object");
        }
        ByteBuffer buf = ByteBuffer.wrap(tail);
        int footerLength = buf.getInt(FOOTER_LENGTH_OFFSET);
        if (footerLength != FOOTER_SIZE) {
            throw new CorruptSegmentObjectException(
                    object,
                    at + FOOTER_LENGTH_OFFSET,
                    "footer length "
                            + footerLength
                            + " is not the "
                            + FOOTER_SIZE
                            + " bytes of version "
                            + CURRENT_VERSION
                            + ": a newer format, or damaged");
        }
        short version = buf.getShort(FOOTER_VERSION_OFFSET);
        switch (version) {
            case VERSION_1:
                break;
            default:
                throw new CorruptSegmentObjectException(
                        object,
                        at + FOOTER_VERSION_OFFSET,
                        "format version "
                                + version
                                + " is unknown; this reader knows up to "
                                + CURRENT_VERSION
                                + " (upgrade Floe if the object is newer)");
        }
        int codec = buf.get(FOOTER_COMPRESSION_OFFSET);
        Compression compression =
                Compression.fromId(codec)
                        .orElseThrow(
                                () ->
                                        new CorruptSegmentObjectException(
                                                object,
                                                at + FOOTER_COMPRESSION_OFFSET,
                                                "unknown compression id " + codec));
        int blockCount = buf.getInt(FOOTER_BLOCK_COUNT_OFFSET);
        long indexPosition = buf.getLong(FOOTER_INDEX_POSITION_OFFSET);
        int indexLength = buf.getInt(FOOTER_INDEX_LENGTH_OFFSET);
        if (blockCount < 1
                || (long) blockCount * INDEX_ENTRY_SIZE != indexLength
                || indexPosition < HEADER_SIZE + blockCount
                || indexPosition + indexLength != at) {
            throw new CorruptSegmentObjectException(
                    object,
                    at,
                    "the footer places an index of "
                            + blockCount
                            + " blocks, "
                            + indexLength
                            + " bytes at position "
                            + indexPosition
                            + ", which does not end where the footer starts ("
                            + at
                            + ")");
        }
        return new Footer(
                compression,
                blockCount,
                buf.getLong(FOOTER_RECORD_COUNT_OFFSET),
                buf.getLong(FOOTER_START_OFFSET_OFFSET),
                buf.getLong(FOOTER_END_OFFSET_OFFSET),
                buf.getLong(FOOTER_MIN_TIMESTAMP_OFFSET),
                buf.getLong(FOOTER_MAX_TIMESTAMP_OFFSET),
                indexPosition,
                indexLength);
    }

    /**
     * Checks the footer CRC over {@code index} and {@code tail}, decodes the index and checks that
     * its blocks tile the object and its offset range exactly.
     */
    static List<SegmentBlockInfo> decodeIndex(String object, byte[] index, byte[] tail, Footer f)
            throws CorruptSegmentObjectException {
        CRC32C crc = new CRC32C();
        crc.update(index);
        crc.update(tail, 0, FOOTER_CRC_OFFSET);
        int expected = ByteBuffer.wrap(tail).getInt(FOOTER_CRC_OFFSET);
        if ((int) crc.getValue() != expected) {
            throw new CorruptSegmentObjectException(
                    object,
                    f.indexPosition(),
                    String.format(
                            "CRC32C of index and footer is %08x, the footer says %08x",
                            (int) crc.getValue(), expected));
        }
        ByteBuffer buf = ByteBuffer.wrap(index);
        List<SegmentBlockInfo> blocks = new ArrayList<>(f.blockCount());
        long position = HEADER_SIZE;
        long offset = f.startOffset();
        long minTimestamp = Long.MAX_VALUE;
        long maxTimestamp = Long.MIN_VALUE;
        for (int i = 0; i < f.blockCount(); i++) {
            int at = i * INDEX_ENTRY_SIZE;
            SegmentBlockInfo b =
                    new SegmentBlockInfo(
                            buf.getLong(at + ENTRY_FIRST_OFFSET_OFFSET),
                            buf.getInt(at + ENTRY_RECORD_COUNT_OFFSET),
                            buf.getLong(at + ENTRY_POSITION_OFFSET),
                            buf.getInt(at + ENTRY_COMPRESSED_LENGTH_OFFSET),
                            buf.getInt(at + ENTRY_UNCOMPRESSED_LENGTH_OFFSET),
                            buf.getLong(at + ENTRY_MIN_TIMESTAMP_OFFSET),
                            buf.getLong(at + ENTRY_MAX_TIMESTAMP_OFFSET),
                            buf.getInt(at + ENTRY_CRC_OFFSET));
            String problem = entryProblem(b, position, offset, f);
            if (problem != null) {
                throw new CorruptSegmentObjectException(
                        object,
                        f.indexPosition() + at,
                        "index entry of block " + i + " " + problem);
            }
            blocks.add(b);
            position = b.position() + b.compressedLength();
            offset = b.endOffset();
            minTimestamp = Math.min(minTimestamp, b.minTimestamp());
            maxTimestamp = Math.max(maxTimestamp, b.maxTimestamp());
        }
        if (position != f.indexPosition()
                || offset != f.endOffset()
                || f.recordCount() != f.endOffset() - f.startOffset()
                || minTimestamp != f.minTimestamp()
                || maxTimestamp != f.maxTimestamp()) {
            throw new CorruptSegmentObjectException(
                    object,
                    f.indexPosition(),
                    "the blocks end at position "
                            + position
                            + " and offset "
                            + offset
                            + " with timestamps ["
                            + minTimestamp
                            + ", "
                            + maxTimestamp
                            + "], but the footer says "
                            + f);
        }
        return List.copyOf(blocks);
    }

    private static String entryProblem(SegmentBlockInfo b, long position, long offset, Footer f) {
        if (b.position() != position) {
            return "starts at position " + b.position() + ", expected " + position;
        }
        if (b.firstOffset() != offset) {
            return "starts at offset " + b.firstOffset() + ", expected " + offset;
        }
        if (b.recordCount() < 1 || b.endOffset() > f.endOffset()) {
            return "holds "
                    + b.recordCount()
                    + " records from offset "
                    + b.firstOffset()
                    + ", outside the object's range ending at "
                    + f.endOffset();
        }
        if (b.compressedLength() < 1 || position + b.compressedLength() > f.indexPosition()) {
            return "has compressed length " + b.compressedLength() + ", past the index";
        }
        if (b.uncompressedLength() < RecordFrame.FRAME_OVERHEAD
                || b.uncompressedLength() > MAX_BLOCK_BYTES
                || (f.compression() == Compression.NONE
                        && b.uncompressedLength() != b.compressedLength())) {
            return "has impossible uncompressed length " + b.uncompressedLength();
        }
        if (b.minTimestamp() > b.maxTimestamp()) {
            return "has min timestamp " + b.minTimestamp() + " above max " + b.maxTimestamp();
        }
        return null;
    }

    /** CRC32C of {@code length} bytes of {@code bytes} from {@code from}. */
    static int crc(byte[] bytes, int from, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, from, length);
        return (int) crc.getValue();
    }
}
