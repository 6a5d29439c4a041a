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
