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

import dev.floe.flink.connection.FloeConnection;
import dev.floe.flink.sink.FloeSinkOptions;
import dev.floe.wal.tier.PartitionTieringFactory;
import dev.floe.wal.tier.StreamingTierer;
import dev.floe.wal.tier.TierOptions;
import dev.floe.wal.tier.TieringPool;
import java.time.Clock;
import org.apache.flink.configuration.ReadableConfig;

/**
 * How a writer tiers its partitions from their WALs: a {@link StreamingTierer} each when it owns at
 * most {@code floe.sink.tier.streaming-partitions} of them, one {@link TieringPool} for all of them
 * otherwise. Stateless.
 */
final class WalTiering {

    private WalTiering() {}

    /**
     * The factory of the writer of {@code stream}'s subtask {@code subtask}, which owns {@code
     * partitions} partitions, or null if the writer does not tier. Close it after its partitions.
     */
    static PartitionTieringFactory forWriter(
            ReadableConfig config,
            TierOptions options,
            FloeConnection connection,
            String stream,
            int subtask,
            int partitions) {
        if (!SinkSettings.tiersInWriter(config)) {
            return null;
        }
        if (partitions <= config.get(FloeSinkOptions.TIER_STREAMING_PARTITIONS)) {
            return StreamingTierer.factory(
                    "floe-tier-" + stream + "-" + subtask,
                    connection.manifest(),
                    connection.stores().parquet(),
                    options,
                    Clock.systemUTC());
        }
        return new TieringPool(
                "floe-tier-pool-" + stream + "-" + subtask,
                config.get(FloeSinkOptions.TIER_THREADS),
                connection.manifest(),
                connection.stores().parquet(),
                options,
                Clock.systemUTC());
    }
}
