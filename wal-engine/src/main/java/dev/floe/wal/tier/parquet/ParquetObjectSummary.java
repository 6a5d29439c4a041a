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

import dev.floe.wal.format.OffsetRangeSummary;

/**
 * What {@link ParquetObjectWriter#finish()} wrote: enough for the object's manifest descriptor.
 * Immutable.
 *
 * @param rowCount records in the object
 * @param startOffset first offset in the object
 * @param endOffset offset after the last one in the object
 * @param minTimestamp smallest record timestamp (ms)
 * @param maxTimestamp largest record timestamp (ms)
 * @param sizeBytes size of the object
 * @param rowGroups number of Parquet row groups
 */
public record ParquetObjectSummary(
        long rowCount,
        long startOffset,
        long endOffset,
        long minTimestamp,
        long maxTimestamp,
        long sizeBytes,
        int rowGroups)
        implements OffsetRangeSummary {}
