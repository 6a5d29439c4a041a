/*
 * Copyright 2026 The Floe Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
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
