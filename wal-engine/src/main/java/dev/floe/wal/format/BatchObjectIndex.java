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

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The index of a batch object: one writer's checkpoint of several partitions in one object. The
 * object is its sections, each a whole segment object holding one offset range of one partition,
 * followed by this index, so that each section is read alone by a ranged read and the object can be
 * checked without the manifest. Layout of the tail (big-endian):
 *
 * <pre>
 * count × 64   sections: partition (4), epoch (8), start (8), end (8), position (8), length (8),
 *              min timestamp (8), max timestamp (8), reserved (4)
 * 4            section count
 * 4            CRC32C of the sections and the count
 * 2            version
 * 8            magic "FLOEBAT1"
 * </pre>
 *
 * Immutable.
 *
 * @param sections in the order they are stored
 */
public record BatchObjectIndex(List<Section> sections) {

    public static final short VERSION_1 = 1;

    private static final byte[] MAGIC = "FLOEBAT1".getBytes(StandardCharsets.US_ASCII);
    private static final int ENTRY_SIZE = 64;
    private static final int TRAILER_SIZE = 4 + 4 + 2 + MAGIC.length;

    /**
     * One partition's range in a batch object.
     *
     * @param partition the partition
     * @param epoch the writer epoch of the partition's claim
     * @param startOffset first offset of the range
     * @param endOffset offset after the range
     * @param position where the section's segment object starts in the batch object
     * @param length bytes of the section's segment object
     * @param minTimestamp smallest record timestamp (ms)
     * @param maxTimestamp largest record timestamp (ms)
     */
    public record Section(
            int partition,
            long epoch,
            long startOffset,
            long endOffset,
            long position,
            long length,
            long minTimestamp,
            long maxTimestamp) {}

    public BatchObjectIndex {
        sections = List.copyOf(sections);
    }

    /** The index as the object's last bytes. */
    public ByteBuffer encode() {
        ByteBuffer out = ByteBuffer.allocate(sections.size() * ENTRY_SIZE + TRAILER_SIZE);
        for (Section s : sections) {
            out.putInt(s.partition())
                    .putLong(s.epoch())
                    .putLong(s.startOffset())
                    .putLong(s.endOffset())
                    .putLong(s.position())
                    .putLong(s.length())
                    .putLong(s.minTimestamp())
                    .putLong(s.maxTimestamp())
                    .putInt(0);
        }
        out.putInt(sections.size());
        CRC32C crc = new CRC32C();
        crc.update(out.array(), 0, out.position());
        out.putInt((int) crc.getValue());
        out.putShort(VERSION_1);
        out.put(MAGIC);
        return out.flip();
    }

    /**
     * Reads and checks the index of batch object {@code name}.
     *
     * @throws CorruptSegmentObjectException if the object is truncated, damaged or not a batch
     *     object
     */
    public static BatchObjectIndex read(String name, RangeSource source) throws IOException {
        long size = source.size();
        if (size < TRAILER_SIZE) {
            throw new CorruptSegmentObjectException(
                    name, 0, "the object has " + size + " bytes: it is not a batch object");
        }
        ByteBuffer trailer = ByteBuffer.wrap(source.read(size - TRAILER_SIZE, TRAILER_SIZE));
        byte[] magic =
                Arrays.copyOfRange(trailer.array(), TRAILER_SIZE - MAGIC.length, TRAILER_SIZE);
        if (trailer.remaining() != TRAILER_SIZE || !Arrays.equals(magic, MAGIC)) {
            throw new CorruptSegmentObjectException(
                    name, size - MAGIC.length, "no batch object magic at the end of the object");
        }
        int count = trailer.getInt();
        int storedCrc = trailer.getInt();
        short version = trailer.getShort();
        if (version != VERSION_1) {
            throw new CorruptSegmentObjectException(
                    name,
                    size - MAGIC.length - 2,
                    "batch object version "
                            + version
                            + " is newer than this reader understands ("
                            + VERSION_1
                            + "): upgrade Floe");
        }
        long indexStart = size - TRAILER_SIZE - (long) count * ENTRY_SIZE;
        if (count < 0 || indexStart < 0) {
            throw new CorruptSegmentObjectException(
                    name, size - TRAILER_SIZE, "the index claims " + count + " sections");
        }
        byte[] entries = source.read(indexStart, count * ENTRY_SIZE);
        CRC32C crc = new CRC32C();
        crc.update(entries);
        crc.update(trailer.array(), 0, 4);
        if ((int) crc.getValue() != storedCrc || entries.length != count * ENTRY_SIZE) {
            throw new CorruptSegmentObjectException(
                    name, indexStart, "the index does not match its checksum");
        }
        ByteBuffer in = ByteBuffer.wrap(entries);
        List<Section> sections = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Section s =
                    new Section(
                            in.getInt(),
                            in.getLong(),
                            in.getLong(),
                            in.getLong(),
                            in.getLong(),
                            in.getLong(),
                            in.getLong(),
                            in.getLong());
            in.getInt();
            if (s.position() < 0 || s.length() <= 0 || s.position() + s.length() > indexStart) {
                throw new CorruptSegmentObjectException(
                        name,
                        indexStart + (long) i * ENTRY_SIZE,
                        "section " + i + " lies outside the object's data");
            }
            sections.add(s);
        }
        return new BatchObjectIndex(sections);
    }
}
