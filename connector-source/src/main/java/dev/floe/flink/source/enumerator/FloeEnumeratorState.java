package dev.floe.flink.source.enumerator;

import dev.floe.flink.source.split.FloeSplit;
import java.util.List;
import org.apache.flink.annotation.Internal;

/**
 * The enumerator's checkpoint: whether the splits were planned, and those not yet assigned to a
 * reader (assigned ones are in the readers' state). Immutable.
 */
@Internal
public record FloeEnumeratorState(boolean planned, List<FloeSplit> unassigned) {

    public FloeEnumeratorState {
        unassigned = List.copyOf(unassigned);
    }

    public static FloeEnumeratorState initial() {
        return new FloeEnumeratorState(false, List.of());
    }
}
