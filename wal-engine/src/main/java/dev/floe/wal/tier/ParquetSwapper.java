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

import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.ObjectRange;
import dev.floe.wal.manifest.SwapFence;
import dev.floe.wal.manifest.SwapRequest;
import dev.floe.wal.object.ObjectStore;
import java.io.IOException;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Swaps the Parquet objects a writer built from a partition's WAL into the manifest, each in place
 * of exactly the segment objects of its range, fenced by the writer's epoch; and deletes those it
 * will never swap. A swap whose answer was lost is recognised when it is tried again. Thread-safe.
 */
final class ParquetSwapper {

    private static final Logger LOG = LoggerFactory.getLogger(ParquetSwapper.class);

    private final ManifestStore manifest;
    private final ObjectStore store;
    private final String stream;
    private final int partition;
    private final long epoch;
    private final TierOptions options;
    private final Clock clock;
    private final TableCommits tableCommits;

    ParquetSwapper(
            ManifestStore manifest,
            ObjectStore store,
            String stream,
            int partition,
            long epoch,
            TierOptions options,
            Clock clock,
            TableCommits tableCommits) {
        this.manifest = manifest;
        this.store = store;
        this.stream = stream;
        this.partition = partition;
        this.epoch = epoch;
        this.options = options;
        this.clock = clock;
        this.tableCommits = tableCommits;
    }

    /**
     * Swaps {@code object} in, once its range is committed.
     *
     * @throws TieringFencedException if the swap was refused (another writer or tierer changed the
     *     partition); the object is deleted unless other partitions share it
     */
    void swap(ObjectDescriptor object) throws IOException {
        SwapRequest request =
                request(
                        manifest.objects(
                                stream, partition, object.startOffset(), object.endOffset()),
                        object);
        if (request != null
                && !manifest.swap(
                        stream,
                        partition,
                        request.fence(),
                        request.replaced(),
                        object,
                        request.deleteReplacedAfter())) {
            throw refused(object);
        }
        swapped(object, request);
        tableCommits.swapped(stream, Map.of(partition, object));
    }

    /** Where the swaps of this partition are committed to the stream's table. */
    TableCommits tableCommits() {
        return tableCommits;
    }

    /** The partition's range of {@code object}, for {@link #request}. */
    ObjectRange range(ObjectDescriptor object) {
        return new ObjectRange(partition, object.startOffset(), object.endOffset());
    }

    /**
     * The swap of {@code object} in place of {@code found}, the descriptors the manifest holds in
     * its range; null if an earlier attempt was applied though its answer was lost.
     *
     * @throws TieringFencedException if {@code found} are not exactly segment objects of the range
     *     (another writer or tierer changed the partition); the object is deleted unless shared
     */
    SwapRequest request(List<ObjectDescriptor> found, ObjectDescriptor object) throws IOException {
        if (found.equals(List.of(object))) {
            return null;
        }
        boolean exact =
                !found.isEmpty()
                        && found.stream().allMatch(o -> o.kind() == ObjectDescriptor.Kind.SEGMENT)
                        && found.get(0).startOffset() == object.startOffset()
                        && found.get(found.size() - 1).endOffset() == object.endOffset();
        if (!exact) {
            throw refused(object);
        }
        return new SwapRequest(
                partition,
                SwapFence.writerEpoch(epoch),
                found,
                object,
                clock.instant().plus(options.supersededGrace()));
    }

    /**
     * The failure of a refused swap of {@code object}, which is deleted unless other partitions
     * share it.
     */
    TieringFencedException refused(ObjectDescriptor object) throws IOException {
        if (!BucketLayout.isSharedParquetKey(object.key())) {
            store.delete(List.of(object.key()));
        }
        return new TieringFencedException(
                "the swap of ["
                        + object.startOffset()
                        + ", "
                        + object.endOffset()
                        + ") was refused: another writer or tierer changed the partition");
    }

    /** Logs the swap of {@code object} by {@code request}, null if it was found applied. */
    void swapped(ObjectDescriptor object, SwapRequest request) {
        swapped(object, request == null ? 0 : request.replaced().size());
    }

    private void swapped(ObjectDescriptor object, int segments) {
        LOG.info(
                "Tiered {}/{} [{}, {}) from the WAL into {} ({} bytes, {} segment objects)",
                stream,
                partition,
                object.startOffset(),
                object.endOffset(),
                object.key(),
                object.sizeBytes(),
                segments);
    }

    /**
     * Deletes those of {@code unswapped}, finished objects in offset order, that the manifest does
     * not reference; shared objects, which other partitions may reference, are left to the orphan
     * cleaner. One whose swap had an unknown outcome may be referenced; when the manifest cannot
     * tell, the objects stay for the orphan cleaner.
     */
    void abandon(Collection<ObjectDescriptor> unswapped) {
        if (unswapped.isEmpty()) {
            return;
        }
        long from = unswapped.stream().mapToLong(ObjectDescriptor::startOffset).min().orElseThrow();
        long to = unswapped.stream().mapToLong(ObjectDescriptor::endOffset).max().orElseThrow();
        try {
            List<ObjectDescriptor> referenced = manifest.objects(stream, partition, from, to);
            store.delete(
                    unswapped.stream()
                            .filter(o -> !referenced.contains(o))
                            .filter(o -> !BucketLayout.isSharedParquetKey(o.key()))
                            .map(ObjectDescriptor::key)
                            .toList());
        } catch (IOException | RuntimeException e) {
            LOG.debug("Deleting unswapped Parquet objects of {}/{} failed", stream, partition, e);
        }
    }
}
