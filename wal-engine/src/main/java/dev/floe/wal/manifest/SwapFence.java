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
package dev.floe.wal.manifest;

import java.util.OptionalLong;

/**
 * What a compaction swap ({@link PartitionCommits#swap}) must find besides the replaced objects
 * unchanged. A swap always compares the revision of every object it replaces, so it never drops an
 * object that changed since it was read. {@link #writerEpoch} also requires the partition's writer
 * epoch, for the writer's own tiering, which stops once a newer writer takes the partition. {@link
 * #replacedObjectsOnly} requires nothing else, for a process that is not the writer (the tiering
 * job): its replacement is derived from exactly the objects it replaces, so their revisions are
 * enough, and its swaps go through while the writer commits. Immutable and thread-safe.
 */
public final class SwapFence {

    private static final SwapFence REPLACED_OBJECTS_ONLY = new SwapFence(OptionalLong.empty());

    private final OptionalLong writerEpoch;

    private SwapFence(OptionalLong writerEpoch) {
        this.writerEpoch = writerEpoch;
    }

    /** The swap also requires the partition's epoch to be {@code epoch}, until it commits. */
    public static SwapFence writerEpoch(long epoch) {
        return new SwapFence(OptionalLong.of(epoch));
    }

    /** The swap requires only the replaced objects unchanged, whatever the writer epoch. */
    public static SwapFence replacedObjectsOnly() {
        return REPLACED_OBJECTS_ONLY;
    }

    /** Whether a swap may go ahead on a partition whose head is {@code head}. */
    public boolean admits(PartitionHead head) {
        return writerEpoch.isEmpty() || writerEpoch.getAsLong() == head.epoch();
    }

    /** Whether the swap's transaction also compares the head, so that a new epoch refuses it. */
    public boolean comparesHead() {
        return writerEpoch.isPresent();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SwapFence other && writerEpoch.equals(other.writerEpoch);
    }

    @Override
    public int hashCode() {
        return writerEpoch.hashCode();
    }

    @Override
    public String toString() {
        return writerEpoch.isPresent()
                ? "writer epoch " + writerEpoch.getAsLong()
                : "replaced objects only";
    }
}
