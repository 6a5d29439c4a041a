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

import dev.floe.wal.manifest.ManifestException;
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.ObjectPosition;
import dev.floe.wal.manifest.ObjectRange;
import dev.floe.wal.manifest.SchemaVersion;
import dev.floe.wal.manifest.StreamConfig;
import dev.floe.wal.object.ObjectInfo;
import dev.floe.wal.object.ObjectStore;
import dev.floe.wal.tier.BucketLayout;
import dev.floe.wal.tier.TableCommits;
import dev.floe.wal.tier.parquet.ParquetObjectSchema;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.ManifestContent;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.ManifestFiles;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.io.CloseableIterable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Iceberg tables of a namespace's streams, kept equal to the manifest: tiering reports each
 * swap ({@link #swapped}) and the table appends exactly the swapped objects; {@link
 * #reconcileTable} compares all the stream's committed Parquet objects with the table's live data
 * files and commits the difference (after a crash between a swap and its table commit, a lost race,
 * retention or a deleted stream's objects). The first swap a process reports for a stream
 * reconciles it first. Tables are created on first use: format v2, no partition spec (objects may
 * hold several partitions; engines prune on column metrics, {@code _partition} and {@code
 * _timestamp} among them), metadata under {@code <stream>/iceberg/metadata/} in the Parquet store.
 * Thread-safe.
 */
public final class IcebergTables implements TableCommits {

    private static final Logger LOG = LoggerFactory.getLogger(IcebergTables.class);

    /** Metadata files kept besides the current one; older ones are deleted on commit. */
    static final int METADATA_VERSIONS_KEPT = 20;

    private final Duration snapshotRetention;
    private final ManifestStore manifest;
    private final ObjectStore store;
    private final ObjectStoreFileIO io;
    private final FloeCatalog catalog;
    private final Map<String, StreamTable> tables = new ConcurrentHashMap<>();
    private final Set<String> reconciled = ConcurrentHashMap.newKeySet();

    /**
     * @param manifest the manifest of the namespace, whose streams' tables these are
     * @param parquet the store of Parquet objects, where the tables' metadata goes too
     */
    public IcebergTables(ManifestStore manifest, ObjectStore parquet) {
        this(manifest, parquet, null);
    }

    private IcebergTables(ManifestStore manifest, ObjectStore parquet, Duration snapshotRetention) {
        this.snapshotRetention = snapshotRetention;
        this.manifest = manifest;
        this.store = parquet;
        this.io = new ObjectStoreFileIO(parquet);
        this.catalog = new FloeCatalog(manifest, io);
    }

    /**
     * Table commits for tierers: one {@link IcebergTables} per manifest and store the factory is
     * given, shared by every tierer it opens them for; {@link #maintain} keeps snapshots of {@code
     * snapshotRetention}.
     */
    public static TableCommits.Factory commits(Duration snapshotRetention) {
        Objects.requireNonNull(snapshotRetention, "snapshotRetention");
        Map<ManifestStore, Map<ObjectStore, IcebergTables>> opened = new IdentityHashMap<>();
        return (manifest, parquet) -> {
            synchronized (opened) {
                return opened.computeIfAbsent(manifest, m -> new IdentityHashMap<>())
                        .computeIfAbsent(
                                parquet, s -> new IcebergTables(manifest, s, snapshotRetention));
            }
        };
    }

    /** The Iceberg catalog of the namespace, for engines and the REST endpoint. */
    public FloeCatalog catalog() {
        return catalog;
    }

    /** The table of {@code stream}, if it has one. */
    public Optional<Table> load(String stream) {
        try {
            return Optional.of(catalog.loadTable(catalog.identifier(stream)));
        } catch (NoSuchTableException e) {
            return Optional.empty();
        }
    }

    /** The table of {@code stream} as it is now, if it has one. */
    public Optional<IcebergTableInfo> describe(String stream) {
        if (load(stream).isEmpty()) {
            return Optional.empty();
        }
        StreamTable.State state = table(stream).state();
        return Optional.of(
                new IcebergTableInfo(
                        stream,
                        state.metadataLocation(),
                        state.snapshots(),
                        state.snapshotId(),
                        state.files().size(),
                        state.deleteFiles(),
                        state.records()));
    }

    /**
     * The locations of the data files live in {@code stream}'s table, and for each the partitions
     * whose rows its delete files hide; empty if the stream has no table.
     */
    public Optional<Map<String, Set<Integer>>> liveFiles(String stream) {
        if (load(stream).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(table(stream).state().files());
    }

    /** The file IO of the tables, over the Parquet store. */
    public ObjectStoreFileIO io() {
        return io;
    }

    /** Where engines find the object under {@code key}, as the table names it. */
    public String location(String key) {
        return io.location(key);
    }

    /**
     * Makes {@code stream}'s table hold exactly the Parquet objects the manifest commits, creating
     * the table if needed.
     *
     * @throws ManifestException if the stream does not exist
     */
    public IcebergReconcileReport reconcileTable(String stream) throws IOException {
        StreamConfig config = manifest.requireStream(stream);
        TableSchemas.showAtLeast(
                table(stream).table(),
                manifest,
                stream,
                manifest.schemaHistory(stream).latest().version());
        StreamTable.Change change =
                table(stream).sync(() -> committedObjects(stream, config.partitions()), true);
        reconciled.add(stream);
        return new IcebergReconcileReport(
                stream,
                change.added(),
                change.removed(),
                change.deletesWritten(),
                change.snapshotId());
    }

    /** Every Parquet object the manifest commits, with the partitions referencing it. */
    private Map<String, StreamTable.Wanted> committedObjects(String stream, int partitions) {
        List<ObjectRange> ranges = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            ranges.add(new ObjectRange(p, 0, Long.MAX_VALUE));
        }
        List<List<ObjectDescriptor>> objects = manifest.objects(stream, ranges);
        Map<String, StreamTable.Wanted> wanted = new LinkedHashMap<>();
        for (int p = 0; p < objects.size(); p++) {
            for (ObjectDescriptor d : objects.get(p)) {
                if (d.kind() == ObjectDescriptor.Kind.PARQUET) {
                    int partition = p;
                    wanted.computeIfAbsent(
                                    d.key(),
                                    k -> new StreamTable.Wanted(k, d.sizeBytes(), new TreeSet<>()))
                            .partitions()
                            .add(partition);
                }
            }
        }
        return wanted;
    }

    /**
     * {@inheritDoc} Then expires the snapshots older than the retention this instance was given
     * ({@link #commits(Duration)}). Logs a failure, which the next swap or round retries.
     */
    @Override
    public void maintain(String stream) {
        try {
            reconcileTable(stream);
            if (snapshotRetention != null) {
                expireSnapshots(stream, snapshotRetention);
            }
        } catch (IOException | RuntimeException | LinkageError e) {
            // Never fails tiering: the manifest is the truth, the table is reconciled later, read
            // afresh (the stream may have been deleted and created again).
            reconciled.remove(stream);
            tables.remove(stream);
            LOG.warn(
                    "Could not reconcile the Iceberg table of stream {} with the manifest: {}",
                    stream,
                    e.toString());
        }
    }

    /**
     * Expires the snapshots of {@code stream}'s table committed more than {@code retention} ago,
     * always keeping the current one, and deletes the table's own files that only they used
     * (manifest lists, manifests, position delete files under {@code <stream>/iceberg/}); data
     * files are Floe's objects, which Floe's garbage collector deletes. Returns how many snapshots
     * were expired; none without a table.
     */
    public int expireSnapshots(String stream, Duration retention) {
        Optional<Table> found = load(stream);
        if (found.isEmpty()) {
            return 0;
        }
        Table table = found.get();
        int before = count(table.snapshots());
        String own = stream + "/iceberg/";
        table.expireSnapshots()
                .expireOlderThan(System.currentTimeMillis() - retention.toMillis())
                .retainLast(1)
                .deleteWith(
                        location -> {
                            if (io.contains(location) && io.key(location).startsWith(own)) {
                                io.deleteFile(location);
                            }
                        })
                .commit();
        int expired = before - count(table.snapshots());
        if (expired > 0) {
            LOG.info("Expired {} snapshots of the Iceberg table of stream {}", expired, stream);
        }
        return expired;
    }

    /**
     * The objects under {@code <stream>/iceberg/} that no metadata file, snapshot or manifest of
     * the table refers to and that were written before {@code cutoff}: left by commits whose
     * outcome was unknown or by a process that stopped while committing. The bucket is listed
     * before the table is read, so a file committed meanwhile is younger than any sensible cutoff.
     */
    public List<ObjectInfo> unreferencedFiles(String stream, Instant cutoff) throws IOException {
        List<ObjectInfo> listed = store.list(stream + "/iceberg/");
        Set<String> referenced = new HashSet<>();
        Optional<Table> found = load(stream);
        if (found.isPresent()) {
            Table table = found.get();
            TableMetadata metadata = ((HasTableOperations) table).operations().current();
            referenced.add(metadata.metadataFileLocation());
            metadata.previousFiles().forEach(e -> referenced.add(e.file()));
            for (Snapshot snapshot : table.snapshots()) {
                referenced.add(snapshot.manifestListLocation());
                for (ManifestFile manifest : snapshot.allManifests(io)) {
                    referenced.add(manifest.path());
                    if (manifest.content() == ManifestContent.DELETES) {
                        try (CloseableIterable<DeleteFile> deletes =
                                ManifestFiles.readDeleteManifest(
                                        manifest, io, metadata.specsById())) {
                            deletes.forEach(d -> referenced.add(d.location()));
                        }
                    }
                }
            }
        }
        return listed.stream()
                .filter(o -> o.lastModified().isBefore(cutoff))
                .filter(o -> !referenced.contains(io.location(o.key())))
                .toList();
    }

    private static int count(Iterable<?> items) {
        int n = 0;
        for (Object ignored : items) {
            n++;
        }
        return n;
    }

    @Override
    public void swapped(String stream, Map<Integer, ObjectDescriptor> swapped) {
        try {
            if (!reconciled.contains(stream)) {
                reconcileTable(stream);
                return;
            }
            int version =
                    swapped.values().stream()
                            .mapToInt(ObjectDescriptor::schemaVersion)
                            .max()
                            .orElse(SchemaVersion.INITIAL);
            TableSchemas.showAtLeast(table(stream).table(), manifest, stream, version);
            table(stream).sync(() -> wanted(stream, swapped), false);
        } catch (IOException | RuntimeException | LinkageError e) {
            // Never fails tiering: the manifest is the truth, the table is reconciled later, read
            // afresh (the stream may have been deleted and created again).
            reconciled.remove(stream);
            tables.remove(stream);
            LOG.warn(
                    "Could not commit {} Parquet objects to the Iceberg table of stream {}; the"
                            + " next swap or maintenance round reconciles it with the manifest: {}",
                    swapped.size(),
                    stream,
                    e.toString());
        }
    }

    /** The swapped objects, each with every partition the manifest has referencing it. */
    private Map<String, StreamTable.Wanted> wanted(
            String stream, Map<Integer, ObjectDescriptor> swapped) throws IOException {
        Map<String, StreamTable.Wanted> wanted = new LinkedHashMap<>();
        swapped.forEach(
                (p, d) ->
                        wanted.computeIfAbsent(
                                        d.key(),
                                        k ->
                                                new StreamTable.Wanted(
                                                        k, d.sizeBytes(), new TreeSet<>()))
                                .partitions()
                                .add(p));
        for (StreamTable.Wanted w : wanted.values()) {
            if (!BucketLayout.isSharedParquetKey(w.key())) {
                continue;
            }
            ObjectDataFile object = table(stream).object(w.key(), w.size());
            List<ObjectPosition> others = new ArrayList<>();
            object.startOffsets()
                    .forEach(
                            (p, start) -> {
                                if (!w.partitions().contains(p)) {
                                    others.add(new ObjectPosition(p, start));
                                }
                            });
            List<Optional<ObjectDescriptor>> found = manifest.objectsAt(stream, others);
            for (int i = 0; i < others.size(); i++) {
                if (found.get(i).filter(d -> d.key().equals(w.key())).isPresent()) {
                    w.partitions().add(others.get(i).partition());
                }
            }
        }
        return wanted;
    }

    private StreamTable table(String stream) {
        return tables.computeIfAbsent(stream, s -> new StreamTable(s, loadOrCreate(s), store, io));
    }

    private Table loadOrCreate(String stream) {
        Optional<Table> existing = load(stream);
        if (existing.isPresent()) {
            return existing.get();
        }
        // Created with version 1, which every committed object can be read as: later versions
        // follow through TableSchemas, which makes the fields older objects lack optional.
        StreamConfig config = manifest.requireStream(stream);
        int version = SchemaVersion.INITIAL;
        org.apache.iceberg.Schema schema =
                ParquetObjectSchema.forValueSchema(config.valueSchema()).icebergSchema();
        // Built directly rather than through buildTable(), which would number the fields afresh:
        // the table keeps the field IDs the Parquet objects carry.
        TableMetadata metadata =
                TableMetadata.buildFromEmpty(2)
                        .assignUUID()
                        .setLocation(catalog.tableLocation(stream))
                        .setCurrentSchema(schema, schema.highestFieldId())
                        .setDefaultPartitionSpec(PartitionSpec.unpartitioned())
                        .setDefaultSortOrder(SortOrder.unsorted())
                        .setProperties(
                                Map.of(
                                        TableProperties.METADATA_DELETE_AFTER_COMMIT_ENABLED,
                                        "true",
                                        TableProperties.METADATA_PREVIOUS_VERSIONS_MAX,
                                        String.valueOf(METADATA_VERSIONS_KEPT),
                                        // Floe's commits retry themselves, reading the
                                        // table and the manifest again (StreamTable).
                                        TableProperties.COMMIT_NUM_RETRIES,
                                        "0",
                                        TableSchemas.SCHEMA_VERSION,
                                        Integer.toString(version)))
                        .build();
        try {
            catalog.newTableOps(catalog.identifier(stream)).commit(null, metadata);
            LOG.info(
                    "Created the Iceberg table of stream {} at {}",
                    stream,
                    catalog.tableLocation(stream));
            return catalog.loadTable(catalog.identifier(stream));
        } catch (AlreadyExistsException e) {
            return catalog.loadTable(catalog.identifier(stream));
        }
    }
}
