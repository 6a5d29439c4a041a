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

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Lease-bound positions of a stream's named consumers. Implementations are thread-safe. */
public interface ConsumerRegistry {

    /**
     * Stores a consumer's positions of the given partitions (its other partitions keep theirs, so
     * readers of different partitions can each store their own) under a lease of {@code ttl},
     * renewed by each call.
     */
    void putConsumerPosition(
            String stream, String consumerId, Map<Integer, Long> offsets, Duration ttl);

    Optional<ConsumerPosition> consumerPosition(String stream, String consumerId);

    /** Positions of every consumer whose lease is alive. */
    List<ConsumerPosition> consumers(String stream);
}
