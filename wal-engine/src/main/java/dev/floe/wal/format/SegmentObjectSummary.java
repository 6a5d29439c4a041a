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
