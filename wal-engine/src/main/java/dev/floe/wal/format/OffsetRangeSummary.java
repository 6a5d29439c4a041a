package dev.floe.wal.format;

/** The offsets and timestamps an object just written holds, as its writer reports them. */
public interface OffsetRangeSummary {

    /** First offset in the object. */
    long startOffset();

    /** Offset after the last one in the object. */
    long endOffset();

    /** Smallest record timestamp (ms). */
    long minTimestamp();

    /** Largest record timestamp (ms). */
    long maxTimestamp();
}
