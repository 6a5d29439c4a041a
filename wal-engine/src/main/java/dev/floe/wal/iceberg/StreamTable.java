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

import dev.floe.wal.object.ObjectStore;
import dev.floe.wal.retry.Backoff;
import dev.floe.wal.tier.BucketLayout;
import dev.floe.wal.tier.parquet.ParquetObjectSchema;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.RowDelta;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings one stream's Iceberg table to what the manifest commits: each committed Parquet object a
 * data file, once; of a shared object, the rows of partitions that do not reference it hidden by a
 * position delete file (named after the partitions it hides). Each change is one row-delta commit
 * validated against every commit made since the files were read, so two processes never add a file
 * twice: the loser reads the table again and commits what is still missing. Thread-safe: one change
 * at a time per table in the JVM, whichever instance makes it.
 */
final class StreamTable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamTable.class);

    /** Pauses between commits that lost a race: jittered, so racing processes fall apart. */
    private static final Backoff.Policy RACES =
            Backoff.exponential(Duration.ofMillis(20), Duration.ofSeconds(1))
                    .withJitter(0.9)
                    .withBudget(Duration.ofMinutes(1));

    /**
     * A committed Parquet object the table must hold.
     *
     * @param key the object's key
     * @param size its size in bytes
     * @param partitions the partitions whose descriptors reference it
     */
    record Wanted(String key, long size, Set<Integer> partitions) {}

    /** What one sync changed. */
    record Change(int added, int removed, int deletesWritten, Long snapshotId) {
        boolean none() {
            return added == 0 && removed == 0 && deletesWritten == 0;
        }
    }

    /** One lock per table location: the commits of a table from this JVM, one at a time. */
    private static final ConcurrentMap<String, ReentrantLock> COMMIT_TURNS =
            new ConcurrentHashMap<>();

    private final String stream;
    private final Table table;
    private final ObjectStore store;
    private final ObjectStoreFileIO io;
    private final LiveFiles live = new LiveFiles();
    private final Map<String, ObjectDataFile> sharedObjects = new HashMap<>();

    StreamTable(String stream, Table table, ObjectStore store, ObjectStoreFileIO io) {
        this.stream = stream;
        this.table = table;
        this.store = store;
        this.io = io;
    }

    Table table() {
        return table;
    }

    /**
     * The table as it is now, read again: its metadata and live files.
     *
     * @param metadataLocation the current metadata file
     * @param snapshots snapshots the metadata holds
     * @param snapshotId the current snapshot, or null before the first commit
     * @param files each live data file's location, with the partitions its delete files hide
     * @param records rows in the live data files, hidden ones included
     * @param deleteFiles live delete files
     */
    record State(
            String metadataLocation,
            int snapshots,
            Long snapshotId,
            Map<String, Set<Integer>> files,
            long records,
            long deleteFiles) {}

    /** The table as it is now. */
    synchronized State state() {
        table.refresh();
        live.update(table);
        Map<String, Set<Integer>> files = new LinkedHashMap<>();
        long records = 0;
        for (DataFile f : live.data().values()) {
            files.put(f.location(), hidden(live.deletesOf(f.location())));
            records += f.recordCount();
        }
        int snapshots = 0;
        for (Snapshot ignored : table.snapshots()) {
            snapshots++;
        }
        return new State(
                ((HasTableOperations) table).operations().current().metadataFileLocation(),
                snapshots,
                live.snapshotId(),
                files,
                records,
                live.deleteFileCount());
    }

    /** Reads the objects the table must hold from the manifest. */
    @FunctionalInterface
    interface WantedObjects {
        Map<String, Wanted> read() throws IOException;
    }

    /**
     * Commits the objects {@code wanted} reads; with {@code complete}, also removes every data file
     * not wanted (the manifest no longer commits it). Each attempt reads the table first, then the
     * manifest: a file in the table then was swapped in before, so the manifest read after it shows
     * whether it is still committed, and whatever commits come after fail the attempt's validation.
     */
    synchronized Change sync(WantedObjects wanted, boolean complete) throws IOException {
        // Writers of one stream in one JVM take turns rather than race: each would read the
        // table, write its manifests and lose to the other's commit, then pause and do it again.
        ReentrantLock turn =
                COMMIT_TURNS.computeIfAbsent(table.location(), l -> new ReentrantLock());
        turn.lock();
        try {
            return syncInTurn(wanted, complete);
        } finally {
            turn.unlock();
        }
    }

    private Change syncInTurn(WantedObjects wanted, boolean complete) throws IOException {
        Backoff backoff = RACES.start();
        long started = System.nanoTime();
        while (true) {
            table.refresh();
            live.update(table);
            Plan plan = plan(wanted.read(), complete);
            if (plan.none()) {
                return new Change(0, 0, 0, live.snapshotId());
            }
            RowDelta delta = table.newRowDelta();
            plan.addRows.forEach(delta::addRows);
            plan.removeRows.forEach(delta::removeRows);
            plan.addDeletes.forEach(delta::addDeletes);
            plan.removeDeletes.forEach(delta::removeDeletes);
            if (live.snapshotId() != null) {
                delta.validateFromSnapshot(live.snapshotId());
            }
            delta.conflictDetectionFilter(complete ? Expressions.alwaysTrue() : plan.filter)
                    .validateNoConflictingDataFiles()
                    .validateNoConflictingDeleteFiles();
            if (!plan.removeRows.isEmpty() || !plan.removeDeletes.isEmpty()) {
                delta.validateDeletedFiles();
            }
            if (!plan.existingTargets.isEmpty()) {
                delta.validateDataFilesExist(plan.existingTargets);
            }
            try {
                delta.commit();
                Change change =
                        new Change(
                                plan.addRows.size(),
                                plan.removeRows.size(),
                                plan.addDeletes.size(),
                                table.currentSnapshot().snapshotId());
                LOG.info(
                        "Iceberg table of stream {}: added {} data files, removed {}, wrote {}"
                                + " delete files (snapshot {}) in {} ms",
                        stream,
                        change.added(),
                        change.removed(),
                        change.deletesWritten(),
                        change.snapshotId(),
                        (System.nanoTime() - started) / 1_000_000);
                return change;
            } catch (ValidationException | CommitFailedException e) {
                io.deleteFiles(plan.addDeletes);
                LOG.debug(
                        "Iceberg commit to stream {} raced ({}); trying again",
                        stream,
                        e.toString());
                if (!backoff.pauseUnlessInterrupted()) {
                    throw new CommitFailedException(
                            e,
                            "Iceberg table of stream %s: commits kept losing races for %s",
                            stream,
                            backoff.elapsed());
                }
            }
        }
    }

    /** The object under {@code key}, as a data file; shared objects are read once. */
    synchronized ObjectDataFile object(String key, long size) throws IOException {
        ObjectDataFile object = sharedObjects.get(key);
        if (object == null) {
            object = ObjectDataFile.read(store, io, key, size);
            if (BucketLayout.isSharedParquetKey(key)) {
                sharedObjects.put(key, object);
            }
        }
        return object;
    }

    /** The changes that bring the table to {@code wanted}. */
    private Plan plan(Map<String, Wanted> wanted, boolean complete) throws IOException {
        Plan plan = new Plan();
        Set<Integer> partitions = new TreeSet<>();
        Set<String> wantedLocations = new HashSet<>();
        for (Wanted w : wanted.values()) {
            partitions.addAll(w.partitions());
            String location = io.location(w.key());
            wantedLocations.add(location);
            DataFile existing = live.data().get(location);
            boolean shared = BucketLayout.isSharedParquetKey(w.key());
            if (existing != null && !shared) {
                continue;
            }
            ObjectDataFile object = object(w.key(), w.size());
            partitions.addAll(object.partitions());
            Set<Integer> hide = new TreeSet<>(object.partitions());
            hide.removeAll(w.partitions());
            List<DeleteFile> current = live.deletesOf(location);
            if (existing == null) {
                plan.addRows.add(object.dataFile());
            } else if (hidden(current).equals(hide)) {
                continue;
            } else {
                plan.removeDeletes.addAll(current);
                plan.existingTargets.add(location);
            }
            if (!hide.isEmpty()) {
                plan.addDeletes.add(writeDeletes(object, location, hide));
            }
        }
        if (complete) {
            sharedObjects.keySet().retainAll(wanted.keySet());
            for (DataFile f : live.data().values()) {
                if (!wantedLocations.contains(f.location())) {
                    plan.removeRows.add(f);
                    plan.removeDeletes.addAll(live.deletesOf(f.location()));
                }
            }
        }
        plan.filter =
                partitions.isEmpty()
                        ? Expressions.alwaysTrue()
                        : Expressions.in(ParquetObjectSchema.PARTITION, partitions);
        return plan;
    }

    private DeleteFile writeDeletes(ObjectDataFile object, String location, Set<Integer> hide)
            throws IOException {
        List<long[]> ranges = new ArrayList<>();
        for (int p : hide) {
            ranges.add(object.rows().get(p));
        }
        ranges.sort((a, b) -> Long.compare(a[0], b[0]));
        return PositionDeletes.write(
                store, io, stream, location, ranges, HiddenPartitions.encode(hide));
    }

    /** The partitions the delete files {@code deletes} hide, by their names. */
    static Set<Integer> hidden(List<DeleteFile> deletes) {
        Set<Integer> hidden = new TreeSet<>();
        for (DeleteFile d : deletes) {
            hidden.addAll(HiddenPartitions.of(d.location()));
        }
        return hidden;
    }

    /** The files one commit adds and removes. Not thread-safe. */
    private static final class Plan {
        final List<DataFile> addRows = new ArrayList<>();
        final List<DataFile> removeRows = new ArrayList<>();
        final List<DeleteFile> addDeletes = new ArrayList<>();
        final List<DeleteFile> removeDeletes = new ArrayList<>();
        final List<String> existingTargets = new ArrayList<>();
        Expression filter;

        boolean none() {
            return addRows.isEmpty()
                    && removeRows.isEmpty()
                    && addDeletes.isEmpty()
                    && removeDeletes.isEmpty();
        }
    }
}
