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

/**
 * Where readers get a claimed partition's records not yet in the bucket, as {@link
 * PartitionClaim#advertise} registers it. Immutable.
 *
 * @param claim the writer's claim on the partition
 * @param tailEndpoint the writer's tail endpoint ({@code host:port}), or null
 * @param walDirectory the partition's WAL directory, or null
 * @param walHolder the holder recorded in the WAL directory's lock file, or null
 * @param schemaVersion the version of the stream's value schema the writer writes
 */
public record Advertisement(
        PartitionClaim claim,
        String tailEndpoint,
        String walDirectory,
        String walHolder,
        int schemaVersion) {

    /** Where a writer of schema version 1 serves its records. */
    public Advertisement(
            PartitionClaim claim, String tailEndpoint, String walDirectory, String walHolder) {
        this(claim, tailEndpoint, walDirectory, walHolder, SchemaVersion.INITIAL);
    }
}
