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
import org.apache.flink.annotation.PublicEvolving;

/**
 * Chooses the partition of an element for {@link FloeRouting#custom}. It is called once before the
 * element moves to the sink subtask that owns the partition, and once more in that subtask to pick
 * the partition's log, so it must be deterministic and cheap. It sees the element, not its
 * serialized record: the element is serialized once, by the writer. Instances are used by one
 * thread each.
 *
 * @param <T> the element type
 */
@PublicEvolving
@FunctionalInterface
public interface FloePartitioner<T> extends Serializable {

    /**
     * @param element the element, never null
     * @param partitions the stream's number of partitions
     * @return a partition in {@code [0, partitions)}; anything else, or an exception, is a routing
     *     error that {@link FloeSinkOptions#INVALID_RECORDS} decides on
     */
    int partition(T element, int partitions);
}
