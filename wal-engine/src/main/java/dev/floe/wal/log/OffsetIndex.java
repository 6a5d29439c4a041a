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

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * Sparse offset index of one segment: every {@code interval} bytes, the offset of the frame that
 * starts there and its byte position. A lookup returns the position from which a scan reaches an
 * offset quickly. One thread adds entries while any number of threads look up.
 *
 * <p>File layout ({@code <start>.idx}, written when the segment is sealed, always rebuildable from
 * the segment): magic "FIDX", start offset, end offset, entry count, entries (relative offset,
 * position as two ints), CRC32C of everything before it.
 */
final class OffsetIndex {

    private static final int MAGIC = 0x46494458;
    private static final int FILE_HEADER = 4 + 8 + 8 + 4;

    private final long startOffset;
    private final int interval;
    private volatile long[] entries = new long[16];
    private volatile int size;
    private int lastIndexedPosition = -1;

    OffsetIndex(long startOffset, int interval) {
        this.startOffset = startOffset;
        this.interval = interval;
    }

    /** Records the frame about to be written at {@code position} if the interval has passed. */
    void maybeAdd(long frameBaseOffset, int position) {
        if (lastIndexedPosition >= 0 && position - lastIndexedPosition < interval) {
            return;
        }
        long[] current = entries;
        int n = size;
        if (n == current.length) {
            current = Arrays.copyOf(current, n * 2);
            entries = current;
        }
        current[n] = ((frameBaseOffset - startOffset) << 32) | (position & 0xFFFFFFFFL);
        size = n + 1;
        lastIndexedPosition = position;
    }

    /** Byte position of the last indexed frame starting at or before {@code offset}, else 0. */
    int floorPosition(long offset) {
        int n = size;
        long[] current = entries;
        long rel = offset - startOffset;
        int lo = 0;
        int hi = n - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if ((current[mid] >> 32) <= rel) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found < 0 ? 0 : (int) current[found];
    }

    /** Offset of the frame indexed at byte {@code position}, or -1 if no entry has it. */
    long offsetAt(int position) {
        int n = size;
        long[] current = entries;
        int lo = 0;
        int hi = n - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int at = (int) current[mid];
            if (at < position) {
                lo = mid + 1;
            } else if (at > position) {
                hi = mid - 1;
            } else {
                return startOffset + (current[mid] >> 32);
            }
        }
        return -1;
    }

    /** Drops entries for frames at or after {@code offset}. Only while nobody adds entries. */
    void truncateTo(long offset) {
        int n = size;
        long[] current = entries;
        while (n > 0 && (current[n - 1] >> 32) >= offset - startOffset) {
            n--;
        }
        size = n;
        lastIndexedPosition = n == 0 ? -1 : (int) current[n - 1];
    }

    int size() {
        return size;
    }

    void writeTo(Path file, long endOffset) throws IOException {
        int n = size;
        long[] current = entries;
        ByteBuffer buf = ByteBuffer.allocate(FILE_HEADER + n * 8 + 4);
        buf.putInt(MAGIC).putLong(startOffset).putLong(endOffset).putInt(n);
        for (int i = 0; i < n; i++) {
            buf.putLong(current[i]);
        }
        CRC32C crc = new CRC32C();
        crc.update(buf.array(), 0, buf.position());
        buf.putInt((int) crc.getValue()).flip();
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch =
                FileChannel.open(
                        tmp,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE)) {
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Loads an index file, or returns empty when it is missing, damaged or describes another
     * segment (the caller then rebuilds it by scanning).
     */
    static Optional<OffsetIndex> load(Path file, long startOffset, long endOffset, int interval)
            throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (bytes.length < FILE_HEADER + 4) {
            return Optional.empty();
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        int n = buf.getInt(FILE_HEADER - 4);
        if (buf.getInt(0) != MAGIC
                || buf.getLong(4) != startOffset
                || buf.getLong(12) != endOffset
                || n < 0
                || bytes.length != FILE_HEADER + n * 8L + 4) {
            return Optional.empty();
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        if (buf.getInt(bytes.length - 4) != (int) crc.getValue()) {
            return Optional.empty();
        }
        OffsetIndex index = new OffsetIndex(startOffset, interval);
        long[] loaded = new long[Math.max(16, n)];
        buf.position(FILE_HEADER);
        for (int i = 0; i < n; i++) {
            loaded[i] = buf.getLong();
        }
        index.entries = loaded;
        index.size = n;
        index.lastIndexedPosition = n == 0 ? -1 : (int) loaded[n - 1];
        return Optional.of(index);
    }
}
