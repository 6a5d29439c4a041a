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

import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.PartitionHead;
import dev.floe.wal.manifest.StreamConfig;
import dev.floe.wal.manifest.TieringClaim;
import dev.floe.wal.tier.TierOptions;
import dev.floe.wal.tier.TierStores;
import dev.floe.wal.tier.Tierer;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tiering of one partition by one reader of the tiering job, a round at a time: claim the
 * partition if this reader does not hold it yet, then compact its due segment objects with a {@link
 * Tierer} outside the writer. In a bounded job a partition no writer holds is tiered whatever its
 * size and age, and is finished once no segment object is left below its committed end. Not
 * thread-safe: used by the reader's tiering thread, closed after it stopped.
 */
final class PartitionTierer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionTierer.class);

    private final TieringSplit split;
    private final ManifestStore manifest;
    private final TierStores stores;
    private final TierOptions options;
    private final String owner;
    private final Duration leaseTtl;
    private final boolean bounded;
    private final Clock clock;
    private TieringClaim claim;
    private boolean toldClaimedElsewhere;
    private boolean finished;

    PartitionTierer(
            TieringSplit split,
            ManifestStore manifest,
            TierStores stores,
            TierOptions options,
            String owner,
            Duration leaseTtl,
            boolean bounded,
            Clock clock) {
        this.split = split;
        this.manifest = manifest;
        this.stores = stores;
        this.options = options;
        this.owner = owner;
        this.leaseTtl = leaseTtl;
        this.bounded = bounded;
        this.clock = clock;
    }

    TieringSplit split() {
        return split;
    }

    /** Whether a bounded job is done with this partition. */
    boolean finished() {
        return finished;
    }

    boolean holdsClaim() {
        return claim != null && claim.isAlive();
    }

    /**
     * One round of tiering.
     *
     * @return the Parquet objects this round swapped into the manifest
     */
    List<ObjectDescriptor> run() throws IOException {
        Optional<StreamConfig> stream = manifest.stream(split.stream());
        if (stream.isEmpty()) {
            // Deleted: a bounded job has nothing left to do; an unbounded one waits for it again.
            release();
            finished = bounded;
            return List.of();
        }
        if (!claimed()) {
            return List.of();
        }
        boolean writing = writerHolds();
        PartitionHead head = manifest.head(split.stream(), split.partition());
        List<ObjectDescriptor> tiered =
                Tierer.outsideWriter(
                                manifest,
                                stores,
                                stream.get(),
                                split.partition(),
                                head.epoch(),
                                options,
                                clock)
                        .tier(bounded && !writing);
        if (bounded && !writing) {
            finished = allTiered() && !writerHolds();
        }
        return tiered;
    }

    private boolean claimed() {
        if (holdsClaim()) {
            return true;
        }
        if (claim != null) {
            LOG.warn("Lost the {}; claiming the partition again", claim);
            release();
        }
        Optional<TieringClaim> taken =
                manifest.claimTiering(split.stream(), split.partition(), owner, leaseTtl);
        if (taken.isEmpty()) {
            if (!toldClaimedElsewhere) {
                LOG.info(
                        "{} is tiered by {}; trying again each round",
                        split,
                        manifest.tieringOwner(split.stream(), split.partition())
                                .orElse("another job"));
                toldClaimedElsewhere = true;
            }
            return false;
        }
        claim = taken.get();
        toldClaimedElsewhere = false;
        return true;
    }

    private boolean writerHolds() {
        return manifest.writer(split.stream(), split.partition()).isPresent();
    }

    private boolean allTiered() {
        long end = manifest.head(split.stream(), split.partition()).committedEnd();
        return manifest.objects(split.stream(), split.partition(), 0, end).stream()
                .noneMatch(o -> o.kind() == ObjectDescriptor.Kind.SEGMENT);
    }

    private void release() {
        if (claim != null) {
            claim.close();
            claim = null;
        }
    }

    @Override
    public void close() {
        release();
    }

    @Override
    public String toString() {
        return "tiering of " + split;
    }
}
