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

import dev.floe.wal.record.Header;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.record.WalRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The byte layout of a WAL frame: one or more records with consecutive offsets, written and
 * checksummed as a unit. A single appended record is a frame of one. Stateless and thread-safe; all
 * multi-byte fields are big-endian.
 *
 * <pre>
 * offset  size  field
 *  0       1    magic          format version, currently 1
 *  1       8    baseOffset     offset of the first record in the frame
 *  9       4    length         number of bytes after this field
 * 13       4    crc            CRC32C of every byte after this field
 * 17       1    attributes     reserved, always 0
 * 18       4    recordCount    at least 1; record i has offset baseOffset + i
 * 22       ..   records, each:
 *                 8   timestamp (ms)
 *                 4   keyLength, -1 for a null key
 *                 k   key
 *                 4   valueLength
 *                 v   value
 *                 2   headerCount (unsigned)
 *                 per header: 2 keyLength (unsigned), UTF-8 key, 4 valueLength (-1 = null), value
 * </pre>
 *
 * The frame occupies {@code LOG_OVERHEAD + length} bytes. A zero magic byte marks unwritten space.
 */
public final class RecordFrame {

    public static final byte MAGIC_V1 = 1;

    public static final int MAGIC_OFFSET = 0;
    public static final int BASE_OFFSET_OFFSET = 1;
    public static final int LENGTH_OFFSET = 9;
    public static final int CRC_OFFSET = 13;
    public static final int ATTRIBUTES_OFFSET = 17;
    public static final int RECORD_COUNT_OFFSET = 18;
    public static final int RECORDS_OFFSET = 22;

    /** Bytes that precede the checksummed part: magic, base offset, length. */
    public static final int LOG_OVERHEAD = CRC_OFFSET;

    /** Frame bytes besides the records themselves. */
    public static final int FRAME_OVERHEAD = RECORDS_OFFSET;

    /** Fixed bytes per record besides key, value and headers. */
    public static final int RECORD_OVERHEAD = 8 + 4 + 4 + 2;

    private static final int HEADER_OVERHEAD = 2 + 4;
    private static final int MAX_HEADER_KEY_BYTES = 0xFFFF;
    private static final int MAX_HEADERS = 0xFFFF;

    /** The outcome of checking the bytes at a position that should start a frame. */
    public enum Check {
        /** A whole frame with a matching checksum. */
        VALID,
        /** Fewer bytes are available than the frame header or its declared length needs. */
        INCOMPLETE,
        /** The magic byte is not a known format version (0 means never written). */
        BAD_MAGIC,
        /** The length field is impossible (too small, or above the maximum frame size). */
        BAD_LENGTH,
        /** The checksum does not match the bytes. */
        BAD_CRC
    }

    private RecordFrame() {}

    /**
     * Encoded size of one record inside a frame.
     *
     * @throws IllegalArgumentException if the format cannot hold the record's headers (checked here
     *     so that a writer sizing records first never writes part of a frame)
     */
    public static int recordSize(WalRecord record) {
        int size = RECORD_OVERHEAD + record.value().length;
        if (record.key() != null) {
            size += record.key().length;
        }
        if (record.headers().size() > MAX_HEADERS) {
            throw new IllegalArgumentException(
                    "a record has " + record.headers().size() + " headers; at most " + MAX_HEADERS);
        }
        for (Header h : record.headers()) {
            int keyBytes = utf8Length(h.key());
            if (keyBytes > MAX_HEADER_KEY_BYTES) {
                throw new IllegalArgumentException(
                        "header key of " + keyBytes + " bytes; at most " + MAX_HEADER_KEY_BYTES);
            }
            size += HEADER_OVERHEAD + keyBytes;
            if (h.value() != null) {
                size += h.value().length;
            }
        }
        return size;
    }

    /** Encoded size of a frame holding records {@code [from, to)} of the list. */
    public static int frameSize(List<WalRecord> records, int from, int to) {
        int size = FRAME_OVERHEAD;
        for (int i = from; i < to; i++) {
            size += recordSize(records.get(i));
        }
        return size;
    }

    /**
     * Writes a frame of one record at the buffer's position and advances it.
     *
     * @return the number of bytes written
     */
    public static int write(ByteBuffer buf, long offset, WalRecord record) {
        return write(buf, offset, List.of(record), 0, 1);
    }

    /**
     * Writes a frame holding records {@code [from, to)} at the buffer's position and advances it.
     * The buffer must have {@link #frameSize} bytes remaining.
     *
     * @return the number of bytes written
     */
    public static int write(
            ByteBuffer buf, long baseOffset, List<WalRecord> records, int from, int to) {
        int start = startFrame(buf, baseOffset, to - from);
        for (int i = from; i < to; i++) {
            putRecord(buf, records.get(i));
        }
        return endFrame(buf, start);
    }

    /**
     * Writes a frame of {@code count} records already encoded as a frame holds them, the bytes of
     * {@code records} from its position to its limit, at the buffer's position and advances it. The
     * buffer must have {@link #FRAME_OVERHEAD} plus those bytes remaining.
     *
     * @return the number of bytes written
     */
    public static int writeEncoded(ByteBuffer buf, long baseOffset, int count, ByteBuffer records) {
        int start = startFrame(buf, baseOffset, count);
        buf.put(records);
        return endFrame(buf, start);
    }

    /** Writes a frame's header, its length and checksum left to {@link #endFrame}. */
    private static int startFrame(ByteBuffer buf, long baseOffset, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("a frame holds at least one record");
        }
        int start = buf.position();
        buf.put(MAGIC_V1);
        buf.putLong(baseOffset);
        buf.putInt(0);
        buf.putInt(0);
        buf.put((byte) 0);
        buf.putInt(count);
        return start;
    }

    /** Sets the length and checksum of the frame at {@code start}, which ends at the position. */
    private static int endFrame(ByteBuffer buf, int start) {
        int end = buf.position();
        buf.putInt(start + LENGTH_OFFSET, end - start - LOG_OVERHEAD);
        buf.putInt(start + CRC_OFFSET, crc(buf, start + ATTRIBUTES_OFFSET, end));
        return end - start;
    }

    /** Encodes one record as a frame holds it at the buffer's position, and advances it. */
    public static void encodeRecord(ByteBuffer buf, WalRecord record) {
        putRecord(buf, record);
    }

    /**
     * The position after the record that starts at {@code p} in a frame whose records end at {@code
     * end}, found from its length fields without copying it.
     *
     * @throws IllegalStateException if the record runs past {@code end}
     */
    public static int recordEnd(ByteBuffer buf, int p, int end) {
        int q = skipBytes(buf, skipBytes(buf, within(p, 8, end) + 8, end), end);
        int headers = Short.toUnsignedInt(buf.getShort(within(q, 2, end)));
        q += 2;
        for (int h = 0; h < headers; h++) {
            q += 2 + Short.toUnsignedInt(buf.getShort(within(q, 2, end)));
            q = skipBytes(buf, q, end);
        }
        return within(q, 0, end);
    }

    /** The timestamp of the record that starts at {@code p}. */
    public static long recordTimestamp(ByteBuffer buf, int p) {
        return buf.getLong(p);
    }

    private static void putRecord(ByteBuffer buf, WalRecord r) {
        buf.putLong(r.timestamp());
        putBytes(buf, r.key());
        putBytes(buf, r.value());
        List<Header> headers = r.headers();
        if (headers.size() > MAX_HEADERS) {
            throw new IllegalArgumentException(
                    "a record has " + headers.size() + " headers; at most " + MAX_HEADERS);
        }
        buf.putShort((short) headers.size());
        for (Header h : headers) {
            byte[] key = h.key().getBytes(StandardCharsets.UTF_8);
            if (key.length > MAX_HEADER_KEY_BYTES) {
                throw new IllegalArgumentException(
                        "header key of " + key.length + " bytes; at most " + MAX_HEADER_KEY_BYTES);
            }
            buf.putShort((short) key.length);
            buf.put(key);
            putBytes(buf, h.value());
        }
    }

    private static void putBytes(ByteBuffer buf, byte[] bytes) {
        if (bytes == null) {
            buf.putInt(-1);
        } else {
            buf.putInt(bytes.length);
            buf.put(bytes);
        }
    }

    /**
     * Checks the frame that should start at {@code pos}, with bytes up to {@code limit} available.
     * Does not move the buffer's position.
     */
    public static Check check(ByteBuffer buf, int pos, int limit, int maxFrameSize) {
        if (limit - pos < 1) {
            return Check.INCOMPLETE;
        }
        if (buf.get(pos + MAGIC_OFFSET) != MAGIC_V1) {
            return Check.BAD_MAGIC;
        }
        if (limit - pos < RECORDS_OFFSET) {
            return Check.INCOMPLETE;
        }
        int length = buf.getInt(pos + LENGTH_OFFSET);
        if (length < RECORDS_OFFSET - LOG_OVERHEAD || length > maxFrameSize - LOG_OVERHEAD) {
            return Check.BAD_LENGTH;
        }
        int end = pos + LOG_OVERHEAD + length;
        if (end > limit || end < 0) {
            return Check.INCOMPLETE;
        }
        if (buf.getInt(pos + CRC_OFFSET) != crc(buf, pos + ATTRIBUTES_OFFSET, end)) {
            return Check.BAD_CRC;
        }
        return Check.VALID;
    }

    /** Total size of the frame at {@code pos}; only meaningful once its header is readable. */
    public static int frameSize(ByteBuffer buf, int pos) {
        return LOG_OVERHEAD + buf.getInt(pos + LENGTH_OFFSET);
    }

    public static long baseOffset(ByteBuffer buf, int pos) {
        return buf.getLong(pos + BASE_OFFSET_OFFSET);
    }

    public static int recordCount(ByteBuffer buf, int pos) {
        return buf.getInt(pos + RECORD_COUNT_OFFSET);
    }

    /** Offset after the last record of the frame at {@code pos}. */
    public static long endOffset(ByteBuffer buf, int pos) {
        return baseOffset(buf, pos) + recordCount(buf, pos);
    }

    /**
     * Decodes the records of a {@link Check#VALID} frame at {@code pos} whose offsets are at least
     * {@code fromOffset}, appending them to {@code out}.
     *
     * @throws IllegalStateException if the records do not fill the frame exactly
     */
    public static void decode(ByteBuffer buf, int pos, long fromOffset, List<LoggedRecord> out) {
        long offset = baseOffset(buf, pos);
        int count = recordCount(buf, pos);
        int end = pos + frameSize(buf, pos);
        ByteBuffer in = buf.duplicate().limit(end).position(pos + RECORDS_OFFSET);
        try {
            for (int i = 0; i < count; i++, offset++) {
                WalRecord r = readRecord(in);
                if (offset >= fromOffset) {
                    out.add(new LoggedRecord(offset, r));
                }
            }
        } catch (RuntimeException e) {
            throw new IllegalStateException("frame records do not parse: " + e, e);
        }
        if (in.hasRemaining()) {
            throw new IllegalStateException(
                    "frame has " + in.remaining() + " trailing bytes after " + count + " records");
        }
    }

    /**
     * The smallest and largest record timestamp of a {@link Check#VALID} frame at {@code pos},
     * walking its records without copying them.
     *
     * @throws IllegalStateException if the records do not fill the frame exactly
     */
    public static long[] timestampRange(ByteBuffer buf, int pos) {
        int count = recordCount(buf, pos);
        int end = pos + frameSize(buf, pos);
        int p = pos + RECORDS_OFFSET;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < count; i++) {
            int next = recordEnd(buf, p, end);
            long timestamp = buf.getLong(p);
            min = Math.min(min, timestamp);
            max = Math.max(max, timestamp);
            p = next;
        }
        if (p != end) {
            throw new IllegalStateException(
                    "frame records end at byte "
                            + (p - pos)
                            + " of a "
                            + (end - pos)
                            + "-byte frame");
        }
        return new long[] {min, max};
    }

    private static int skipBytes(ByteBuffer buf, int p, int end) {
        int length = buf.getInt(within(p, 4, end));
        return within(p + 4, Math.max(0, length), end) + Math.max(0, length);
    }

    private static int within(int p, int length, int end) {
        if (p + length > end || p < 0) {
            throw new IllegalStateException("a record runs past the end of its frame");
        }
        return p;
    }

    /** Decodes every record of a valid frame; convenience for tests and tools. */
    public static List<LoggedRecord> decode(ByteBuffer buf, int pos) {
        List<LoggedRecord> out = new ArrayList<>(recordCount(buf, pos));
        decode(buf, pos, Long.MIN_VALUE, out);
        return out;
    }

    private static WalRecord readRecord(ByteBuffer in) {
        long timestamp = in.getLong();
        byte[] key = getBytes(in);
        byte[] value = getBytes(in);
        int headerCount = Short.toUnsignedInt(in.getShort());
        List<Header> headers = List.of();
        if (headerCount > 0) {
            List<Header> list = new ArrayList<>(headerCount);
            for (int i = 0; i < headerCount; i++) {
                byte[] k = new byte[Short.toUnsignedInt(in.getShort())];
                in.get(k);
                list.add(new Header(new String(k, StandardCharsets.UTF_8), getBytes(in)));
            }
            headers = list;
        }
        return new WalRecord(timestamp, key, value == null ? new byte[0] : value, headers);
    }

    private static byte[] getBytes(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    /** CRC32C of bytes {@code [from, to)}; leaves the buffer's position and limit as they were. */
    private static int crc(ByteBuffer buf, int from, int to) {
        int position = buf.position();
        int limit = buf.limit();
        CRC32C crc = new CRC32C();
        crc.update(buf.limit(to).position(from));
        buf.limit(limit).position(position);
        return (int) crc.getValue();
    }

    private static int utf8Length(String s) {
        int ascii = s.length();
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return s.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return ascii;
    }
}
