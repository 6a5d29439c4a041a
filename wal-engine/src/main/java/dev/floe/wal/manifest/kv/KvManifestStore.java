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
package dev.floe.wal.manifest.kv;

import dev.floe.wal.error.FloeException;
import dev.floe.wal.manifest.Advertisement;
import dev.floe.wal.manifest.CommitRequest;
import dev.floe.wal.manifest.CommitResult;
import dev.floe.wal.manifest.CommitStateUnknownException;
import dev.floe.wal.manifest.ConsumerPosition;
import dev.floe.wal.manifest.GcEntry;
import dev.floe.wal.manifest.ManifestEvent;
import dev.floe.wal.manifest.ManifestException;
import dev.floe.wal.manifest.ManifestKeys;
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.ObjectPosition;
import dev.floe.wal.manifest.ObjectRange;
import dev.floe.wal.manifest.PartitionClaim;
import dev.floe.wal.manifest.PartitionHead;
import dev.floe.wal.manifest.SchemaHistory;
import dev.floe.wal.manifest.SchemaVersion;
import dev.floe.wal.manifest.StreamConfig;
import dev.floe.wal.manifest.SwapFence;
import dev.floe.wal.manifest.SwapRequest;
import dev.floe.wal.manifest.TablePointer;
import dev.floe.wal.manifest.TieringClaim;
import dev.floe.wal.manifest.WriterInfo;
import dev.floe.wal.retry.Backoff;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ManifestStore}, written once over a {@link KvStore} (etcd or embedded) with the key
 * layout of {@link ManifestKeys} and small JSON values. Owns the key-value store and closes it.
 * Thread-safe.
 */
public final class KvManifestStore implements ManifestStore {

    private static final Logger LOG = LoggerFactory.getLogger(KvManifestStore.class);
    private static final int ACQUIRE_ATTEMPTS = 32;

    /** Partitions taken in one transaction: a head and a writer key each. */
    private static final int ACQUIRE_BATCH = KvStore.MAX_TXN_OPS / 2;

    private static final int GC_DELETES_PER_TXN = KvStore.MAX_TXN_OPS;

    /** Pauses between attempts to read back a change whose request got no answer. */
    private static final Backoff.Policy READ_BACK =
            Backoff.exponential(Duration.ofMillis(50), Duration.ofSeconds(1));

    private final KvStore kv;
    private final ManifestKeys keys;
    private final ManifestCodec codec;
    private final KvCommitter committer;
    private final KvSwapper swapper;
    private final KvTieringClaims tieringClaims;
    private final Map<String, VersionedHead> lastHeads = new ConcurrentHashMap<>();

    /**
     * @param kv the store, owned from now on
     * @param keys the key layout of the namespace
     * @param resolveTimeout how long to read back a commit whose request got no answer
     */
    public KvManifestStore(KvStore kv, ManifestKeys keys, Duration resolveTimeout) {
        this.kv = kv;
        this.keys = keys;
        this.codec = new ManifestCodec(kv.describe());
        Backoff.Policy readBack = READ_BACK.withBudget(resolveTimeout);
        this.committer =
                new KvCommitter(kv, keys, codec, lastHeads, readBack, this::requirePartition);
        this.swapper = new KvSwapper(kv, keys, codec, readBack);
        this.tieringClaims = new KvTieringClaims(kv, keys, codec, this::requirePartition);
    }

    @Override
    public StreamConfig createStream(StreamConfig config) {
        Objects.requireNonNull(config, "config");
        String key = keys.config(config.name());
        KvTxnResult r =
                kv.txn(
                        List.of(KvCompare.absent(key)),
                        List.of(KvOp.put(key, codec.encode(config))),
                        List.of(KvOp.get(key)));
        if (r.succeeded()) {
            LOG.info("{}: created stream {}", kv.describe(), config);
            return config;
        }
        StreamConfig existing = codec.decode(r.single(0), StreamConfig.class);
        if (existing.partitions() != config.partitions()) {
            throw new ManifestException(
                    kv.describe()
                            + ": stream "
                            + config.name()
                            + " exists with "
                            + existing.partitions()
                            + " partitions, not "
                            + config.partitions()
                            + ": use the existing definition or another stream name");
        }
        if (!existing.equals(config)) {
            LOG.info(
                    "{}: stream {} exists; keeping its stored definition {} (asked for {})",
                    kv.describe(),
                    config.name(),
                    existing,
                    config);
        }
        return existing;
    }

    @Override
    public StreamConfig growPartitions(String stream, int partitions) {
        String key = keys.config(stream);
        while (true) {
            KvEntry entry = definition(stream);
            StreamConfig existing = codec.decode(entry, StreamConfig.class);
            if (partitions == existing.partitions()) {
                return existing;
            }
            if (partitions < existing.partitions()) {
                throw new ManifestException(
                        kv.describe()
                                + ": stream "
                                + stream
                                + " has "
                                + existing.partitions()
                                + " partitions; a stream's partitions are never removed, so it"
                                + " cannot have "
                                + partitions);
            }
            StreamConfig grown =
                    new StreamConfig(
                            stream, partitions, existing.valueSchema(), existing.properties());
            KvTxnResult r =
                    kv.txn(
                            List.of(KvCompare.modRevision(key, entry.modRevision())),
                            List.of(KvOp.put(key, codec.encode(grown))),
                            List.of());
            if (r.succeeded()) {
                LOG.info(
                        "{}: stream {} grew from {} to {} partitions",
                        kv.describe(),
                        stream,
                        existing.partitions(),
                        partitions);
                return grown;
            }
        }
    }

    /** The entry of {@code stream}'s definition, which must exist. */
    private KvEntry definition(String stream) {
        return kv.get(keys.config(stream))
                .orElseThrow(
                        () ->
                                new ManifestException(
                                        kv.describe() + ": stream " + stream + " does not exist"));
    }

    @Override
    public Optional<StreamConfig> stream(String name) {
        return kv.get(keys.config(name)).map(e -> codec.decode(e, StreamConfig.class));
    }

    @Override
    public SchemaHistory schemaHistory(String stream) {
        StreamConfig config = requireStream(stream);
        List<SchemaVersion> versions = new ArrayList<>();
        versions.add(SchemaVersion.initial(config));
        for (KvEntry e : kv.range(KvRange.prefix(keys.schemasPrefix(stream)))) {
            versions.add(codec.decode(e, ManifestCodec.StoredSchema.class).toVersion());
        }
        return new SchemaHistory(stream, versions);
    }

    @Override
    public boolean registerSchema(String stream, SchemaVersion next) {
        Objects.requireNonNull(next, "next");
        if (next.version() <= SchemaVersion.INITIAL || next.registeredAt() == null) {
            throw new IllegalArgumentException(
                    "stream " + stream + ": register versions from 2 on, with their time");
        }
        String config = keys.config(stream);
        KvEntry definition = definition(stream);
        String key = keys.schema(stream, next.version());
        KvTxnResult r =
                kv.txn(
                        List.of(
                                KvCompare.modRevision(config, definition.modRevision()),
                                KvCompare.absent(key)),
                        List.of(KvOp.put(key, codec.encode(ManifestCodec.StoredSchema.of(next)))),
                        List.of());
        return r.succeeded();
    }

    @Override
    public List<String> streams() {
        // Skip from stream to stream: "config" sorts first among a stream's keys.
        String prefix = keys.streamsPrefix();
        String end = KvRange.prefixEnd(prefix);
        List<String> names = new ArrayList<>();
        String from = prefix;
        while (true) {
            List<KvEntry> first = kv.range(KvRange.between(from, end).limit(1).withoutValues());
            if (first.isEmpty()) {
                break;
            }
            String key = first.get(0).key();
            int slash = key.indexOf('/', prefix.length());
            if (slash < 0) {
                from = key + '\0';
                continue;
            }
            String name = key.substring(prefix.length(), slash);
            if (key.equals(keys.config(name))) {
                names.add(name);
            }
            from = KvRange.prefixEnd(keys.streamPrefix(name));
        }
        names.sort(null);
        return names;
    }

    @Override
    public boolean deleteStream(String name) {
        ManifestKeys.checkStreamName(name);
        String config = keys.config(name);
        if (kv.get(config).isEmpty()) {
            return false;
        }
        List<KvOp> deletes = new ArrayList<>();
        for (KvEntry e : kv.range(KvRange.prefix(keys.streamPrefix(name)).withoutValues())) {
            if (!e.key().equals(config)) {
                deletes.add(KvOp.delete(e.key()));
            }
        }
        for (int i = 0; i < deletes.size(); i += KvStore.MAX_TXN_OPS) {
            kv.txn(
                    List.of(),
                    deletes.subList(i, Math.min(deletes.size(), i + KvStore.MAX_TXN_OPS)),
                    List.of());
        }
        kv.txn(List.of(), List.of(KvOp.delete(config)), List.of());
        lastHeads.keySet().removeIf(k -> k.startsWith(keys.streamPrefix(name)));
        LOG.info("{}: deleted stream {} ({} keys)", kv.describe(), name, deletes.size() + 1);
        return true;
    }

    @Override
    public PartitionClaim acquire(String stream, int partition, String owner, Duration leaseTtl) {
        Objects.requireNonNull(owner, "owner");
        if (leaseTtl == null || leaseTtl.isNegative() || leaseTtl.isZero()) {
            throw new IllegalArgumentException("lease ttl must be positive, got " + leaseTtl);
        }
        requirePartition(stream, partition);
        String headKey = keys.head(stream, partition);
        String writerKey = keys.writer(stream, partition);
        long lease = kv.grantLease(leaseTtl);
        KvLeaseKeeper keeper = null;
        try {
            keeper = kv.keepAlive(lease, leaseTtl);
            for (int attempt = 1; attempt <= ACQUIRE_ATTEMPTS; attempt++) {
                VersionedHead current = VersionedHead.of(kv.get(headKey).orElse(null), codec);
                PartitionHead old = current.head();
                PartitionHead next =
                        new PartitionHead(old.committedEnd(), old.epoch() + 1, old.lastCommitId());
                var writer = WriterInfo.of(owner, next.epoch());
                KvTxnResult r =
                        kv.txn(
                                List.of(current.unchanged(headKey)),
                                List.of(
                                        KvOp.put(headKey, codec.encode(next)),
                                        KvOp.put(writerKey, codec.encode(writer), lease)),
                                List.of());
                if (r.succeeded()) {
                    lastHeads.put(headKey, new VersionedHead(next, r.revision()));
                    LOG.info(
                            "{}: {} took {}/{} at epoch {}",
                            kv.describe(),
                            owner,
                            stream,
                            partition,
                            next.epoch());
                    return claim(
                            stream, partition, next, new KvHeldLease(kv, lease, keeper), writer);
                }
                pauseBriefly();
            }
            throw new ManifestException(
                    kv.describe()
                            + ": "
                            + owner
                            + " could not take "
                            + stream
                            + "/"
                            + partition
                            + " in "
                            + ACQUIRE_ATTEMPTS
                            + " attempts: other writers keep taking it at the same time");
        } catch (RuntimeException e) {
            if (keeper != null) {
                keeper.close();
            }
            revokeQuietly(lease);
            throw e;
        }
    }

    @Override
    public PartitionHead head(String stream, int partition) {
        Optional<KvEntry> entry = kv.get(keys.head(stream, partition));
        if (entry.isPresent()) {
            return codec.decode(entry.get(), PartitionHead.class);
        }
        requirePartition(stream, partition);
        return PartitionHead.EMPTY;
    }

    @Override
    public List<PartitionClaim> acquireAll(
            String stream, List<Integer> partitions, String owner, Duration leaseTtl) {
        Objects.requireNonNull(owner, "owner");
        if (leaseTtl == null || leaseTtl.isNegative() || leaseTtl.isZero()) {
            throw new IllegalArgumentException("lease ttl must be positive, got " + leaseTtl);
        }
        if (partitions.isEmpty()) {
            return List.of();
        }
        StreamConfig config = requireStream(stream);
        for (int p : partitions) {
            if (!config.hasPartition(p)) {
                requirePartition(stream, p);
            }
        }
        long lease = kv.grantLease(leaseTtl);
        KvLeaseKeeper keeper = null;
        List<PartitionClaim> claims = new ArrayList<>();
        try {
            keeper = kv.keepAlive(lease, leaseTtl);
            KvHeldLease held = new KvHeldLease(kv, lease, keeper, partitions.size());
            for (int from = 0; from < partitions.size(); from += ACQUIRE_BATCH) {
                List<Integer> batch =
                        partitions.subList(from, Math.min(partitions.size(), from + ACQUIRE_BATCH));
                claims.addAll(acquireBatch(stream, batch, owner, held));
            }
            LOG.info(
                    "{}: {} took {} partitions of {} under lease {}",
                    kv.describe(),
                    owner,
                    claims.size(),
                    stream,
                    lease);
            return claims;
        } catch (RuntimeException e) {
            if (keeper != null) {
                keeper.close();
            }
            revokeQuietly(lease);
            throw e;
        }
    }

    /** Raises the epochs of {@code batch} in one transaction, retried while heads move. */
    private List<PartitionClaim> acquireBatch(
            String stream, List<Integer> batch, String owner, KvHeldLease lease) {
        List<String> headKeys = batch.stream().map(p -> keys.head(stream, p)).toList();
        for (int attempt = 1; attempt <= ACQUIRE_ATTEMPTS; attempt++) {
            committer.readHeads(headKeys);
            List<KvCompare> compares = new ArrayList<>();
            List<KvOp> writes = new ArrayList<>();
            List<PartitionHead> next = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                VersionedHead current = lastHeads.get(headKeys.get(i));
                PartitionHead old = current.head();
                PartitionHead raised =
                        new PartitionHead(old.committedEnd(), old.epoch() + 1, old.lastCommitId());
                next.add(raised);
                compares.add(current.unchanged(headKeys.get(i)));
                writes.add(KvOp.put(headKeys.get(i), codec.encode(raised)));
                writes.add(
                        KvOp.put(
                                keys.writer(stream, batch.get(i)),
                                codec.encode(WriterInfo.of(owner, raised.epoch())),
                                lease.id()));
            }
            KvTxnResult r = kv.txn(compares, writes, List.of());
            if (r.succeeded()) {
                List<PartitionClaim> claims = new ArrayList<>();
                for (int i = 0; i < batch.size(); i++) {
                    lastHeads.put(headKeys.get(i), new VersionedHead(next.get(i), r.revision()));
                    claims.add(
                            claim(
                                    stream,
                                    batch.get(i),
                                    next.get(i),
                                    lease,
                                    WriterInfo.of(owner, next.get(i).epoch())));
                }
                return claims;
            }
            pauseBriefly();
        }
        throw new ManifestException(
                kv.describe()
                        + ": "
                        + owner
                        + " could not take partitions "
                        + batch
                        + " of "
                        + stream
                        + " in "
                        + ACQUIRE_ATTEMPTS
                        + " attempts: other writers keep taking them at the same time");
    }

    private KvPartitionClaim claim(
            String stream,
            int partition,
            PartitionHead head,
            KvHeldLease lease,
            WriterInfo writer) {
        String writerKey = keys.writer(stream, partition);
        return new KvPartitionClaim(
                stream,
                partition,
                head,
                lease,
                writer,
                advertised ->
                        kv.txn(
                                List.of(),
                                List.of(KvOp.put(writerKey, codec.encode(advertised), lease.id())),
                                List.of()));
    }

    @Override
    public void advertiseAll(List<Advertisement> advertisements) {
        List<KvOp> puts = new ArrayList<>();
        for (Advertisement a : advertisements) {
            if (!(a.claim() instanceof KvPartitionClaim claim)) {
                a.claim()
                        .advertise(
                                a.tailEndpoint(),
                                a.walDirectory(),
                                a.walHolder(),
                                a.schemaVersion());
                continue;
            }
            puts.add(
                    KvOp.put(
                            keys.writer(claim.stream(), claim.partition()),
                            codec.encode(
                                    claim.advertisement(
                                            a.tailEndpoint(),
                                            a.walDirectory(),
                                            a.walHolder(),
                                            a.schemaVersion())),
                            claim.leaseId()));
        }
        for (int from = 0; from < puts.size(); from += KvStore.MAX_TXN_OPS) {
            kv.txn(
                    List.of(),
                    puts.subList(from, Math.min(puts.size(), from + KvStore.MAX_TXN_OPS)),
                    List.of());
        }
    }

    @Override
    public Map<Integer, PartitionHead> heads(String stream, Collection<Integer> partitions) {
        List<String> headKeys = partitions.stream().map(p -> keys.head(stream, p)).toList();
        committer.readHeads(headKeys);
        Map<Integer, PartitionHead> heads = new TreeMap<>();
        for (int p : partitions) {
            VersionedHead head = lastHeads.get(keys.head(stream, p));
            if (head.modRevision() == 0) {
                requirePartition(stream, p);
            }
            heads.put(p, head.head());
        }
        return heads;
    }

    @Override
    public List<Optional<ObjectDescriptor>> objectsAt(
            String stream, List<ObjectPosition> positions) {
        List<Optional<ObjectDescriptor>> found = new ArrayList<>(positions.size());
        for (int from = 0; from < positions.size(); from += KvStore.MAX_TXN_OPS) {
            List<ObjectPosition> chunk =
                    positions.subList(from, Math.min(positions.size(), from + KvStore.MAX_TXN_OPS));
            KvTxnResult r =
                    kv.txn(
                            List.of(),
                            chunk.stream()
                                    .map(
                                            at ->
                                                    KvOp.get(
                                                            keys.object(
                                                                    stream,
                                                                    at.partition(),
                                                                    at.startOffset())))
                                    .toList(),
                            List.of());
            for (int i = 0; i < chunk.size(); i++) {
                KvEntry entry = r.single(i);
                found.add(
                        entry == null
                                ? Optional.empty()
                                : Optional.of(codec.decode(entry, ObjectDescriptor.class)));
            }
        }
        return found;
    }

    @Override
    public CommitResult commit(CommitRequest request) {
        return committer.commit(request);
    }

    @Override
    public List<CommitResult> commitAll(List<CommitRequest> requests) {
        return committer.commitAll(requests);
    }

    @Override
    public List<ObjectDescriptor> objects(
            String stream, int partition, long fromOffset, long toOffset) {
        if (Math.max(0, fromOffset) >= toOffset) {
            return List.of();
        }
        return objects(stream, List.of(new ObjectRange(partition, fromOffset, toOffset))).get(0);
    }

    @Override
    public List<List<ObjectDescriptor>> objects(String stream, List<ObjectRange> ranges) {
        List<List<ObjectDescriptor>> out = new ArrayList<>();
        int perTxn = KvStore.MAX_TXN_OPS / 2;
        for (int first = 0; first < ranges.size(); first += perTxn) {
            List<ObjectRange> batch =
                    ranges.subList(first, Math.min(ranges.size(), first + perTxn));
            List<KvOp> reads = new ArrayList<>();
            for (ObjectRange r : batch) {
                long from = Math.max(0, r.fromOffset());
                String prefix = keys.objectsPrefix(stream, r.partition());
                String fromKey = keys.object(stream, r.partition(), from);
                String toKey = keys.object(stream, r.partition(), Math.max(from, r.toOffset()));
                reads.add(KvOp.get(KvRange.between(prefix, fromKey).reversed().limit(1)));
                reads.add(KvOp.get(KvRange.between(fromKey, toKey)));
            }
            KvTxnResult result = kv.txn(List.of(), reads, List.of());
            for (int i = 0; i < batch.size(); i++) {
                long from = Math.max(0, batch.get(i).fromOffset());
                List<ObjectDescriptor> found = new ArrayList<>();
                if (from < batch.get(i).toOffset()) {
                    KvEntry floor = result.single(2 * i);
                    if (floor != null) {
                        ObjectDescriptor o = codec.decode(floor, ObjectDescriptor.class);
                        if (o.endOffset() > from) {
                            found.add(o);
                        }
                    }
                    for (KvEntry e : result.reads().get(2 * i + 1)) {
                        found.add(codec.decode(e, ObjectDescriptor.class));
                    }
                }
                out.add(found);
            }
        }
        return out;
    }

    @Override
    public boolean swap(
            String stream,
            int partition,
            SwapFence fence,
            List<ObjectDescriptor> replaced,
            ObjectDescriptor replacement,
            Instant deleteReplacedAfter) {
        return swapper.swap(stream, partition, fence, replaced, replacement, deleteReplacedAfter);
    }

    @Override
    public List<Boolean> swapAll(String stream, List<SwapRequest> swaps) {
        return swapper.swapAll(stream, swaps);
    }

    @Override
    public Optional<TieringClaim> claimTiering(
            String stream, int partition, String owner, Duration leaseTtl) {
        return tieringClaims.claim(stream, partition, owner, leaseTtl);
    }

    @Override
    public Optional<String> tieringOwner(String stream, int partition) {
        return tieringClaims.owner(stream, partition);
    }

    @Override
    public String namespace() {
        return keys.namespace();
    }

    @Override
    public Optional<TablePointer> tablePointer(String stream) {
        ManifestKeys.checkStreamName(stream);
        return kv.get(keys.tablePointer(stream)).map(this::tablePointer);
    }

    @Override
    public boolean swapTablePointer(
            String stream, Optional<TablePointer> expected, String metadataLocation) {
        ManifestKeys.checkStreamName(stream);
        Objects.requireNonNull(metadataLocation, "metadataLocation");
        String key = keys.tablePointer(stream);
        KvCompare compare =
                expected.map(p -> KvCompare.modRevision(key, p.revision()))
                        .orElse(KvCompare.absent(key));
        byte[] value = codec.encode(new ManifestCodec.StoredTablePointer(metadataLocation));
        try {
            return kv.txn(List.of(compare), List.of(KvOp.put(key, value)), List.of()).succeeded();
        } catch (KvUnavailableException e) {
            try {
                Optional<TablePointer> now = tablePointer(stream);
                if (now.isPresent() && now.get().metadataLocation().equals(metadataLocation)) {
                    return true;
                }
            } catch (RuntimeException readBack) {
                e.addSuppressed(readBack);
            }
            throw new CommitStateUnknownException(
                    kv.describe()
                            + ": moving the Iceberg table pointer of stream "
                            + stream
                            + " to "
                            + metadataLocation
                            + " got no answer; the table may or may not point there",
                    e);
        }
    }

    private TablePointer tablePointer(KvEntry entry) {
        return new TablePointer(
                codec.decode(entry, ManifestCodec.StoredTablePointer.class).metadataLocation(),
                entry.modRevision());
    }

    @Override
    public AutoCloseable watch(String stream, Consumer<ManifestEvent> listener) {
        Objects.requireNonNull(listener, "listener");
        String prefix = keys.streamPrefix(stream);
        ManifestEventMapper mapper = new ManifestEventMapper(prefix, codec);
        long from = kv.currentRevision() + 1;
        return kv.watch(prefix, from, e -> mapper.map(e).forEach(listener));
    }

    @Override
    public void putConsumerPosition(
            String stream, String consumerId, Map<Integer, Long> offsets, Duration ttl) {
        String key = keys.consumer(stream, consumerId);
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("consumer ttl must be positive, got " + ttl);
        }
        requireStream(stream);
        for (int attempt = 1; attempt <= ACQUIRE_ATTEMPTS; attempt++) {
            Optional<KvEntry> old = kv.get(key);
            Map<Integer, Long> merged = new java.util.TreeMap<>();
            old.ifPresent(e -> merged.putAll(codec.decode(e, ConsumerPosition.class).offsets()));
            merged.putAll(offsets);
            long lease = kv.grantLease(ttl);
            KvTxnResult r;
            try {
                r =
                        kv.txn(
                                List.of(
                                        old.map(e -> KvCompare.modRevision(key, e.modRevision()))
                                                .orElse(KvCompare.absent(key))),
                                List.of(
                                        KvOp.put(
                                                key,
                                                codec.encode(
                                                        new ConsumerPosition(consumerId, merged)),
                                                lease)),
                                List.of());
            } catch (RuntimeException e) {
                revokeQuietly(lease);
                throw e;
            }
            if (r.succeeded()) {
                old.filter(e -> e.lease() != 0 && e.lease() != lease)
                        .ifPresent(e -> revokeQuietly(e.lease()));
                return;
            }
            revokeQuietly(lease);
        }
        throw new ManifestException(
                kv.describe()
                        + ": the position of consumer "
                        + consumerId
                        + " of "
                        + stream
                        + " kept changing under "
                        + ACQUIRE_ATTEMPTS
                        + " attempts");
    }

    @Override
    public void putRestorePoint(
            String stream, int partition, String token, long end, Duration ttl) {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("restore point ttl must be positive, got " + ttl);
        }
        requirePartition(stream, partition);
        String key = keys.restorePoint(stream, partition, token);
        long lease = kv.grantLease(ttl);
        try {
            kv.txn(
                    List.of(),
                    List.of(
                            KvOp.put(
                                    key, codec.encode(new ManifestCodec.RestorePoint(end)), lease)),
                    List.of());
        } catch (RuntimeException e) {
            revokeQuietly(lease);
            throw e;
        }
    }

    @Override
    public Optional<WriterInfo> writer(String stream, int partition) {
        return kv.get(keys.writer(stream, partition)).map(e -> codec.decode(e, WriterInfo.class));
    }

    @Override
    public OptionalLong restorePoint(String stream, int partition, String token) {
        return kv.get(keys.restorePoint(stream, partition, token))
                .map(e -> OptionalLong.of(codec.decode(e, ManifestCodec.RestorePoint.class).end()))
                .orElse(OptionalLong.empty());
    }

    @Override
    public Optional<ConsumerPosition> consumerPosition(String stream, String consumerId) {
        return kv.get(keys.consumer(stream, consumerId))
                .map(e -> codec.decode(e, ConsumerPosition.class));
    }

    @Override
    public List<ConsumerPosition> consumers(String stream) {
        return kv.range(KvRange.prefix(keys.consumersPrefix(stream))).stream()
                .map(e -> codec.decode(e, ConsumerPosition.class))
                .toList();
    }

    @Override
    public List<GcEntry> gcDue(Instant now, int limit) {
        Objects.requireNonNull(now, "now");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        long last = now.toEpochMilli();
        String to =
                last == Long.MAX_VALUE
                        ? keys.gcPrefix() + "~"
                        : keys.gcPrefix() + String.format("%020d", last + 1);
        return kv.range(KvRange.between(keys.gcPrefix(), to).limit(limit)).stream()
                .map(e -> codec.decode(e, ManifestCodec.StoredGcEntry.class).toEntry())
                .filter(e -> !e.deleteAfter().isAfter(now))
                .toList();
    }

    @Override
    public void gcDone(Collection<GcEntry> entries) {
        List<KvOp> deletes = entries.stream().map(e -> KvOp.delete(keys.gc(e))).distinct().toList();
        for (int i = 0; i < deletes.size(); i += GC_DELETES_PER_TXN) {
            List<KvOp> chunk = deletes.subList(i, Math.min(deletes.size(), i + GC_DELETES_PER_TXN));
            kv.txn(List.of(), chunk, List.of());
        }
    }

    @Override
    public String describe() {
        return kv.describe();
    }

    @Override
    public void close() {
        kv.close();
    }

    private void requirePartition(String stream, int partition) {
        StreamConfig config = requireStream(stream);
        if (!config.hasPartition(partition)) {
            throw new ManifestException(
                    kv.describe()
                            + ": stream "
                            + stream
                            + " has partitions 0.."
                            + (config.partitions() - 1)
                            + ", there is no partition "
                            + partition);
        }
    }

    private void revokeQuietly(long lease) {
        try {
            kv.revokeLease(lease);
        } catch (FloeException e) {
            LOG.warn("{}: revoking lease {} failed: {}", kv.describe(), lease, e.getMessage());
        }
    }

    private static void pauseBriefly() {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 20));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ManifestException("interrupted while taking a partition", e);
        }
    }
}
