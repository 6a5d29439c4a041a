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

import java.util.List;
import java.util.Optional;

/** The definitions of a namespace's streams. Implementations are thread-safe. */
public interface StreamCatalog {

    /** Creates the stream unless it exists; returns the definition that is stored. */
    StreamConfig createStream(StreamConfig config);

    Optional<StreamConfig> stream(String name);

    /**
     * Raises the stream's partition count to {@code partitions}: the new partitions start empty.
     * Partitions are never removed; asking for the count the stream has changes nothing.
     *
     * @return the stored definition
     * @throws ManifestException if the stream does not exist or has more partitions
     */
    StreamConfig growPartitions(String stream, int partitions);

    /**
     * The versions of the stream's value schema, oldest first. Version 1 is the schema the stream
     * was created with ({@link StreamConfig#valueSchema()}); a stream that never changed its schema
     * has only that one.
     *
     * @throws ManifestException if the stream does not exist
     */
    SchemaHistory schemaHistory(String stream);

    /**
     * Adds {@code next} to the stream's schema history if its version is the one after the newest
     * (compare-and-set). Callers check compatibility first ({@link SchemaEvolution}).
     *
     * @return false, changing nothing, if another writer registered that version first
     * @throws ManifestException if the stream does not exist
     */
    boolean registerSchema(String stream, SchemaVersion next);

    /** Names of all streams, sorted. */
    List<String> streams();

    /**
     * Removes every key of the stream (definition, heads, object descriptors, writer and consumer
     * registrations, restore points), the definition last, so a deletion cut short leaves a stream
     * that can be deleted again. Objects in the bucket and entries of the deletion queue are left
     * to the caller. Returns false if the stream did not exist.
     */
    boolean deleteStream(String name);
}
