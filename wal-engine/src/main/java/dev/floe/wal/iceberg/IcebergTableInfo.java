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
package dev.floe.wal.iceberg;

/**
 * A stream's Iceberg table as it is now. Immutable.
 *
 * @param stream the stream
 * @param metadataLocation the table's current metadata file: what {@code iceberg_scan} and engines
 *     open
 * @param snapshots snapshots the metadata holds
 * @param currentSnapshotId the current snapshot, or null before the first commit
 * @param dataFiles live data files (committed Parquet objects)
 * @param deleteFiles live position delete files (rows of shared objects that other partitions'
 *     manifests do not reference)
 * @param records rows in the live data files, including rows the delete files hide
 */
public record IcebergTableInfo(
        String stream,
        String metadataLocation,
        int snapshots,
        Long currentSnapshotId,
        long dataFiles,
        long deleteFiles,
        long records) {}
