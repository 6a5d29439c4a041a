package dev.floe.wal.tier;

import dev.floe.wal.format.OffsetRangeSummary;
import dev.floe.wal.manifest.ObjectDescriptor;

/** The manifest descriptors of objects just written, from their writers' summaries. Stateless. */
public final class ObjectDescriptors {

    private ObjectDescriptors() {}

    /** The descriptor of object {@code key} of {@code sizeBytes}, written at {@code epoch}. */
    public static ObjectDescriptor of(
            ObjectDescriptor.Kind kind,
            String key,
            OffsetRangeSummary summary,
            long sizeBytes,
            long epoch) {
        return new ObjectDescriptor(
                kind,
                key,
                summary.startOffset(),
                summary.endOffset(),
                sizeBytes,
                summary.minTimestamp(),
                summary.maxTimestamp(),
                epoch);
    }
}
