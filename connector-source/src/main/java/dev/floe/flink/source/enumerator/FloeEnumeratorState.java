package dev.floe.flink.source.enumerator;

import dev.floe.flink.source.split.FloeSplit;
import java.util.List;
import org.apache.flink.annotation.Internal;

/**
 * The enumerator's checkpoint: whether the splits were planned, how many partitions the stream had
 * when they last were (partitions beyond are new), and the splits not yet assigned to a reader
 * (assigned ones are in the readers' state). Immutable.
 *
 * @param partitions the stream's partition count the splits cover; {@link #UNKNOWN_PARTITIONS} in
 *     state written before it was recorded
 */
@Internal
public record FloeEnumeratorState(boolean planned, int partitions, List<FloeSplit> unassigned) {

    /** The partition count of state that did not record it. */
    public static final int UNKNOWN_PARTITIONS = -1;

    public FloeEnumeratorState {
        unassigned = List.copyOf(unassigned);
    }

    public static FloeEnumeratorState initial() {
        return new FloeEnumeratorState(false, 0, List.of());
    }
}
