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
