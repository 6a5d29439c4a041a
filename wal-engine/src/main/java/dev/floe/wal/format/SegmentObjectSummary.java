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
 * What a segment object holds, as its footer records it: the offset range, timestamps and sizes.
 * Immutable.
 *
 * @param startOffset first offset in the object
 * @param endOffset offset after the last one
 * @param recordCount {@code endOffset - startOffset}
 * @param minTimestamp smallest record timestamp (ms)
 * @param maxTimestamp largest record timestamp (ms)
 * @param blockCount number of compressed blocks
 * @param sizeBytes size of the whole object
 * @param uncompressedBytes size of all blocks' frames before compression
 * @param compression how the blocks are compressed
 */
public record SegmentObjectSummary(
        long startOffset,
        long endOffset,
        long recordCount,
        long minTimestamp,
        long maxTimestamp,
        int blockCount,
        long sizeBytes,
        long uncompressedBytes,
        Compression compression)
        implements OffsetRangeSummary {}
