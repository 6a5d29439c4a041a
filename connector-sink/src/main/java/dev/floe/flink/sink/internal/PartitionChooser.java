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
package dev.floe.flink.sink.internal;

import dev.floe.flink.sink.FloeRouting;
import java.io.Serializable;
import org.apache.flink.annotation.Internal;

/**
 * The partition of an element under key-hash or custom routing, for a stream with a given number of
 * partitions: from the element's serialized key, or from the custom partitioner. The step that
 * sends elements to their partition's subtask and the writer both use it, so they agree. Used by
 * one thread per instance (a partitioner may keep state).
 */
@Internal
public final class PartitionChooser<T> implements Serializable {

    private static final long serialVersionUID = 1L;

    private final FloeRouting<T> routing;
    private final int partitions;

    public PartitionChooser(FloeRouting<T> routing, int partitions) {
        if (!routing.movesElements()) {
            throw new IllegalArgumentException(routing + " routing chooses no partition");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        this.routing = routing;
        this.partitions = partitions;
    }

    /** Whether {@link #partition} reads the element's serialized key. */
    public boolean needsKey() {
        return routing.mode() == FloeRouting.Mode.KEY_HASH;
    }

    public int partitions() {
        return partitions;
    }

    /**
     * @param element the element, not null
     * @param key the element's serialized key, read only when {@link #needsKey()}
     * @return a partition in {@code [0, partitions)}
     * @throws UnroutableException if the partitioner throws or returns a partition the stream does
     *     not have; the message says which
     */
    public int partition(T element, byte[] key) throws UnroutableException {
        if (needsKey()) {
            return FloeRouting.partitionOfKey(key, partitions);
        }
        int partition;
        try {
            partition = routing.partitioner().partition(element, partitions);
        } catch (Exception e) {
            throw new UnroutableException("the partitioner failed on it (" + e + ")", e);
        }
        if (partition < 0 || partition >= partitions) {
            throw new UnroutableException(
                    "the partitioner returned partition "
                            + partition
                            + " for a stream of "
                            + partitions
                            + " partitions (0 to "
                            + (partitions - 1)
                            + ")",
                    null);
        }
        return partition;
    }

    /** Why an element has no partition. Immutable. */
    public static final class UnroutableException extends Exception {

        private static final long serialVersionUID = 1L;

        UnroutableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
