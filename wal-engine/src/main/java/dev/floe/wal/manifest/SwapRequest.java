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

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One partition's swap in {@link PartitionCommits#swapAll}: the arguments of {@link
 * PartitionCommits#swap(String, int, SwapFence, List, ObjectDescriptor, Instant)}. Immutable.
 */
public record SwapRequest(
        int partition,
        SwapFence fence,
        List<ObjectDescriptor> replaced,
        ObjectDescriptor replacement,
        Instant deleteReplacedAfter) {

    public SwapRequest {
        Objects.requireNonNull(fence, "fence");
        replaced = List.copyOf(replaced);
        Objects.requireNonNull(replacement, "replacement");
        Objects.requireNonNull(deleteReplacedAfter, "deleteReplacedAfter");
    }
}
