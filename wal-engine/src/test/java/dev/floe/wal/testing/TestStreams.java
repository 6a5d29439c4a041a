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
package dev.floe.wal.testing;

import dev.floe.wal.format.SegmentObjectOptions;
import dev.floe.wal.format.SegmentObjectSummary;
import dev.floe.wal.format.SegmentObjectWriter;
import dev.floe.wal.manifest.CommitRequest;
import dev.floe.wal.manifest.CommitResult;
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.PartitionClaim;
import dev.floe.wal.manifest.PartitionHead;
import dev.floe.wal.manifest.StreamConfig;
import dev.floe.wal.object.ObjectInfo;
import dev.floe.wal.object.ObjectUpload;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.record.WalRecord;
import dev.floe.wal.tier.BucketLayout;
import dev.floe.wal.tier.CommittedReader;
import dev.floe.wal.tier.ObjectDescriptors;
import dev.floe.wal.tier.TierOptions;
import dev.floe.wal.tier.TierStores;
import dev.floe.wal.tier.Tierer;
import dev.floe.wal.tier.parquet.ParquetObjectOptions;
import dev.floe.wal.tier.parquet.ParquetObjectSchema;
import dev.floe.wal.tier.parquet.ParquetObjectSummary;
import dev.floe.wal.tier.parquet.ParquetObjectWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes streams the way the sink does, with the engine's own APIs: segment objects committed in
 * manifest transactions, tiering into Parquet, and the leftovers a cleaner deals with (orphans,
 * superseded objects). Not thread-safe.
 */
public final class TestStreams {

    private static final Duration LEASE = Duration.ofSeconds(30);

    private final ManifestStore manifest;
    private final TierStores stores;

    public TestStreams(ManifestStore manifest, TierStores stores) {
        this.manifest = manifest;
        this.stores = stores;
    }

    /** Records with values {@code text-<from>} onwards, no keys, timestamps from 1000 ms. */
    public static List<WalRecord> texts(int from, int count) {
        List<WalRecord> records = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            records.add(
                    WalRecord.of(1_000L + i, null, ("text-" + i).getBytes(StandardCharsets.UTF_8)));
        }
        return records;
    }

    public StreamConfig create(String stream, int partitions, String valueSchema) {
        return manifest.createStream(new StreamConfig(stream, partitions, valueSchema, null));
    }

    /** Commits the records as one segment object after what the partition holds. */
    public ObjectDescriptor commit(String stream, int partition, List<WalRecord> records)
            throws IOException {
        return commit(stream, partition, records, 1);
    }

    /** Like {@link #commit(String, int, List)}, for values of schema version {@code version}. */
    public ObjectDescriptor commit(
            String stream, int partition, List<WalRecord> records, int schemaVersion)
            throws IOException {
        try (PartitionClaim claim = manifest.acquire(stream, partition, "test-writer", LEASE)) {
            long start = claim.head().committedEnd();
            ObjectDescriptor object =
                    upload(stream, partition, start, claim.epoch(), records)
                            .withSchemaVersion(schemaVersion);
            CommitResult result =
                    manifest.commit(
                            new CommitRequest(
                                    stream,
                                    partition,
                                    claim.epoch(),
                                    start,
                                    List.of(object),
                                    "test-" + claim.epoch() + "-" + start));
            if (result.status() != CommitResult.Status.COMMITTED) {
                throw new IllegalStateException("commit of " + object.key() + ": " + result);
            }
            return object;
        }
    }

    /** Uploads a segment object without committing it: an orphan. */
    public ObjectDescriptor orphanSegment(String stream, int partition, List<WalRecord> records)
            throws IOException {
        // A fenced writer's: an epoch below the partition's, so it can never be committed.
        PartitionHead head = manifest.head(stream, partition);
        return upload(
                stream, partition, head.committedEnd(), Math.max(0, head.epoch() - 1), records);
    }

    /**
     * Uploads a segment object of the partition's current writer at its committed end without
     * committing it: a checkpoint whose commit has not happened yet.
     */
    public ObjectDescriptor pendingSegment(String stream, int partition, List<WalRecord> records)
            throws IOException {
        PartitionHead head = manifest.head(stream, partition);
        return upload(stream, partition, head.committedEnd(), head.epoch(), records);
    }

    /** Compacts every committed segment object of the partition into Parquet. */
    public List<ObjectDescriptor> tier(String stream, int partition, Duration supersededGrace)
            throws IOException {
        StreamConfig config = manifest.stream(stream).orElseThrow();
        try (PartitionClaim claim = manifest.acquire(stream, partition, "test-tierer", LEASE)) {
            TierOptions options = TierOptions.builder().supersededGrace(supersededGrace).build();
            return new Tierer(
                            manifest,
                            stores,
                            config,
                            partition,
                            claim.epoch(),
                            options,
                            Clock.systemUTC())
                    .tier(true);
        }
    }

    /**
     * Writes the records of the committed segment objects of each of {@code partitions} into one
     * shared Parquet object, each partition in row groups of its own, and swaps its descriptor in
     * for the segment objects of the partitions in {@code swapped} only: the rows of the others lie
     * in the object but stay committed in their segment objects, as after a refused swap or a crash
     * between swaps. Replaced segment objects are queued for deletion after {@code grace}.
     *
     * @param partitions increasing, each with a committed segment object after its Parquet objects
     * @return the descriptors swapped in, by partition
     */
    public Map<Integer, ObjectDescriptor> tierShared(
            String stream, List<Integer> partitions, Set<Integer> swapped, Duration grace)
            throws IOException {
        Map<Integer, long[]> ranges = new TreeMap<>();
        for (int p : partitions) {
            List<ObjectDescriptor> tail =
                    objects(stream, p).stream()
                            .filter(o -> o.kind() == ObjectDescriptor.Kind.SEGMENT)
                            .toList();
            ranges.put(
                    p,
                    new long[] {tail.get(0).startOffset(), tail.get(tail.size() - 1).endOffset()});
        }
        Map<Integer, ObjectDescriptor> written = writeShared(stream, ranges);
        Map<Integer, ObjectDescriptor> swappedIn = new TreeMap<>();
        for (int p : partitions) {
            if (swapped.contains(p)) {
                swapIn(stream, p, written.get(p), grace);
                swappedIn.put(p, written.get(p));
            }
        }
        return swappedIn;
    }

    /**
     * Rewrites a committed Parquet object as a new one and swaps it in, so the old one is
     * superseded: still in the bucket, queued for deletion after {@code grace}.
     */
    public ObjectDescriptor supersede(
            String stream, int partition, ObjectDescriptor old, Duration grace) throws IOException {
        StreamConfig config = manifest.stream(stream).orElseThrow();
        try (PartitionClaim claim = manifest.acquire(stream, partition, "test-rewriter", LEASE)) {
            List<LoggedRecord> records =
                    new CommittedReader(manifest, stores, stream, partition)
                            .read(old.startOffset(), old.endOffset());
            ObjectDescriptor replacement = writeParquet(config, partition, claim.epoch(), records);
            if (!manifest.swap(
                    stream,
                    partition,
                    claim.epoch(),
                    List.of(old),
                    replacement,
                    Instant.now().plus(grace))) {
                throw new IllegalStateException("swap of " + old.key() + " refused");
            }
            return replacement;
        }
    }

    /**
     * Writes the committed records of {@code partitions} into one shared Parquet object, each
     * partition in row groups of its own, without swapping it in. Returns each partition's
     * descriptor, in partition order.
     */
    public Map<Integer, ObjectDescriptor> writeSharedParquet(
            String stream, List<Integer> partitions) throws IOException {
        Map<Integer, long[]> ranges = new TreeMap<>();
        for (int p : partitions) {
            ranges.put(p, new long[] {0, manifest.head(stream, p).committedEnd()});
        }
        return writeShared(stream, ranges);
    }

    /**
     * Writes the committed records of each partition's {@code [from, to)} into one shared object.
     */
    private Map<Integer, ObjectDescriptor> writeShared(String stream, Map<Integer, long[]> ranges)
            throws IOException {
        StreamConfig config = manifest.stream(stream).orElseThrow();
        long epoch =
                ranges.keySet().stream()
                        .mapToLong(p -> manifest.head(stream, p).epoch())
                        .max()
                        .orElse(0);
        String key = BucketLayout.newSharedParquetKey(stream, System.currentTimeMillis(), epoch);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Map<Integer, ParquetObjectSummary> summaries;
        try (ParquetObjectWriter writer =
                ParquetObjectWriter.openShared(
                        bytes, key, schemaOf(config), ParquetObjectOptions.defaults())) {
            for (Map.Entry<Integer, long[]> range : ranges.entrySet()) {
                writer.startPartition(range.getKey());
                for (LoggedRecord r :
                        new CommittedReader(manifest, stores, stream, range.getKey())
                                .read(range.getValue()[0], range.getValue()[1])) {
                    writer.write(r);
                }
            }
            summaries = writer.finishShared();
        }
        ObjectInfo info = stores.parquet().putIfAbsent(key, bytes.toByteArray());
        Map<Integer, ObjectDescriptor> descriptors = new TreeMap<>();
        summaries.forEach(
                (p, summary) ->
                        descriptors.put(
                                p,
                                ObjectDescriptors.of(
                                        ObjectDescriptor.Kind.PARQUET,
                                        key,
                                        summary,
                                        info.size(),
                                        epoch)));
        return descriptors;
    }

    /**
     * Swaps {@code object} in place of the partition's objects of its range, which are queued for
     * deletion after {@code grace}.
     */
    public void swapIn(String stream, int partition, ObjectDescriptor object, Duration grace) {
        try (PartitionClaim claim = manifest.acquire(stream, partition, "test-tierer", LEASE)) {
            List<ObjectDescriptor> replaced =
                    manifest.objects(stream, partition, object.startOffset(), object.endOffset());
            if (!manifest.swap(
                    stream,
                    partition,
                    claim.epoch(),
                    replaced,
                    object,
                    Instant.now().plus(grace))) {
                throw new IllegalStateException("swap of " + object.key() + " refused");
            }
        }
    }

    /**
     * Tiers every committed record of {@code partitions} into one shared Parquet object that each
     * partition's descriptor names; the segment objects it replaces are queued for deletion after
     * {@code grace}.
     */
    public Map<Integer, ObjectDescriptor> tierShared(
            String stream, List<Integer> partitions, Duration grace) throws IOException {
        Map<Integer, ObjectDescriptor> shared = writeSharedParquet(stream, partitions);
        shared.forEach((p, object) -> swapIn(stream, p, object, grace));
        return shared;
    }

    /** Writes the records as a Parquet object that no manifest references: an orphan. */
    public ObjectDescriptor orphanParquet(String stream, int partition, List<LoggedRecord> records)
            throws IOException {
        return writeParquet(manifest.stream(stream).orElseThrow(), partition, 999, records);
    }

    public List<ObjectDescriptor> objects(String stream, int partition) {
        return manifest.objects(stream, partition, 0, Long.MAX_VALUE);
    }

    private ObjectDescriptor writeParquet(
            StreamConfig config, int partition, long epoch, List<LoggedRecord> records)
            throws IOException {
        long start = records.get(0).offset();
        long end = records.get(records.size() - 1).offset() + 1;
        String key = BucketLayout.newParquetKey(config.name(), partition, start, epoch);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ParquetObjectSummary summary;
        try (ParquetObjectWriter writer =
                ParquetObjectWriter.open(
                        bytes, key, schemaOf(config), partition, ParquetObjectOptions.defaults())) {
            for (LoggedRecord r : records) {
                writer.write(r);
            }
            summary = writer.finish();
        }
        ObjectInfo info = stores.parquet().putIfAbsent(key, bytes.toByteArray());
        return ObjectDescriptors.of(
                ObjectDescriptor.Kind.PARQUET, key, summary, info.size(), epoch);
    }

    private static ParquetObjectSchema schemaOf(StreamConfig config) {
        return config.valueSchema() == null
                ? ParquetObjectSchema.bytesValued()
                : ParquetObjectSchema.forValueSchema(config.valueSchema());
    }

    private ObjectDescriptor upload(
            String stream, int partition, long start, long epoch, List<WalRecord> records)
            throws IOException {
        String key = BucketLayout.newSegmentKey(stream, partition, start, epoch);
        try (ObjectUpload upload = stores.segments().startUpload(key);
                SegmentObjectWriter writer =
                        new SegmentObjectWriter(
                                key, upload::write, SegmentObjectOptions.defaults())) {
            long offset = start;
            for (WalRecord r : records) {
                writer.append(new LoggedRecord(offset++, r));
            }
            SegmentObjectSummary summary = writer.finish();
            ObjectInfo info = upload.complete();
            return ObjectDescriptors.of(
                    ObjectDescriptor.Kind.SEGMENT, key, summary, info.size(), epoch);
        }
    }
}
