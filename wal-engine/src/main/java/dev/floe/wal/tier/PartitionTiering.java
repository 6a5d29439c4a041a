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

import java.util.concurrent.CompletableFuture;

/**
 * Tiering of one partition from its writer's local WAL into Parquet objects, while the writer
 * appends: what the writer tells it (seal boundaries, the end of its input) and what it asks of it
 * (how much of the WAL to keep, how far tiering got). Objects end only at seal boundaries and are
 * swapped into the manifest once their range is committed, fenced by the writer's epoch; the range
 * below {@link #startOffset()}, and everything once {@link #isRunning()} turns false, is left to
 * tiering from segment objects. Implementations are thread-safe.
 *
 * <p>{@link StreamingTierer} gives a partition a thread of its own; {@link TieringPool} tiers many
 * partitions on a few shared threads.
 */
public interface PartitionTiering extends AutoCloseable {

    /**
     * Records that a segment object ends at {@code endOffset}, so an object may end there. Call it
     * before any record at or after {@code endOffset} is appended.
     */
    void sealed(long endOffset);

    /**
     * Ends tiering at {@code endOffset}, a seal boundary (the end of a bounded job). The future
     * completes once everything below it is Parquet in the manifest, or fails if tiering stopped.
     */
    CompletableFuture<Void> finish(long endOffset);

    /**
     * The first offset tiering may still read from the WAL: the log must keep it and after. {@link
     * Long#MAX_VALUE} once tiering stopped.
     */
    long floor();

    /** Where tiering started: ranges below it are tiered from segment objects. */
    long startOffset();

    /** The end of the last Parquet object swapped in. */
    long tieredEnd();

    /** Parquet objects swapped in so far. */
    long objectsTiered();

    /** False once tiering stopped on an error it cannot retry, a fenced swap, or close. */
    boolean isRunning();

    /** Stops tiering; an object in progress is aborted and a pending finish fails. */
    @Override
    void close();
}
