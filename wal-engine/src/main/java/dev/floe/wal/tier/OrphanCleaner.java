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
 * uploads left unfinished as long, per partition and among the objects several partitions share
 * (batch objects and shared Parquet objects). A shared object is an orphan only when no partition's
 * descriptor names it and, for a batch object, none of its sections may still be committed. Never
 * touches a committed object or one queued for delayed deletion, and keeps, whatever their age,
 * segment objects that may still await their commit: those of the partition's current writer epoch
 * at or after its committed end (a checkpoint that completed just before its job stopped is
 * committed when the job restores). The bucket is listed before the manifest is read, so an object
 * committed meanwhile is either seen as referenced or younger than the grace period. Thread-safe.
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
        StreamConfig config = manifest.requireStream(stream);
        Run run = new Run(clock.instant().minus(grace), dryRun);
        Listing batches = Listing.of(stores.segments(), BucketLayout.batchPrefix(stream));
        Listing sharedParquet =
                Listing.of(stores.parquet(), BucketLayout.sharedParquetPrefix(stream));
        Set<String> referencedAnywhere = new HashSet<>();
        for (int p = 0; p < config.partitions(); p++) {
            Listing segmentObjects =
                    Listing.of(
                            stores.segments(),
                            BucketLayout.prefix(stream, p, ObjectDescriptor.Kind.SEGMENT));
            Listing parquetObjects =
                    Listing.of(
                            stores.parquet(),
                            BucketLayout.prefix(stream, p, ObjectDescriptor.Kind.PARQUET));
            Set<String> keep = referenced(stream, p);
            keep.addAll(queuedForDeletion());
            referencedAnywhere.addAll(keep);
            PartitionHead head = manifest.head(stream, p);
            run.clean(segmentObjects, keep, key -> mayAwaitCommit(key, head));
            run.clean(parquetObjects, keep, key -> false);
        }
        // Read after every descriptor, so an object replaced meanwhile is seen as queued.
        referencedAnywhere.addAll(queuedForDeletion());
        run.clean(
                batches,
                referencedAnywhere,
                key -> SharedObjectUse.inUse(manifest, stores.segments(), key));
        run.clean(sharedParquet, referencedAnywhere, key -> false);
        Report report =
                new Report(
                        List.copyOf(run.orphans),
                        List.copyOf(run.abandoned),
                        List.copyOf(run.awaiting));
        LOG.info(
                "{} stream {}: {} orphan objects ({} bytes), {} abandoned uploads; kept {} segment"
                        + " objects that may await their commit",
                dryRun ? "Dry run, would clean" : "Cleaned",
                stream,
                report.orphans().size(),
                report.orphanBytes(),
                report.abandonedUploads().size(),
                report.awaitingCommit().size());
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

    /** The objects and unfinished uploads under one prefix of one store. */
    private record Listing(
            ObjectStore store, List<ObjectInfo> objects, List<PendingUpload> uploads) {

        static Listing of(ObjectStore store, String prefix) throws IOException {
            return new Listing(store, store.list(prefix), store.pendingUploads(prefix));
        }
    }

    /** Whether an unreferenced object may still be committed, so must stay. */
    @FunctionalInterface
    private interface CommitCheck {
        boolean mayAwaitCommit(String key) throws IOException;
    }

    /** What one run deletes, or in a dry run would delete. Not thread-safe. */
    private static final class Run {

        private final Instant cutoff;
        private final boolean dryRun;
        private final List<ObjectInfo> orphans = new ArrayList<>();
        private final List<PendingUpload> abandoned = new ArrayList<>();
        private final List<ObjectInfo> awaiting = new ArrayList<>();

        Run(Instant cutoff, boolean dryRun) {
            this.cutoff = cutoff;
            this.dryRun = dryRun;
        }

        /**
         * Deletes the listed objects older than the cutoff that are not in {@code keep} and may not
         * await their commit, and aborts the listed uploads older than the cutoff.
         */
        void clean(Listing listing, Set<String> keep, CommitCheck commits) throws IOException {
            List<ObjectInfo> found = new ArrayList<>();
            for (ObjectInfo o : listing.objects()) {
                if (keep.contains(o.key()) || !o.lastModified().isBefore(cutoff)) {
                    continue;
                }
                if (commits.mayAwaitCommit(o.key())) {
                    awaiting.add(o);
                } else {
                    found.add(o);
                }
            }
            List<PendingUpload> stale =
                    listing.uploads().stream().filter(u -> u.started().isBefore(cutoff)).toList();
            if (!dryRun) {
                listing.store().delete(found.stream().map(ObjectInfo::key).toList());
                for (PendingUpload u : stale) {
                    listing.store().abort(u);
                }
            }
            orphans.addAll(found);
            abandoned.addAll(stale);
        }
    }
}
