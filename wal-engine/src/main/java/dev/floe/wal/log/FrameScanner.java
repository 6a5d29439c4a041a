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
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads frames one after another from a segment file through a bounded buffer, refilling from the
 * file as needed, so a file that is still growing can be followed. Used by recovery, index rebuilds
 * and tail readers. Not thread-safe.
 */
final class FrameScanner {

    private final FileChannel channel;
    private final int maxFrameSize;
    private ByteBuffer buf;
    private long bufferFilePosition;
    private int pos;
    private int limit;

    FrameScanner(FileChannel channel, long position, int bufferSize, int maxFrameSize) {
        this(channel, position, null, bufferSize, maxFrameSize);
    }

    /**
     * A scanner that reads through {@code lent}, a buffer its owner lends it (and uses for nothing
     * else meanwhile), or through one of {@code bufferSize} of its own when {@code lent} is null. A
     * frame larger than the buffer makes the scanner read through a larger one of its own.
     */
    FrameScanner(
            FileChannel channel, long position, ByteBuffer lent, int bufferSize, int maxFrameSize) {
        this.channel = channel;
        this.maxFrameSize = maxFrameSize;
        this.buf =
                lent != null && lent.capacity() >= RecordFrame.RECORDS_OFFSET
                        ? lent.clear()
                        : ByteBuffer.allocateDirect(
                                Math.max(bufferSize, RecordFrame.RECORDS_OFFSET));
        this.bufferFilePosition = position;
    }

    /**
     * Checks the frame at the current position, reading more of the file when the buffer holds only
     * part of it. {@link Check#INCOMPLETE} means the file ends inside (or right at) the frame.
     */
    Check next() throws IOException {
        while (true) {
            Check check = RecordFrame.check(buf, pos, limit, maxFrameSize);
            if (check != Check.INCOMPLETE || !fill()) {
                return check;
            }
        }
    }

    /** The buffer holding the current frame, which starts at {@link #frameStart()}. */
    ByteBuffer buffer() {
        return buf;
    }

    int frameStart() {
        return pos;
    }

    /** File position of the current frame. */
    long position() {
        return bufferFilePosition + pos;
    }

    /** Moves past the current frame, which must be {@link Check#VALID}. */
    void advance() {
        pos += RecordFrame.frameSize(buf, pos);
    }

    /** Continues from {@code position}, discarding buffered bytes. */
    void seek(long position) {
        bufferFilePosition = position;
        pos = 0;
        limit = 0;
    }

    private boolean fill() throws IOException {
        if (pos > 0) {
            buf.limit(limit).position(pos);
            buf.compact();
            bufferFilePosition += pos;
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.capacity()) {
            int needed = limit >= RecordFrame.RECORDS_OFFSET ? RecordFrame.frameSize(buf, 0) : 0;
            if (needed <= buf.capacity() || needed > maxFrameSize) {
                return false;
            }
            ByteBuffer larger = ByteBuffer.allocateDirect(needed);
            buf.limit(limit).position(0);
            larger.put(buf);
            buf = larger;
        }
        buf.limit(buf.capacity()).position(limit);
        int read = channel.read(buf, bufferFilePosition + limit);
        if (read <= 0) {
            return false;
        }
        limit += read;
        return true;
    }
}
