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
package dev.floe.wal.admin;

import dev.floe.wal.iceberg.FloeCatalog;
import dev.floe.wal.iceberg.IcebergReconcileReport;
import dev.floe.wal.iceberg.IcebergTableInfo;
import dev.floe.wal.iceberg.IcebergTables;
import dev.floe.wal.manifest.ConsumerPosition;
import dev.floe.wal.manifest.GcEntry;
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.SchemaHistory;
import dev.floe.wal.manifest.StreamConfig;
import dev.floe.wal.object.ObjectInfo;
import dev.floe.wal.object.ObjectStore;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.tier.BucketLayout;
import dev.floe.wal.tier.CommittedReader;
import dev.floe.wal.tier.GarbageCollector;
import dev.floe.wal.tier.OrphanCleaner;
import dev.floe.wal.tier.TierStores;
import dev.floe.wal.tier.parquet.ParquetObjectSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API of Floe, which every Floe tool uses: streams (list, describe, create, grow,
 * delete), partitions (heads, writers, consumer positions and lag), committed objects and where
 * other engines find their Parquet, committed records, and the maintenance runs {@link #verify} and
 * {@link #clean}, which return structured reports. Thread-safe.
 *
 * <p>Open it from {@link StoreSettings}, which it closes with itself, or {@linkplain #over over}
 * stores already open, which stay open:
 *
 * <pre>{@code
 * try (FloeAdmin admin = FloeAdmin.open(StoreSettings.embedded(Path.of("/tmp/floe")))) {
 *     admin.createStream(StreamConfig.of("orders", 4));
 *     for (ConsumerLag lag : admin.consumerLag("orders")) {
 *         System.out.println(lag.consumerId() + " p" + lag.partition() + ": " + lag.lag());
 *     }
 * }
 * }</pre>
 *
 * <p>A stream that does not exist is a {@link StreamNotFoundException}; a partition outside the
 * stream an {@link IllegalArgumentException}; a store that fails a {@link
 * dev.floe.wal.manifest.ManifestException} or an {@link IOException} naming the store.
 */
public final class FloeAdmin implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FloeAdmin.class);
    private static final AutoCloseable NOTHING = () -> {};

    private final TierStores stores;
    private final ManifestStore manifest;
    private final AutoCloseable owned;
    private final Clock clock;
    private final AtomicBoolean closed = new AtomicBoolean();
    private IcebergTables iceberg;

    private FloeAdmin(TierStores stores, ManifestStore manifest, AutoCloseable owned, Clock clock) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.manifest = Objects.requireNonNull(manifest, "manifest");
        this.owned = Objects.requireNonNull(owned, "owned");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Opens the stores the settings describe; {@link #close()} closes them.
     *
     * @throws IOException if an object store cannot be reached (the message names it)
     */
    public static FloeAdmin open(StoreSettings settings) throws IOException {
        FloeStores opened = FloeStores.open(Objects.requireNonNull(settings, "settings"));
        return new FloeAdmin(opened.tiers(), opened.manifest(), opened, Clock.systemUTC());
    }

    /** An admin over stores already open; they stay open when it closes. */
    public static FloeAdmin over(TierStores stores, ManifestStore manifest) {
        return new FloeAdmin(stores, manifest, NOTHING, Clock.systemUTC());
    }

    /**
     * An admin over stores already open that {@code owner} holds (such as a handle on stores shared
     * in a process); {@link #close()} closes {@code owner}.
     */
    public static FloeAdmin over(TierStores stores, ManifestStore manifest, AutoCloseable owner) {
        return new FloeAdmin(stores, manifest, owner, Clock.systemUTC());
    }

    /** An admin over open stores whose grace periods are measured with {@code clock}. */
    static FloeAdmin over(TierStores stores, ManifestStore manifest, Clock clock) {
        return new FloeAdmin(stores, manifest, NOTHING, clock);
    }

    /** Where the manifest and the objects are, for messages. */
    public StoreDescription describe() {
        return new StoreDescription(
                manifest.describe(), stores.segments().describe(), stores.parquet().describe());
    }

    // Streams

    /** Names of every stream, sorted. */
    public List<String> streamNames() {
        return manifest.streams();
    }

    /** Every stream with its committed records, by name. */
    public List<StreamInfo> listStreams() {
        List<StreamInfo> streams = new ArrayList<>();
        for (String name : manifest.streams()) {
            // A stream deleted since the names were read is left out.
            manifest.stream(name)
                    .ifPresent(s -> streams.add(new StreamInfo(s, sum(committedEnds(s)))));
        }
        return streams;
    }

    /** The stream's definition, or empty if there is no such stream. */
    public Optional<StreamConfig> findStream(String name) {
        return manifest.stream(name);
    }

    /** The stream's definition. */
    public StreamConfig stream(String name) {
        return manifest.stream(name)
                .orElseThrow(() -> new StreamNotFoundException(name, manifest.describe()));
    }

    /**
     * The versions of the stream's value schema, the creation schema first.
     *
     * @throws StreamNotFoundException if there is no such stream
     */
    public SchemaHistory schemaHistory(String name) {
        stream(name);
        return manifest.schemaHistory(name);
    }

    /**
     * The stream's definition, each partition's head and writer, its objects' totals and its value
     * schema history.
     */
    public StreamDescription describeStream(String name) {
        StreamConfig s = stream(name);
        List<PartitionInfo> partitions = new ArrayList<>();
        ObjectTotals segments = new ObjectTotals();
        ObjectTotals parquet = new ObjectTotals();
        for (int p = 0; p < s.partitions(); p++) {
            partitions.add(partitionInfo(name, p));
            for (ObjectDescriptor o : manifest.objects(name, p, 0, Long.MAX_VALUE)) {
                (o.kind() == ObjectDescriptor.Kind.SEGMENT ? segments : parquet).add(o);
            }
        }
        return new StreamDescription(
                s,
                partitions,
                segments.objects(),
                parquet.objects(),
                segments.bytes() + parquet.bytes(),
                manifest.schemaHistory(name));
    }

    /**
     * Creates a stream.
     *
     * @return the stored definition
     * @throws StreamExistsException if a stream of that name exists
     * @throws IllegalArgumentException if the value schema cannot be stored as Parquet columns
     */
    public StreamConfig createStream(StreamConfig definition) {
        if (definition.valueSchema() != null) {
            try {
                ParquetObjectSchema.forValueSchema(definition.valueSchema());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(
                        "the value schema of stream "
                                + definition.name()
                                + " is not usable: "
                                + e.getMessage(),
                        e);
            }
        }
        Optional<StreamConfig> existing = manifest.stream(definition.name());
        if (existing.isPresent()) {
            throw new StreamExistsException(existing.get());
        }
        StreamConfig stored = manifest.createStream(definition);
        if (!stored.equals(definition)) {
            throw new StreamExistsException(stored);
        }
        return stored;
    }

    /**
     * Raises the stream's partition count; the new partitions start empty. Asking for the count it
     * has changes nothing.
     *
     * @return the stored definition
     * @throws IllegalArgumentException if the stream has more partitions
     */
    public StreamConfig growStream(String name, int partitions) {
        StreamConfig current = stream(name);
        if (partitions < current.partitions()) {
            throw new IllegalArgumentException(
                    "stream "
                            + name
                            + " has "
                            + current.partitions()
                            + " partitions; a stream's partitions are never removed, so it"
                            + " cannot have "
                            + partitions);
        }
        return manifest.growPartitions(name, partitions);
    }

    /**
     * Deletes a stream: every object and unfinished upload under its prefix, its entries in the
     * deletion queue, then its manifest entries. A deletion cut short can be run again.
     *
     * @param force delete even while writers hold partitions (they will fail)
     * @throws StreamBusyException if a writer holds a partition and {@code force} is false
     */
    public DeletionReport deleteStream(String name, boolean force) throws IOException {
        List<PartitionInfo> written =
                partitions(name).stream().filter(p -> p.writer().isPresent()).toList();
        if (!written.isEmpty() && !force) {
            throw new StreamBusyException(name, written);
        }
        return StreamDeletion.delete(manifest, stores, name);
    }

    // Partitions

    /** Each partition's head and writer. */
    public List<PartitionInfo> partitions(String stream) {
        StreamConfig s = stream(stream);
        List<PartitionInfo> partitions = new ArrayList<>();
        for (int p = 0; p < s.partitions(); p++) {
            partitions.add(partitionInfo(stream, p));
        }
        return partitions;
    }

    /** One partition's head and writer. */
    public PartitionInfo partition(String stream, int partition) {
        checkPartition(stream(stream), partition);
        return partitionInfo(stream, partition);
    }

    /** The lag of every consumer whose registration is alive, consumer by consumer. */
    public List<ConsumerLag> consumerLag(String stream) {
        long[] ends = committedEnds(stream(stream));
        List<ConsumerLag> lags = new ArrayList<>();
        for (ConsumerPosition c : manifest.consumers(stream)) {
            lags.addAll(lag(c.consumerId(), c.offsets(), ends));
        }
        return lags;
    }

    /** One consumer's lag; without a stored position, each partition's position is empty. */
    public List<ConsumerLag> consumerLag(String stream, String consumerId) {
        long[] ends = committedEnds(stream(stream));
        Map<Integer, Long> offsets =
                manifest.consumerPosition(stream, consumerId)
                        .map(ConsumerPosition::offsets)
                        .orElse(Map.of());
        return lag(consumerId, offsets, ends);
    }

    // Objects and records

    /** The committed objects of every partition, partition by partition in offset order. */
    public List<CommittedObject> committedObjects(String stream) {
        StreamConfig s = stream(stream);
        List<CommittedObject> objects = new ArrayList<>();
        for (int p = 0; p < s.partitions(); p++) {
            objects.addAll(committedObjectsOf(stream, p));
        }
        return objects;
    }

    /** The committed objects of one partition, in offset order. */
    public List<CommittedObject> committedObjects(String stream, int partition) {
        checkPartition(stream(stream), partition);
        return committedObjectsOf(stream, partition);
    }

    /**
     * The committed Parquet objects of the stream, each once, with the partitions whose records
     * other engines read from it and where they find it.
     */
    public CommittedParquet committedParquet(String stream) {
        StreamConfig s = stream(stream);
        List<CommittedObject> committed = committedObjects(stream);
        long parquetRecords = 0;
        long segmentRecords = 0;
        for (CommittedObject o : committed) {
            if (o.descriptor().kind() == ObjectDescriptor.Kind.PARQUET) {
                parquetRecords += o.descriptor().recordCount();
            } else {
                segmentRecords += o.descriptor().recordCount();
            }
        }
        return new CommittedParquet(
                s, CommittedParquetObject.of(committed), parquetRecords, segmentRecords);
    }

    /**
     * The object under {@code key}, committed or not, looked up in the store of its kind (Parquet
     * for keys under a partition's {@code parquet/} prefix, segments otherwise).
     */
    public Optional<StoredObject> findObject(String key) throws IOException {
        ObjectDescriptor.Kind kind = BucketLayout.kindOf(key);
        ObjectStore store = stores.store(kind);
        return store.head(key)
                .map(
                        info ->
                                new StoredObject(
                                        kind,
                                        key,
                                        info.size(),
                                        info.lastModified(),
                                        store.location(key)));
    }

    /** Streams a committed object's bytes from its store. */
    public InputStream openObject(ObjectDescriptor object) throws IOException {
        return stores.store(object.kind()).open(object.key(), 0);
    }

    /**
     * Passes every committed record of {@code [from, to)} in the partition to {@code sink}, in
     * offset order, read from the objects as a reader would: values of a typed stream in the latest
     * version of its schema ({@link #schemaHistory}), whichever version wrote them.
     *
     * @throws IOException if the range is not committed, or an object is damaged
     */
    public void readRecords(
            String stream, int partition, long from, long to, Consumer<LoggedRecord> sink)
            throws IOException {
        checkPartition(stream(stream), partition);
        LatestValues latest = new LatestValues(manifest.schemaHistory(stream));
        try {
            new CommittedReader(manifest, stores, stream, partition)
                    .forEachWithObject(from, to, (object, r) -> sink.accept(latest.of(object, r)));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    // Maintenance

    /**
     * Checks that every committed record of the streams is in an intact object: the objects cover
     * each partition from offset 0 to its committed end without gap or overlap, and each exists
     * with the recorded size and (at {@link VerifyLevel#FULL}) reads back with its checksums.
     * Checks that every stream exists before checking any.
     */
    public VerifyReport verify(Collection<String> streams, VerifyLevel level) {
        List<StreamConfig> definitions = streams.stream().map(this::stream).toList();
        PartitionVerifier verifier = new PartitionVerifier(manifest, stores, level);
        List<VerifyReport.Partition> partitions = new ArrayList<>();
        ObjectTotals totals = new ObjectTotals();
        for (StreamConfig s : definitions) {
            for (int p = 0; p < s.partitions(); p++) {
                partitions.add(verifier.verify(s.name(), p, totals));
            }
        }
        List<VerifyReport.TableProblem> tableProblems = new ArrayList<>();
        for (StreamConfig s : definitions) {
            tableProblems.addAll(checkTable(s.name()));
        }
        return new VerifyReport(
                level,
                definitions.stream().map(StreamConfig::name).toList(),
                partitions,
                totals.objects(),
                totals.bytes(),
                tableProblems);
    }

    /**
     * The Iceberg catalog of the namespace: each stream with a table is a table of it. Loads read
     * the table pointer from the manifest and the metadata from the Parquet store; for engines and
     * the REST endpoint, which only read.
     */
    public FloeCatalog icebergCatalog() {
        return icebergTables().catalog();
    }

    /**
     * The stream's Iceberg table as it is now: metadata location, snapshots, live files; empty if
     * it has none (tiering has not committed yet, or it is turned off).
     *
     * @throws StreamNotFoundException if the stream does not exist
     */
    public Optional<IcebergTableInfo> icebergTable(String stream) {
        stream(stream);
        return icebergTables().describe(stream);
    }

    /**
     * Makes the stream's Iceberg table hold exactly the Parquet objects the manifest commits,
     * creating it if needed.
     *
     * @throws StreamNotFoundException if the stream does not exist
     */
    public IcebergReconcileReport reconcileIcebergTable(String stream) throws IOException {
        stream(stream);
        return icebergTables().reconcileTable(stream);
    }

    /**
     * Where the stream's table differs from its committed Parquet objects; none without a table.
     */
    private List<VerifyReport.TableProblem> checkTable(String stream) {
        Optional<Map<String, Set<Integer>>> live = icebergTables().liveFiles(stream);
        if (live.isEmpty()) {
            return List.of();
        }
        List<VerifyReport.TableProblem> problems = new ArrayList<>();
        Map<String, Set<Integer>> files = new HashMap<>(live.get());
        for (CommittedParquetObject o : committedParquet(stream).objects()) {
            String location = icebergTables().location(o.key());
            Set<Integer> hidden = files.remove(location);
            if (hidden == null) {
                problems.add(
                        new VerifyReport.TableProblem(
                                stream,
                                location,
                                "committed Parquet object of partitions "
                                        + o.partitions()
                                        + " is not in the Iceberg table"));
                continue;
            }
            List<Integer> hiddenButCommitted =
                    o.partitions().stream().filter(hidden::contains).toList();
            if (!hiddenButCommitted.isEmpty()) {
                problems.add(
                        new VerifyReport.TableProblem(
                                stream,
                                location,
                                "the Iceberg table hides the committed rows of partitions "
                                        + hiddenButCommitted));
            }
        }
        for (String location : files.keySet()) {
            problems.add(
                    new VerifyReport.TableProblem(
                            stream,
                            location,
                            "data file of the Iceberg table is not a committed Parquet object"));
        }
        return problems;
    }

    private synchronized IcebergTables icebergTables() {
        if (iceberg == null) {
            iceberg = new IcebergTables(manifest, stores.parquet());
        }
        return iceberg;
    }

    /** {@link #verify} of every stream. */
    public VerifyReport verifyAll(VerifyLevel level) {
        return verify(manifest.streams(), level);
    }

    /**
     * Finds, and with {@link CleanMode#DELETE} deletes, what the stream no longer needs: objects no
     * manifest references that are older than {@code grace}, unfinished uploads as old, and
     * superseded objects whose grace period has ended. Never touches a committed object, and keeps
     * segment objects the partition's current writer may still commit.
     *
     * @param grace how old an unreferenced object or upload must be; must exceed the longest
     *     checkpoint of any writer (its interval plus its timeout)
     */
    public CleanReport clean(String stream, Duration grace, CleanMode mode) throws IOException {
        stream(stream);
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace period must not be negative, got " + grace);
        }
        Instant now = clock.instant();
        List<GcEntry> due = manifest.gcDue(now, Integer.MAX_VALUE);
        List<GcEntry> ours =
                due.stream().filter(e -> e.objectKey().startsWith(stream + "/")).toList();
        OrphanCleaner.Report orphans =
                new OrphanCleaner(manifest, stores, grace, clock)
                        .clean(stream, mode == CleanMode.DRY_RUN);
        List<ObjectInfo> tableOrphans = icebergTables().unreferencedFiles(stream, now.minus(grace));
        if (mode == CleanMode.DELETE) {
            stores.parquet().delete(tableOrphans.stream().map(ObjectInfo::key).toList());
        }
        List<ObjectInfo> allOrphans = new ArrayList<>(orphans.orphans());
        allOrphans.addAll(tableOrphans);
        int deleted =
                mode == CleanMode.DELETE
                        ? new GarbageCollector(manifest, stores, clock).collect()
                        : 0;
        return new CleanReport(
                stream,
                mode,
                allOrphans,
                orphans.abandonedUploads(),
                orphans.awaitingCommit(),
                ours,
                due.size() - ours.size(),
                deleted);
    }

    /** Closes the stores this admin opened, or its owner's handle; idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                owned.close();
            } catch (Exception e) {
                LOG.warn(
                        "Could not close the stores of {}: {}", describe().summary(), e.toString());
            }
        }
    }

    private PartitionInfo partitionInfo(String stream, int partition) {
        return new PartitionInfo(
                stream,
                partition,
                manifest.head(stream, partition),
                manifest.writer(stream, partition));
    }

    private List<CommittedObject> committedObjectsOf(String stream, int partition) {
        long end = manifest.head(stream, partition).committedEnd();
        if (end == 0) {
            return List.of();
        }
        List<CommittedObject> objects = new ArrayList<>();
        for (ObjectDescriptor o : manifest.objects(stream, partition, 0, end)) {
            objects.add(
                    new CommittedObject(partition, o, stores.store(o.kind()).location(o.key())));
        }
        return objects;
    }

    private long[] committedEnds(StreamConfig s) {
        long[] ends = new long[s.partitions()];
        for (int p = 0; p < ends.length; p++) {
            ends[p] = manifest.head(s.name(), p).committedEnd();
        }
        return ends;
    }

    private static List<ConsumerLag> lag(
            String consumerId, Map<Integer, Long> offsets, long[] committedEnds) {
        List<ConsumerLag> lags = new ArrayList<>();
        for (int p = 0; p < committedEnds.length; p++) {
            Long position = offsets.get(p);
            lags.add(
                    new ConsumerLag(
                            consumerId,
                            p,
                            position == null ? OptionalLong.empty() : OptionalLong.of(position),
                            committedEnds[p]));
        }
        return lags;
    }

    private static long sum(long[] values) {
        long sum = 0;
        for (long v : values) {
            sum += v;
        }
        return sum;
    }

    private static void checkPartition(StreamConfig s, int partition) {
        if (!s.hasPartition(partition)) {
            throw new IllegalArgumentException(
                    "stream "
                            + s.name()
                            + " has partitions 0.."
                            + (s.partitions() - 1)
                            + ", not "
                            + partition);
        }
    }
}
