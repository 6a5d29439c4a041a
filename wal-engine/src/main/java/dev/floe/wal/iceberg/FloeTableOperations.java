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

import dev.floe.wal.manifest.TablePointer;
import dev.floe.wal.manifest.TablePointers;
import java.util.Optional;
import org.apache.iceberg.BaseMetastoreTableOperations;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.io.FileIO;

/**
 * The table operations of one stream's Iceberg table: the current metadata file is the one the
 * stream's table pointer in the manifest names, and a commit writes a new metadata file, then moves
 * the pointer by compare-and-set on the revision it was read at. A lost race is a {@link
 * CommitFailedException} (Iceberg refreshes and retries); an unanswered one a {@link
 * CommitStateUnknownException}. Thread-safe as Iceberg's base operations are (callers serialise
 * commits on a table object).
 */
final class FloeTableOperations extends BaseMetastoreTableOperations {

    private final TablePointers pointers;
    private final FileIO io;
    private final String stream;
    private final String tableName;
    private volatile TablePointer pointer;

    FloeTableOperations(TablePointers pointers, FileIO io, String stream, String tableName) {
        this.pointers = pointers;
        this.io = io;
        this.stream = stream;
        this.tableName = tableName;
    }

    @Override
    protected String tableName() {
        return tableName;
    }

    @Override
    public FileIO io() {
        return io;
    }

    @Override
    protected void doRefresh() {
        Optional<TablePointer> found = pointers.tablePointer(stream);
        if (found.isEmpty()) {
            pointer = null;
            if (currentMetadataLocation() != null) {
                throw new NoSuchTableException(
                        "Table %s was dropped: stream %s has no table pointer any more",
                        tableName, stream);
            }
            disableRefresh();
            return;
        }
        pointer = found.get();
        refreshFromMetadataLocation(pointer.metadataLocation());
    }

    @Override
    protected void doCommit(TableMetadata base, TableMetadata metadata) {
        Optional<TablePointer> expected = Optional.empty();
        if (base != null) {
            TablePointer read = pointer;
            if (read == null || !read.metadataLocation().equals(base.metadataFileLocation())) {
                throw new CommitFailedException(
                        "Cannot commit to %s: its metadata changed since %s was read",
                        tableName, base.metadataFileLocation());
            }
            expected = Optional.of(read);
        }
        String location = writeNewMetadataIfRequired(base == null, metadata);
        boolean moved;
        try {
            moved = pointers.swapTablePointer(stream, expected, location);
        } catch (dev.floe.wal.manifest.CommitStateUnknownException e) {
            throw new CommitStateUnknownException(e);
        }
        if (!moved) {
            io.deleteFile(location);
            if (base == null) {
                throw new AlreadyExistsException("Table %s exists", tableName);
            }
            throw new CommitFailedException(
                    "Cannot commit to %s: another commit moved its metadata pointer first",
                    tableName);
        }
        pointer = null;
    }
}
