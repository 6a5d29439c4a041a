package dev.floe.wal.tier;

import dev.floe.wal.format.SegmentObjectSummary;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.tier.parquet.ParquetObjectSummary;

/** The manifest descriptors of objects just written, from their writers' summaries. Stateless. */
public final class ObjectDescriptors {

    private ObjectDescriptors() {}

    /**
     * The descriptor of segment object {@code key} of {@code sizeBytes}, written at {@code epoch}.
     */
    public static ObjectDescriptor segment(
            String key, SegmentObjectSummary summary, long sizeBytes, long epoch) {
        return new ObjectDescriptor(
                ObjectDescriptor.Kind.SEGMENT,
                key,
                summary.startOffset(),
                summary.endOffset(),
                sizeBytes,
                summary.minTimestamp(),
                summary.maxTimestamp(),
                epoch);
    }

    /**
     * The descriptor of Parquet object {@code key} of {@code sizeBytes}, written at {@code epoch}.
     */
    public static ObjectDescriptor parquet(
            String key, ParquetObjectSummary summary, long sizeBytes, long epoch) {
        return new ObjectDescriptor(
                ObjectDescriptor.Kind.PARQUET,
                key,
                summary.startOffset(),
                summary.endOffset(),
                sizeBytes,
                summary.minTimestamp(),
                summary.maxTimestamp(),
                epoch);
    }
}
