package dev.floe.flink.source.split;

import org.apache.flink.annotation.Internal;

/**
 * A split being read: the offset after the last record emitted, and whether the timestamp skip of a
 * start by timestamp is still on. Used by the reader's main thread only.
 */
@Internal
public final class FloeSplitState {

    private final FloeSplit split;
    private long nextOffset;
    private long skipBeforeTimestamp;

    public FloeSplitState(FloeSplit split) {
        this.split = split;
        this.nextOffset = split.nextOffset();
        this.skipBeforeTimestamp = split.skipBeforeTimestamp();
    }

    /** Whether a record with this timestamp is emitted; the first one that is ends the skip. */
    public boolean admits(long timestamp) {
        if (timestamp < skipBeforeTimestamp) {
            return false;
        }
        skipBeforeTimestamp = FloeSplit.NO_TIMESTAMP;
        return true;
    }

    public void advancedPast(long offset) {
        nextOffset = offset + 1;
    }

    public FloeSplit toSplit() {
        return split.at(nextOffset, skipBeforeTimestamp);
    }
}
