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
package dev.floe.wal.admin;

import java.util.OptionalLong;

/**
 * How far a named consumer is behind in one partition, from the position its source stored at its
 * last completed checkpoint. Immutable.
 *
 * @param consumerId the consumer's name
 * @param partition the partition
 * @param position the next offset the consumer will read, if it stored one for this partition
 * @param committedEnd the partition's committed end
 */
public record ConsumerLag(
        String consumerId, int partition, OptionalLong position, long committedEnd) {

    /** Committed records the consumer has not read yet; empty without a position. */
    public OptionalLong lag() {
        return position.isPresent()
                ? OptionalLong.of(Math.max(0, committedEnd - position.getAsLong()))
                : OptionalLong.empty();
    }
}
