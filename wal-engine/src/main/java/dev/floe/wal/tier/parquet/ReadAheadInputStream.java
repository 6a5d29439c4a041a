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
package dev.floe.wal.tier.parquet;

import dev.floe.wal.format.RangeSource;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A seekable stream over a {@link RangeSource}. A small read fetches a whole window of {@code
 * readAheadBytes} from the source (near the end of the object, the last window, so the footer and
 * page indexes arrive in one request); a read at least that large goes to the source directly. Not
 * thread-safe.
 */
final class ReadAheadInputStream extends SeekableInputStream {

    private final RangeSource source;
    private final String objectName;
    private final long size;
    private final int readAheadBytes;
    private byte[] window = new byte[0];
    private long windowStart;
    private long position;

    ReadAheadInputStream(RangeSource source, String objectName, long size, int readAheadBytes) {
        this.source = source;
        this.objectName = objectName;
        this.size = size;
        this.readAheadBytes = readAheadBytes;
    }

    @Override
    public long getPos() {
        return position;
    }

    @Override
    public void seek(long newPosition) throws IOException {
        if (newPosition < 0 || newPosition > size) {
            throw new EOFException(
                    "object "
                            + objectName
                            + ": cannot seek to "
                            + newPosition
                            + ", its size is "
                            + size);
        }
        position = newPosition;
    }

    @Override
    public long skip(long n) {
        long skipped = Math.max(0, Math.min(n, size - position));
        position += skipped;
        return skipped;
    }

    @Override
    public int available() {
        long inWindow = windowStart + window.length - position;
        return (int) Math.max(0, Math.min(inWindow, Integer.MAX_VALUE));
    }

    @Override
    public int read() throws IOException {
        if (position >= size) {
            return -1;
        }
        byte[] one = new byte[1];
        readFully(one, 0, 1);
        return one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (position >= size) {
            return -1;
        }
        int n = (int) Math.min(length, size - position);
        readFully(bytes, offset, n);
        return n;
    }

    @Override
    public void readFully(byte[] bytes) throws IOException {
        readFully(bytes, 0, bytes.length);
    }

    @Override
    public void readFully(byte[] bytes, int offset, int length) throws IOException {
        if (length > size - position) {
            throw new EOFException(
                    "object "
                            + objectName
                            + ": cannot read "
                            + length
                            + " bytes at "
                            + position
                            + ", its size is "
                            + size);
        }
        while (length > 0) {
            int copied = copyFromWindow(bytes, offset, length);
            offset += copied;
            length -= copied;
            if (length == 0) {
                return;
            }
            if (length >= readAheadBytes) {
                byte[] direct = fetch(position, length);
                System.arraycopy(direct, 0, bytes, offset, length);
                position += length;
                return;
            }
            fillWindow();
        }
    }

    @Override
    public int read(ByteBuffer buffer) throws IOException {
        if (!buffer.hasRemaining()) {
            return 0;
        }
        if (position >= size) {
            return -1;
        }
        int n = (int) Math.min(buffer.remaining(), size - position);
        readInto(buffer, n);
        return n;
    }

    @Override
    public void readFully(ByteBuffer buffer) throws IOException {
        readInto(buffer, buffer.remaining());
    }

    @Override
    public void close() {
        window = new byte[0];
    }

    private void readInto(ByteBuffer buffer, int length) throws IOException {
        if (buffer.hasArray()) {
            readFully(buffer.array(), buffer.arrayOffset() + buffer.position(), length);
            buffer.position(buffer.position() + length);
        } else {
            byte[] bytes = new byte[length];
            readFully(bytes, 0, length);
            buffer.put(bytes);
        }
    }

    private int copyFromWindow(byte[] bytes, int offset, int length) {
        long inWindow = windowStart + window.length - position;
        if (position < windowStart || inWindow <= 0) {
            return 0;
        }
        int n = (int) Math.min(length, inWindow);
        System.arraycopy(window, (int) (position - windowStart), bytes, offset, n);
        position += n;
        return n;
    }

    private void fillWindow() throws IOException {
        long end = Math.min(size, position + readAheadBytes);
        long start = Math.max(0, Math.min(position, end - readAheadBytes));
        window = fetch(start, (int) (end - start));
        windowStart = start;
    }

    private byte[] fetch(long at, int length) throws IOException {
        byte[] bytes = source.read(at, length);
        if (bytes.length != length) {
            throw new EOFException(
                    "object "
                            + objectName
                            + ": asked for "
                            + length
                            + " bytes at "
                            + at
                            + " and got "
                            + bytes.length
                            + "; was it changed or truncated after it was written?");
        }
        return bytes;
    }
}
