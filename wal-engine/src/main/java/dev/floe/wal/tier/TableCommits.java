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

import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.object.ObjectStore;
import java.util.Map;

/**
 * What tiering tells a stream's table (its Iceberg table) after it swapped Parquet objects into the
 * manifest, so the table commits exactly those objects: once per swap, or once per batch of swaps
 * of one shared object. The manifest stays the truth; a table commit that fails is left to be
 * reconciled from the manifest, so implementations never throw. Implementations are thread-safe.
 */
public interface TableCommits {

    /** Commits nothing: streams without tables. */
    TableCommits NONE = (stream, swapped) -> {};

    /**
     * Called after {@code swapped} (each partition's new Parquet object) were swapped into the
     * manifest of {@code stream}.
     */
    void swapped(String stream, Map<Integer, ObjectDescriptor> swapped);

    /**
     * Brings the table of {@code stream} to the Parquet objects its manifest commits (after a crash
     * between a swap and its table commit, or when objects left the manifest), and expires old
     * table history: for a maintenance round.
     */
    default void maintain(String stream) {}

    /** Opens the table commits of tierers that write to one manifest and Parquet store. */
    @FunctionalInterface
    interface Factory {

        /** A factory of {@link #NONE}. */
        Factory NONE = (manifest, parquet) -> TableCommits.NONE;

        TableCommits open(ManifestStore manifest, ObjectStore parquet);
    }
}
