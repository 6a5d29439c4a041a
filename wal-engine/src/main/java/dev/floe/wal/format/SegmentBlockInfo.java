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

/**
 * One entry of a segment object's block index: where a block is, which offsets it holds and their
 * timestamp range, for planning reads and pruning by time. Immutable.
 *
 * @param firstOffset offset of the block's first record
 * @param recordCount records in the block, at least 1
 * @param position where the block's bytes start in the object
 * @param compressedLength bytes of the block in the object
 * @param uncompressedLength bytes of its frames once decompressed
 * @param minTimestamp smallest record timestamp (ms) in the block
 * @param maxTimestamp largest record timestamp (ms) in the block
 * @param crc CRC32C of the block's bytes in the object
 */
public record SegmentBlockInfo(
        long firstOffset,
        int recordCount,
        long position,
        int compressedLength,
        int uncompressedLength,
        long minTimestamp,
        long maxTimestamp,
        int crc) {

    /** Offset after the block's last record. */
    public long endOffset() {
        return firstOffset + recordCount;
    }

    /** Whether the block holds any offset of {@code [from, to)}; never for an empty range. */
    public boolean overlaps(long from, long to) {
        return from < to && firstOffset < to && endOffset() > from;
    }
}
