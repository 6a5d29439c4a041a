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

import java.util.Optional;

/**
 * Where each stream's Iceberg table metadata currently is: one pointer per stream, to the table's
 * current metadata file, changed only by compare-and-set on the pointer's revision, so that of two
 * commits based on the same metadata exactly one wins (Iceberg's optimistic concurrency).
 * Implementations are thread-safe.
 */
public interface TablePointers {

    /** The stream's table pointer, or empty while the stream has no table. */
    Optional<TablePointer> tablePointer(String stream);

    /**
     * Points the stream's table at {@code metadataLocation} if the pointer is still {@code
     * expected} (empty: the stream has no table yet). Returns false, changing nothing, if it is
     * not.
     *
     * @throws CommitStateUnknownException if the store did not answer and the outcome cannot be
     *     learned
     */
    boolean swapTablePointer(
            String stream, Optional<TablePointer> expected, String metadataLocation);
}
