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
package dev.floe.wal.tier;

import dev.floe.wal.format.SegmentObjectReader;
import dev.floe.wal.format.SegmentRecordCursor;
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.PartitionHead;
import dev.floe.wal.manifest.SchemaHistory;
import dev.floe.wal.manifest.StreamConfig;
import dev.floe.wal.manifest.SwapFence;
import dev.floe.wal.object.ObjectInfo;
import dev.floe.wal.object.ObjectStore;
import dev.floe.wal.object.ObjectUpload;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.tier.parquet.ParquetObjectSchema;
import dev.floe.wal.tier.parquet.ParquetObjectSummary;
import dev.floe.wal.tier.parquet.ParquetObjectWriter;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compacts a partition's committed segment objects into Parquet objects of a target size, so object
 * size does not depend on the checkpoint interval. Each Parquet object replaces a contiguous run of
 * segment objects in one manifest transaction that also queues the replaced objects for deletion
 * after a grace period. Run by the partition's writer, or outside it ({@link #outsideWriter}) by a
 * process holding the partition's tiering claim; not thread-safe (one pass at a time).
 */
public final class Tierer {

    private static final Logger LOG = LoggerFactory.getLogger(Tierer.class);
    private static final int BLOCKS_AHEAD = 4;
    private static final Duration BLOCK_WAIT = Duration.ofMinutes(5);

    private final ManifestStore manifest;
    private final TierStores stores;
    private final StreamConfig stream;
    private final int partition;
    private final long epoch;
    private final SwapFence fence;
    private final TierOptions options;
    private final Clock clock;
    private final TableCommits tableCommits;

    /** A tierer run by the partition's writer at {@code epoch}: a newer epoch refuses its swaps. */
    public Tierer(
            ManifestStore manifest,
            TierStores stores,
            StreamConfig stream,
            int partition,
            long epoch,
            TierOptions options,
            Clock clock) {
        this(
                manifest,
                stores,
                stream,
                partition,
                epoch,
                SwapFence.writerEpoch(epoch),
                options,
                clock);
    }

    private Tierer(
            ManifestStore manifest,
            TierStores stores,
            StreamConfig stream,
            int partition,
            long epoch,
            SwapFence fence,
            TierOptions options,
            Clock clock) {
        this.manifest = manifest;
        this.stores = stores;
        this.stream = stream;
        this.partition = partition;
        this.epoch = epoch;
        this.fence = fence;
        this.options = options;
        this.clock = clock;
        this.tableCommits = options.tableCommits().open(manifest, stores.parquet());
    }

    /**
     * A tierer run outside the partition's writer, such as by the tiering job: its swaps compare
     * only the segment objects they replace ({@link SwapFence#replacedObjectsOnly()}), so they go
     * through while the writer commits at any epoch. {@code labelEpoch} is the epoch written into
     * the keys and descriptors of its Parquet objects: the partition's epoch when it was read.
     */
    public static Tierer outsideWriter(
            ManifestStore manifest,
            TierStores stores,
            StreamConfig stream,
            int partition,
            long labelEpoch,
            TierOptions options,
            Clock clock) {
        return new Tierer(
                manifest,
                stores,
                stream,
                partition,
                labelEpoch,
                SwapFence.replacedObjectsOnly(),
                options,
                clock);
    }

    /**
     * Tiers every run of segment objects that is due: large enough, old enough, or anything at all
     * when {@code force} (the end of a bounded job). Stops early if the partition's epoch moved.
     *
     * @return the Parquet objects swapped into the manifest
     */
    public List<ObjectDescriptor> tier(boolean force) throws IOException {
        return tier(force, Long.MAX_VALUE);
    }

    /**
     * Like {@link #tier(boolean)}, but only below {@code upTo}: the range above is tiered elsewhere
     * (by a {@link StreamingTierer}).
     */
    public List<ObjectDescriptor> tier(boolean force, long upTo) throws IOException {
        return tier(manifest.head(stream.name(), partition), force, upTo);
    }

    /** Like {@link #tier(boolean, long)}, given the partition's {@code head}, just read. */
    public List<ObjectDescriptor> tier(PartitionHead head, boolean force, long upTo)
            throws IOException {
        List<ObjectDescriptor> tiered = new ArrayList<>();
        long end = Math.min(head.committedEnd(), upTo);
        List<List<ObjectDescriptor>> due = dueGroups(end, force);
        if (due.isEmpty()) {
            return tiered;
        }
        SchemaHistory history = manifest.schemaHistory(stream.name());
        for (List<ObjectDescriptor> group : due) {
            ParquetObjectSchema schema =
                    ParquetObjectSchema.of(history, group.get(0).schemaVersion());
            Optional<ObjectDescriptor> replacement = compact(group, schema);
            if (replacement.isEmpty()) {
                break;
            }
            tiered.add(replacement.get());
        }
        return tiered;
    }

    /**
     * Contiguous runs of segment objects, cut at the target size, the per-swap limit and where the
     * schema version changes (a Parquet object holds values of one version).
     */
    private List<List<ObjectDescriptor>> dueGroups(long committedEnd, boolean force)
            throws IOException {
        List<List<ObjectDescriptor>> due = new ArrayList<>();
        List<ObjectDescriptor> group = new ArrayList<>();
        long groupBytes = 0;
        for (ObjectDescriptor o : manifest.objects(stream.name(), partition, 0, committedEnd)) {
            boolean newSchema =
                    !group.isEmpty() && group.get(0).schemaVersion() != o.schemaVersion();
            if (o.kind() != ObjectDescriptor.Kind.SEGMENT || newSchema) {
                if (!group.isEmpty() && (force || newSchema || isOld(group.get(0)))) {
                    due.add(group);
                }
                group = new ArrayList<>();
                groupBytes = 0;
                if (o.kind() != ObjectDescriptor.Kind.SEGMENT) {
                    continue;
                }
            }
            group.add(o);
            groupBytes += o.sizeBytes();
            if (groupBytes >= options.targetObjectBytes()
                    || group.size() == options.maxObjectsPerSwap()) {
                due.add(group);
                group = new ArrayList<>();
                groupBytes = 0;
            }
        }
        if (!group.isEmpty() && (force || isOld(group.get(0)))) {
            due.add(group);
        }
        return due;
    }

    private boolean isOld(ObjectDescriptor first) throws IOException {
        Optional<ObjectInfo> info = stores.segments().head(first.key());
        return info.isPresent()
                && !info.get()
                        .lastModified()
                        .plus(options.maxSegmentAge())
                        .isAfter(clock.instant());
    }

    /** Writes one Parquet object for the group and swaps it in; empty if the swap was refused. */
    private Optional<ObjectDescriptor> compact(
            List<ObjectDescriptor> group, ParquetObjectSchema schema) throws IOException {
        long start = group.get(0).startOffset();
        long end = group.get(group.size() - 1).endOffset();
        String key = BucketLayout.newParquetKey(stream.name(), partition, start, epoch);
        ObjectStore target = stores.parquet();
        ParquetObjectSummary summary;
        ObjectInfo info;
        try (ObjectUpload upload = target.startUpload(key)) {
            try (ParquetObjectWriter writer =
                    ParquetObjectWriter.open(
                            new UploadOutputStream(upload),
                            key,
                            schema,
                            partition,
                            options.parquet())) {
                try (ReadAhead<LoggedRecord> blocks = readBlocks(group)) {
                    for (List<LoggedRecord> block = blocks.poll(BLOCK_WAIT);
                            block != null;
                            block = blocks.poll(BLOCK_WAIT)) {
                        for (LoggedRecord r : block) {
                            writer.write(r);
                        }
                    }
                }
                summary = writer.finish();
            }
            info = upload.complete();
        }
        ObjectDescriptor replacement =
                ObjectDescriptors.of(
                                ObjectDescriptor.Kind.PARQUET, key, summary, info.size(), epoch)
                        .withSchemaVersion(schema.schemaVersion());
        Instant deleteAfter = clock.instant().plus(options.supersededGrace());
        if (!manifest.swap(stream.name(), partition, fence, group, replacement, deleteAfter)) {
            LOG.info(
                    "Tiering {}/{} [{}, {}) was refused (epoch moved or objects changed);"
                            + " deleting the unused Parquet object",
                    stream.name(),
                    partition,
                    start,
                    end);
            target.delete(List.of(key));
            return Optional.empty();
        }
        LOG.info(
                "Tiered {}/{} [{}, {}): {} segment objects into {} ({} bytes)",
                stream.name(),
                partition,
                start,
                end,
                group.size(),
                key,
                info.size());
        tableCommits.swapped(stream.name(), Map.of(partition, replacement));
        return Optional.of(replacement);
    }

    /** The records of the group's segment objects, block by block, read a few blocks ahead. */
    private ReadAhead<LoggedRecord> readBlocks(List<ObjectDescriptor> group) {
        Iterator<ObjectDescriptor> segments = group.iterator();
        SegmentRecordCursor[] cursor = {null};
        ReadAhead.Source<LoggedRecord> source =
                () -> {
                    while (cursor[0] == null || !cursor[0].hasNext()) {
                        if (!segments.hasNext()) {
                            return null;
                        }
                        ObjectDescriptor segment = segments.next();
                        cursor[0] =
                                SegmentObjectReader.open(
                                                segment.key(),
                                                new ObjectRangeSource(stores.segments(), segment))
                                        .cursor(segment.startOffset(), segment.endOffset());
                    }
                    return cursor[0].next();
                };
        return new ReadAhead<>(
                "floe-tier-read-" + stream.name() + "-" + partition, BLOCKS_AHEAD, source, null);
    }
}
