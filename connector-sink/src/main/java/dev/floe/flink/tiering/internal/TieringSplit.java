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
package dev.floe.flink.tiering.internal;

import java.util.Objects;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One partition of one stream to tier, the unit the tiering job's enumerator hands to its readers.
 * It has no progress of its own: the manifest says what is tiered. Immutable.
 */
@Internal
public final class TieringSplit implements SourceSplit {

    private final String stream;
    private final int partition;

    public TieringSplit(String stream, int partition) {
        this.stream = Objects.requireNonNull(stream, "stream");
        if (partition < 0) {
            throw new IllegalArgumentException("partition must not be negative, got " + partition);
        }
        this.partition = partition;
    }

    public String stream() {
        return stream;
    }

    public int partition() {
        return partition;
    }

    @Override
    public String splitId() {
        return stream + "/" + partition;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TieringSplit other
                && partition == other.partition
                && stream.equals(other.stream);
    }

    @Override
    public int hashCode() {
        return 31 * stream.hashCode() + partition;
    }

    @Override
    public String toString() {
        return splitId();
    }
}
