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
 * What reconciling a stream's table with the manifest changed. Immutable.
 *
 * @param stream the stream
 * @param added data files added: committed Parquet objects the table lacked
 * @param removed data files removed: objects the manifest no longer commits
 * @param deleteFilesWritten position delete files written for shared objects
 * @param snapshotId the table's current snapshot after reconciling, or null if it has none
 */
public record IcebergReconcileReport(
        String stream, int added, int removed, int deleteFilesWritten, Long snapshotId) {

    /** Whether the table already held exactly the committed objects. */
    public boolean unchanged() {
        return added == 0 && removed == 0 && deleteFilesWritten == 0;
    }
}
