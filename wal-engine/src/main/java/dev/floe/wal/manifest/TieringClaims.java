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
import java.util.Optional;

/**
 * Which process tiers each partition, for tiering done outside the partition's writer (the tiering
 * job): a lease-bound claim per partition, taken only when no other process holds it, so that two
 * tiering processes never compact the same partition at once. The claim saves duplicate work;
 * correctness does not depend on it, since every swap compares the objects it replaces.
 * Implementations are thread-safe.
 */
public interface TieringClaims {

    /**
     * Claims the tiering of a partition for {@code owner}, under a lease of {@code leaseTtl} kept
     * alive in the background until the claim is closed. Empty, changing nothing, while another
     * claim on the partition lives (even one of the same owner name).
     *
     * @throws ManifestException if the stream or partition does not exist
     */
    Optional<TieringClaim> claimTiering(
            String stream, int partition, String owner, Duration leaseTtl);

    /** The owner of the partition's tiering claim, while its lease is alive. */
    Optional<String> tieringOwner(String stream, int partition);
}
