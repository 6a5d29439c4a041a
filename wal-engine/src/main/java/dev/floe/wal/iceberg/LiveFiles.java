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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;

/**
 * The live files of a table at one snapshot: its data files by location, and the delete files that
 * apply to each. Brought up to date by replaying the snapshots committed since (each snapshot's
 * added and removed files), or by a full scan when that history is gone. Not thread-safe.
 */
final class LiveFiles {

    private Long snapshotId;
    private final Map<String, DataFile> data = new HashMap<>();
    private final Map<String, List<DeleteFile>> deletes = new HashMap<>();

    /** Brings the files up to {@code table}'s current snapshot. */
    void update(Table table) {
        Snapshot current = table.currentSnapshot();
        Long currentId = current == null ? null : current.snapshotId();
        if (Objects.equals(currentId, snapshotId) && (currentId != null || data.isEmpty())) {
            return;
        }
        List<Snapshot> since = since(table, current);
        if (since == null) {
            rescan(table);
        } else {
            for (Snapshot s : since) {
                apply(table, s);
            }
        }
        snapshotId = currentId;
    }

    /** The snapshot the files are of, or null for an empty table. */
    Long snapshotId() {
        return snapshotId;
    }

    Map<String, DataFile> data() {
        return data;
    }

    /** The delete files applying to the data file at {@code location}. */
    List<DeleteFile> deletesOf(String location) {
        return deletes.getOrDefault(location, List.of());
    }

    /** How many delete files are live. */
    long deleteFileCount() {
        return deletes.values().stream()
                .flatMap(List::stream)
                .map(DeleteFile::location)
                .distinct()
                .count();
    }

    /** The snapshots after the known one up to {@code current}, oldest first; null if unknown. */
    private List<Snapshot> since(Table table, Snapshot current) {
        if (snapshotId == null) {
            return null;
        }
        List<Snapshot> newest = new ArrayList<>();
        Snapshot s = current;
        while (s != null && s.snapshotId() != snapshotId) {
            newest.add(s);
            s = s.parentId() == null ? null : table.snapshot(s.parentId());
        }
        if (s == null) {
            return null;
        }
        Collections.reverse(newest);
        return newest;
    }

    private void apply(Table table, Snapshot s) {
        for (DataFile f : s.removedDataFiles(table.io())) {
            data.remove(f.location());
            deletes.remove(f.location());
        }
        for (DataFile f : s.addedDataFiles(table.io())) {
            data.put(f.location(), f.copyWithoutStats());
        }
        for (DeleteFile f : s.removedDeleteFiles(table.io())) {
            String target = f.referencedDataFile();
            if (target != null) {
                deletes.computeIfPresent(
                        target,
                        (k, v) -> {
                            List<DeleteFile> kept = new ArrayList<>(v);
                            kept.removeIf(d -> d.location().equals(f.location()));
                            return kept.isEmpty() ? null : kept;
                        });
            }
        }
        for (DeleteFile f : s.addedDeleteFiles(table.io())) {
            String target = f.referencedDataFile();
            if (target != null) {
                deletes.computeIfAbsent(target, k -> new ArrayList<>()).add(f.copyWithoutStats());
            }
        }
    }

    private void rescan(Table table) {
        data.clear();
        deletes.clear();
        try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
            for (FileScanTask task : tasks) {
                data.put(task.file().location(), task.file().copyWithoutStats());
                if (!task.deletes().isEmpty()) {
                    deletes.put(task.file().location(), new ArrayList<>(task.deletes()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot scan table " + table.name(), e);
        }
    }
}
