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
