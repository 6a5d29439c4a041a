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
package dev.floe.flink.sink;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;
import org.apache.flink.annotation.PublicEvolving;

/**
 * How a {@link FloeSink} picks each record's partition: {@link #bySubtask()} (the default), {@link
 * #byKeyHash()} or {@link #custom(FloePartitioner)}. Subtask {@code s} of a sink with parallelism
 * {@code n} owns the partitions {@code p} with {@code p % n == s}; every mode but by-subtask sends
 * each element to the subtask that owns its partition before it is written. Immutable and
 * serializable.
 *
 * @param <T> the element type
 */
@PublicEvolving
public final class FloeRouting<T> implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The routing modes; {@link FloeSinkOptions#PARTITIONER} names one. */
    public enum Mode {
        /** {@link FloeRouting#bySubtask()}. */
        BY_SUBTASK,
        /** {@link FloeRouting#byKeyHash()}. */
        KEY_HASH,
        /** {@link FloeRouting#custom(FloePartitioner)}; set on the builder only. */
        CUSTOM
    }

    private final Mode mode;
    private final FloePartitioner<T> partitioner;

    private FloeRouting(Mode mode, FloePartitioner<T> partitioner) {
        this.mode = mode;
        this.partitioner = partitioner;
    }

    /**
     * Each subtask writes the records it receives to the partitions it owns, spreading them over
     * those partitions in turn; no records move between subtasks. Needs at least as many partitions
     * as sink subtasks.
     */
    public static <T> FloeRouting<T> bySubtask() {
        return new FloeRouting<>(Mode.BY_SUBTASK, null);
    }

    /**
     * The partition is {@link #partitionOfKey} of the record's key as the serializer writes it
     * ({@link FloeRecordSerializer#serializeKey}), so all records of a key go to one partition, in
     * order. Records without key go to partition 0.
     */
    public static <T> FloeRouting<T> byKeyHash() {
        return new FloeRouting<>(Mode.KEY_HASH, null);
    }

    /** The partition is what {@code partitioner} returns for the element. */
    public static <T> FloeRouting<T> custom(FloePartitioner<T> partitioner) {
        return new FloeRouting<>(Mode.CUSTOM, Objects.requireNonNull(partitioner, "partitioner"));
    }

    public Mode mode() {
        return mode;
    }

    /** The partitioner of {@link Mode#CUSTOM}; null in the other modes. */
    public FloePartitioner<T> partitioner() {
        return partitioner;
    }

    /** Whether elements move to the subtask owning their partition before they are written. */
    public boolean movesElements() {
        return mode != Mode.BY_SUBTASK;
    }

    /**
     * The partition {@link #byKeyHash()} gives a record key among {@code partitions}: 0 for a null
     * key. Readers use it to find the partition of a key.
     */
    public static int partitionOfKey(byte[] key, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        return key == null ? 0 : Math.floorMod(Arrays.hashCode(key) * 0x9E3779B1, partitions);
    }

    @Override
    public String toString() {
        return mode.name();
    }
}
