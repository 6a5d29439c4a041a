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
import dev.floe.wal.manifest.StreamConfig;
import dev.floe.wal.tier.parquet.ParquetObjectSchema;

/**
 * Starts the tiering of a writer's partitions from their WALs, all into the same manifest and
 * Parquet store with the same options. Close it after the tiering it started; what it shares (the
 * threads of a {@link TieringPool}) stops then. Thread-safe.
 */
@FunctionalInterface
public interface PartitionTieringFactory extends AutoCloseable {

    /**
     * Starts tiering {@code stream}/{@code partition} from {@code wal} at {@code startOffset}, the
     * partition's committed end when the writer took it at {@code epoch}; the writer writes values
     * of {@code values}, the schema (and schema version) of its Parquet objects.
     */
    PartitionTiering start(
            WriteAheadLog wal,
            StreamConfig stream,
            ParquetObjectSchema values,
            int partition,
            long epoch,
            long startOffset);

    /**
     * Waits until the swaps the tiering it started made so far are committed to the streams' tables
     * (or their commits failed, left to reconciliation); at once by default.
     */
    default void awaitTableCommits() throws InterruptedException {}

    /** Stops what the tiering it started shares; nothing by default. */
    @Override
    default void close() {}
}
