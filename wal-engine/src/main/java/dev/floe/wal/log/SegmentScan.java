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
 * The result of validating a segment file from its first byte: how many bytes hold whole, valid
 * frames with dense offsets, the offset after them, the index built on the way, and the first
 * problem if any. Immutable once returned.
 */
record SegmentScan(long validBytes, long endOffset, OffsetIndex index, String problem) {

    /** Validates every frame of the file (CRC and dense offsets), building its index. */
    static SegmentScan of(FileChannel channel, long startOffset, WalOptions options)
            throws IOException {
        FrameScanner scanner =
                new FrameScanner(channel, 0, options.readBufferBytes(), options.maxFrameBytes());
        OffsetIndex index = new OffsetIndex(startOffset, options.indexIntervalBytes());
        long next = startOffset;
        while (true) {
            Check check = scanner.next();
            long position = scanner.position();
            if (check == Check.VALID) {
                long base = RecordFrame.baseOffset(scanner.buffer(), scanner.frameStart());
                if (base != next) {
                    return new SegmentScan(
                            position,
                            next,
                            index,
                            "frame holds offset " + base + ", expected " + next);
                }
                index.maybeAdd(base, (int) position);
                next = RecordFrame.endOffset(scanner.buffer(), scanner.frameStart());
                scanner.advance();
            } else if (check == Check.INCOMPLETE && position == channel.size()) {
                return new SegmentScan(position, next, index, null);
            } else {
                return new SegmentScan(position, next, index, describe(check));
            }
        }
    }

    boolean clean() {
        return problem == null;
    }

    /**
     * Whether the damage looks like an interrupted write at the end of the file rather than
     * corruption: the bad frame is the last thing in the file, or only zeros follow it. The bad
     * frame ends where its header says if that is plausible, else after its header: after a power
     * loss the unwritten rest of a frame, its length field included, can read as zeros.
     */
    boolean isTornTail(FileChannel channel, int maxFrameBytes) throws IOException {
        long size = channel.size();
        ByteBuffer header = ByteBuffer.allocate(RecordFrame.RECORDS_OFFSET);
        channel.read(header, validBytes);
        if (header.position() < RecordFrame.RECORDS_OFFSET) {
            return true;
        }
        int length = header.getInt(RecordFrame.LENGTH_OFFSET);
        long frameEnd = validBytes + RecordFrame.RECORDS_OFFSET;
        if (header.get(0) == RecordFrame.MAGIC_V1 && length > 0 && length <= maxFrameBytes) {
            frameEnd = Math.max(frameEnd, validBytes + RecordFrame.LOG_OVERHEAD + (long) length);
        }
        return frameEnd >= size || onlyZerosFrom(channel, frameEnd, size);
    }

    private static boolean onlyZerosFrom(FileChannel channel, long from, long to)
            throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
        for (long pos = from; pos < to; ) {
            chunk.clear();
            int read = channel.read(chunk, pos);
            if (read <= 0) {
                break;
            }
            for (int i = 0; i < read; i++) {
                if (chunk.get(i) != 0) {
                    return false;
                }
            }
            pos += read;
        }
        return true;
    }

    static String describe(Check check) {
        return switch (check) {
            case VALID -> "valid";
            case INCOMPLETE -> "frame cut short by the end of the file";
            case BAD_MAGIC -> "unknown frame magic (not a frame start, or unwritten space)";
            case BAD_LENGTH -> "impossible frame length";
            case BAD_CRC -> "checksum mismatch";
        };
    }
}
