package dev.floe.flink.source.split;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * A range of one partition to read: from {@code nextOffset} up to {@code stopOffset} (exclusive;
 * {@link #UNBOUNDED} follows the partition's commits forever). Records with a timestamp below
 * {@code skipBeforeTimestamp} are skipped until the first one at or after it (a start by
 * timestamp). Immutable.
 */
@Internal
public record FloeSplit(
        String stream, int partition, long nextOffset, long stopOffset, long skipBeforeTimestamp)
        implements SourceSplit {

    public static final long UNBOUNDED = Long.MAX_VALUE;
    public static final long NO_TIMESTAMP = Long.MIN_VALUE;

    public FloeSplit {
        if (nextOffset < 0 || stopOffset < nextOffset) {
            throw new IllegalArgumentException(
                    "split of "
                            + stream
                            + "/"
                            + partition
                            + " needs 0 <= next <= stop, got "
                            + nextOffset
                            + " and "
                            + stopOffset);
        }
    }

    @Override
    public String splitId() {
        return stream + "/" + partition;
    }

    public boolean bounded() {
        return stopOffset != UNBOUNDED;
    }

    /** The same split, continuing at {@code offset}. */
    public FloeSplit at(long offset, long skipBeforeTimestamp) {
        return new FloeSplit(stream, partition, offset, stopOffset, skipBeforeTimestamp);
    }
}
