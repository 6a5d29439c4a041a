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

/**
 * One row group of a Parquet object, as its footer's statistics describe it. Immutable.
 *
 * @param index position of the row group in the object, from 0
 * @param partition the partition whose records the row group holds
 * @param rowCount records in the row group
 * @param startOffset first offset in the row group
 * @param endOffset offset after the last one in the row group
 * @param minTimestamp smallest record timestamp (ms)
 * @param maxTimestamp largest record timestamp (ms)
 * @param filePosition byte position of the row group's first column chunk
 * @param compressedBytes bytes of the row group's column chunks
 */
public record RowGroupInfo(
        int index,
        int partition,
        long rowCount,
        long startOffset,
        long endOffset,
        long minTimestamp,
        long maxTimestamp,
        long filePosition,
        long compressedBytes) {

    /** Whether the row group holds an offset in {@code [from, to)}. */
    public boolean overlapsOffsets(long from, long to) {
        return startOffset < to && endOffset > from;
    }

    /** Whether the row group may hold a timestamp in {@code [from, to)}. */
    public boolean overlapsTimestamps(long from, long to) {
        return minTimestamp < to && maxTimestamp >= from;
    }
}
