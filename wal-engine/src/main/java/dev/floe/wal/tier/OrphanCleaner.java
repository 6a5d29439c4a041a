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

import dev.floe.wal.manifest.GcEntry;
import dev.floe.wal.manifest.ManifestException;
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.PartitionHead;
import dev.floe.wal.manifest.StreamConfig;
import dev.floe.wal.object.ObjectInfo;
import dev.floe.wal.object.ObjectStore;
import dev.floe.wal.object.PendingUpload;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes objects of a stream that no manifest references and that are older than a grace period
 * (uploads of checkpoints that never completed, objects of fenced writers), and aborts streaming
 * uploads left unfinished as long, per partition and among the stream's batch objects. A batch
 * object, shared by several partitions, is an orphan only when no partition's descriptor names it
 * and none of its sections may still be committed. Never touches a committed object or one queued
 * for delayed deletion, and keeps, whatever their age, segment objects that may still await their
 * commit: those of the partition's current writer epoch at or after its committed end (a checkpoint
 * that completed just before its job stopped is committed when the job restores). The bucket is
 * listed before the manifest is read, so an object committed meanwhile is either seen as referenced
 * or younger than the grace period. Thread-safe.
 */
public final class OrphanCleaner {

    private static final Logger LOG = LoggerFactory.getLogger(OrphanCleaner.class);

    private final ManifestStore manifest;
    private final TierStores stores;
    private final Duration grace;
    private final Clock clock;

    /**
     * @param grace how old an unreferenced object or unfinished upload must be before it is
     *     removed; must exceed the longest time between the start of an upload and its commit (a
     *     checkpoint interval plus the checkpoint timeout)
     */
    public OrphanCleaner(ManifestStore manifest, TierStores stores, Duration grace, Clock clock) {
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace period must not be negative: " + grace);
        }
        this.manifest = manifest;
        this.stores = stores;
        this.grace = grace;
        this.clock = clock;
    }

    /** What a run deleted (or, in a dry run, would delete). Immutable. */
    public record Report(
            List<ObjectInfo> orphans,
            List<PendingUpload> abandonedUploads,
            List<ObjectInfo> awaitingCommit) {

        public long orphanBytes() {
            return orphans.stream().mapToLong(ObjectInfo::size).sum();
        }
    }

    /** Cleans every partition of {@code stream}; with {@code dryRun} only reports. */
    public Report clean(String stream, boolean dryRun) throws IOException {
        StreamConfig config =
                manifest.stream(stream)
                        .orElseThrow(
                                () ->
                                        new ManifestException(
                                                "Stream "
                                                        + stream
                                                        + " does not exist in "
                                                        + manifest.describe()));
        Instant cutoff = clock.instant().minus(grace);
        List<ObjectInfo> orphans = new ArrayList<>();
        List<PendingUpload> abandoned = new ArrayList<>();
        List<ObjectInfo> awaiting = new ArrayList<>();
        ObjectStore segments = stores.segments();
        String batches = BucketLayout.batchPrefix(stream);
        List<ObjectInfo> batchObjects = segments.list(batches);
        List<PendingUpload> batchUploads = segments.pendingUploads(batches);
        Set<String> referencedAnywhere = new HashSet<>();
        for (int p = 0; p < config.partitions(); p++) {
            List<List<ObjectInfo>> listedByKind = new ArrayList<>();
            List<List<PendingUpload>> uploadsByKind = new ArrayList<>();
            for (ObjectDescriptor.Kind kind : ObjectDescriptor.Kind.values()) {
                String prefix = BucketLayout.prefix(stream, p, kind);
                listedByKind.add(stores.store(kind).list(prefix));
                uploadsByKind.add(stores.store(kind).pendingUploads(prefix));
            }
            Set<String> keep = referenced(stream, p);
            keep.addAll(queuedForDeletion());
            referencedAnywhere.addAll(keep);
            PartitionHead head = manifest.head(stream, p);
            for (ObjectDescriptor.Kind kind : ObjectDescriptor.Kind.values()) {
                ObjectStore store = stores.store(kind);
                List<ObjectInfo> listed = listedByKind.get(kind.ordinal());
                List<PendingUpload> uploads = uploadsByKind.get(kind.ordinal());
                List<ObjectInfo> found = new ArrayList<>();
                for (ObjectInfo o : listed) {
                    if (keep.contains(o.key()) || !o.lastModified().isBefore(cutoff)) {
                        continue;
                    }
                    if (kind == ObjectDescriptor.Kind.SEGMENT && mayAwaitCommit(o.key(), head)) {
                        awaiting.add(o);
                    } else {
                        found.add(o);
                    }
                }
                List<PendingUpload> stale =
                        uploads.stream().filter(u -> u.started().isBefore(cutoff)).toList();
                if (!dryRun) {
                    store.delete(found.stream().map(ObjectInfo::key).toList());
                    for (PendingUpload u : stale) {
                        store.abort(u);
                    }
                }
                orphans.addAll(found);
                abandoned.addAll(stale);
            }
        }
        // Read after every descriptor, so an object replaced meanwhile is seen as queued.
        referencedAnywhere.addAll(queuedForDeletion());
        List<ObjectInfo> batchOrphans = new ArrayList<>();
        for (ObjectInfo o : batchObjects) {
            if (referencedAnywhere.contains(o.key()) || !o.lastModified().isBefore(cutoff)) {
                continue;
            }
            if (BatchObjectUse.inUse(manifest, segments, o.key())) {
                awaiting.add(o);
            } else {
                batchOrphans.add(o);
            }
        }
        List<PendingUpload> staleBatchUploads =
                batchUploads.stream().filter(u -> u.started().isBefore(cutoff)).toList();
        if (!dryRun) {
            segments.delete(batchOrphans.stream().map(ObjectInfo::key).toList());
            for (PendingUpload u : staleBatchUploads) {
                segments.abort(u);
            }
        }
        orphans.addAll(batchOrphans);
        abandoned.addAll(staleBatchUploads);
        Report report =
                new Report(List.copyOf(orphans), List.copyOf(abandoned), List.copyOf(awaiting));
        LOG.info(
                "{} stream {}: {} orphan objects ({} bytes), {} abandoned uploads; kept {} segment"
                        + " objects that may await their commit",
                dryRun ? "Dry run, would clean" : "Cleaned",
                stream,
                orphans.size(),
                report.orphanBytes(),
                abandoned.size(),
                awaiting.size());
        return report;
    }

    /**
     * Whether an unreferenced segment object may be part of a completed checkpoint not yet
     * committed.
     */
    private static boolean mayAwaitCommit(String key, PartitionHead head) {
        return BucketLayout.parseSegmentKey(key)
                .map(k -> head.mayStillCommit(k.epoch(), k.start()))
                .orElse(false);
    }

    private Set<String> referenced(String stream, int partition) {
        Set<String> keys = new HashSet<>();
        for (ObjectDescriptor d : manifest.objects(stream, partition, 0, Long.MAX_VALUE)) {
            keys.add(d.key());
        }
        return keys;
    }

    private Set<String> queuedForDeletion() {
        Set<String> keys = new HashSet<>();
        for (GcEntry e : manifest.gcDue(Instant.ofEpochMilli(Long.MAX_VALUE), Integer.MAX_VALUE)) {
            keys.add(e.objectKey());
        }
        return keys;
    }
}
