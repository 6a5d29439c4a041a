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
package dev.floe.wal.tier;

import dev.floe.wal.log.WriteAheadLog;
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.StreamConfig;
import dev.floe.wal.object.ObjectStore;
import dev.floe.wal.tier.parquet.ParquetObjectSchema;
import java.time.Clock;

/**
 * What the streaming and the pooled tierer share: the partition they tier from its writer's WAL,
 * where its Parquet objects go and how they are swapped in, and the {@link TieringProgress} they
 * report to the writer. Thread-safe.
 */
abstract class WalTieringBase implements PartitionTiering {

    protected final WriteAheadLog wal;
    protected final ManifestStore manifest;
    protected final ObjectStore store;
    protected final StreamConfig stream;
    protected final int partition;
    protected final long epoch;
    protected final TierOptions options;
    protected final ParquetObjectSchema schema;
    protected final ParquetSwapper swapper;
    protected final TieringProgress progress;

    /**
     * @param startOffset the first offset to tier, where the writer started (its committed end);
     *     everything below it is left to tiering from segment objects
     * @param values the schema of the values the writer writes, with its schema version
     * @param epoch the writer's epoch, compared by every swap
     * @param tableCommits where swaps are committed to the stream's table
     */
    protected WalTieringBase(
            WriteAheadLog wal,
            ManifestStore manifest,
            ObjectStore store,
            StreamConfig stream,
            ParquetObjectSchema values,
            int partition,
            long epoch,
            long startOffset,
            TierOptions options,
            TableCommits tableCommits,
            Clock clock) {
        this.wal = wal;
        this.manifest = manifest;
        this.store = store;
        this.stream = stream;
        this.partition = partition;
        this.epoch = epoch;
        this.options = options;
        this.schema = values;
        this.swapper =
                new ParquetSwapper(
                        manifest,
                        store,
                        stream.name(),
                        partition,
                        epoch,
                        options,
                        clock,
                        tableCommits);
        this.progress = new TieringProgress(stream.name() + "/" + partition, startOffset);
    }

    @Override
    public long floor() {
        return progress.floor();
    }

    @Override
    public long startOffset() {
        return progress.startOffset();
    }

    @Override
    public long tieredEnd() {
        return progress.tieredEnd();
    }

    @Override
    public long objectsTiered() {
        return progress.objectsTiered();
    }

    @Override
    public boolean isRunning() {
        return progress.isRunning();
    }
}
