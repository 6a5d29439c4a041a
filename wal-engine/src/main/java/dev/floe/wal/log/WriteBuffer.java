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

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Frames appended since the last hand-over to the log's IO, with the points where a new segment
 * starts. The log fills one buffer while its IO writes the other. Guarded by the log's lock while
 * filled; owned by the IO while written.
 */
final class WriteBuffer {

    /** A new segment begins with the frame at {@code position}. */
    record Roll(int position, Segment segment) {}

    ByteBuffer bytes;
    final List<Roll> rolls = new ArrayList<>();
    private long endOffset;
    private long firstAppendNanos;
    private boolean timing;

    /** A buffer of {@code capacity} bytes to start with; {@link #grow} enlarges it. */
    WriteBuffer(int capacity) {
        this.bytes = ByteBuffer.allocateDirect(capacity);
    }

    /**
     * The capacity that makes room for {@code needed} more bytes by doubling the buffer, up to
     * {@code max} bytes; -1 if it is already that large. A log that receives little keeps a small
     * buffer, so many idle logs cost little memory.
     */
    int grownCapacity(int needed, int max) {
        int capacity = bytes.capacity();
        if (capacity >= max) {
            return -1;
        }
        return Math.min(max, Math.max(2 * capacity, bytes.position() + needed));
    }

    /** Enlarges the buffer to {@code capacity} bytes, keeping what it holds. */
    void growTo(int capacity) {
        ByteBuffer larger = ByteBuffer.allocateDirect(capacity);
        bytes.flip();
        larger.put(bytes);
        bytes = larger;
    }

    int capacity() {
        return bytes.capacity();
    }

    void reset(long nextOffset) {
        bytes.clear();
        rolls.clear();
        endOffset = nextOffset;
        timing = false;
    }

    boolean isEmpty() {
        return bytes.position() == 0 && rolls.isEmpty();
    }

    int remaining() {
        return bytes.remaining();
    }

    int size() {
        return bytes.position();
    }

    /** Notes the frame just written, ending before {@code end}. */
    void appended(long end, long nowNanos) {
        if (!timing) {
            firstAppendNanos = nowNanos;
            timing = true;
        }
        endOffset = end;
    }

    void roll(Segment segment) {
        rolls.add(new Roll(bytes.position(), segment));
    }

    /** Offset after the last record in this buffer. */
    long endOffset() {
        return endOffset;
    }

    /** When the oldest record in this buffer was appended ({@link System#nanoTime()}). */
    long firstAppendNanos() {
        return firstAppendNanos;
    }
}
