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

    public int partition() {
        return split.partition();
    }

    public void advancedPast(long offset) {
        nextOffset = offset + 1;
    }

    public FloeSplit toSplit() {
        return split.at(nextOffset, skipBeforeTimestamp);
    }
}
