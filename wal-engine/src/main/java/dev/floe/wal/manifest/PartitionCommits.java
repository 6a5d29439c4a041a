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
package dev.floe.wal.manifest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Each partition's ownership, head and committed objects: claims that fence earlier writers,
 * compare-and-set commits and compaction swaps, change notifications, and restore points.
 * Implementations are thread-safe.
 */
public interface PartitionCommits {

    /**
     * Takes ownership of a partition: raises its epoch by one (fencing every earlier writer, whose
     * commits fail with {@link CommitResult.Status#FENCED}) and registers {@code owner} under a
     * lease that lives while the claim is kept alive.
     */
    PartitionClaim acquire(String stream, int partition, String owner, Duration leaseTtl);

    /**
     * Takes several partitions of a stream, each as {@link #acquire} does, in as few requests as
     * the store allows; the claims may share one lease, released when the last of them is closed.
     * Returns the claims in the order of {@code partitions}. If it fails, no claim is held.
     */
    default List<PartitionClaim> acquireAll(
            String stream, List<Integer> partitions, String owner, Duration leaseTtl) {
        List<PartitionClaim> claims = new ArrayList<>();
        try {
            for (int p : partitions) {
                claims.add(acquire(stream, p, owner, leaseTtl));
            }
            return claims;
        } catch (RuntimeException e) {
            claims.forEach(PartitionClaim::close);
            throw e;
        }
    }

    /** Registers several advertisements, each as {@link PartitionClaim#advertise} does. */
    default void advertiseAll(List<Advertisement> advertisements) {
        for (Advertisement a : advertisements) {
            a.claim()
                    .advertise(
                            a.tailEndpoint(), a.walDirectory(), a.walHolder(), a.schemaVersion());
        }
    }

    PartitionHead head(String stream, int partition);

    /** The partition's current writer, while its lease is alive. */
    Optional<WriterInfo> writer(String stream, int partition);

    /**
     * Commits objects in one transaction: compares epoch and committed end, then puts the
     * descriptors and the new head with the commit id. A timeout is resolved by reading the head
     * back; if that is impossible too, {@link CommitStateUnknownException}.
     */
    CommitResult commit(CommitRequest request);

    /**
     * Commits several requests (usually one writer's partitions at one checkpoint), each exactly as
     * {@link #commit} would, in as few transactions as the store allows. Results are in request
     * order.
     */
    default List<CommitResult> commitAll(List<CommitRequest> requests) {
        return requests.stream().map(this::commit).toList();
    }

    /** The heads of {@code partitions} of a stream, read in as few requests as the store allows. */
    default Map<Integer, PartitionHead> heads(String stream, Collection<Integer> partitions) {
        Map<Integer, PartitionHead> heads = new TreeMap<>();
        for (int p : partitions) {
            heads.put(p, head(stream, p));
        }
        return heads;
    }

    /**
     * The descriptors starting exactly at each of {@code positions} (empty where none does), in
     * order, read in as few requests as the store allows.
     */
    default List<Optional<ObjectDescriptor>> objectsAt(
            String stream, List<ObjectPosition> positions) {
        return positions.stream()
                .map(
                        at ->
                                objects(
                                                stream,
                                                at.partition(),
                                                at.startOffset(),
                                                at.startOffset() + 1)
                                        .stream()
                                        .filter(o -> o.startOffset() == at.startOffset())
                                        .findFirst())
                .toList();
    }

    /** Descriptors of the objects overlapping {@code [fromOffset, toOffset)}, in offset order. */
    List<ObjectDescriptor> objects(String stream, int partition, long fromOffset, long toOffset);

    /**
     * {@link #objects(String, int, long, long)} of each range, in order, read in as few requests as
     * the store allows.
     */
    default List<List<ObjectDescriptor>> objects(String stream, List<ObjectRange> ranges) {
        return ranges.stream()
                .map(r -> objects(stream, r.partition(), r.fromOffset(), r.toOffset()))
                .toList();
    }

    /**
     * Replaces contiguous objects by one covering the same range (compaction), in one transaction
     * that also queues the replaced objects for deletion after {@code deleteReplacedAfter}. The
     * transaction compares the revision of every replaced object and whatever {@code fence} asks
     * for. Returns false, changing nothing, if a replaced object is gone or changed, or {@code
     * fence} refuses the partition's head.
     */
    boolean swap(
            String stream,
            int partition,
            SwapFence fence,
            List<ObjectDescriptor> replaced,
            ObjectDescriptor replacement,
            Instant deleteReplacedAfter);

    /**
     * {@link #swap(String, int, SwapFence, List, ObjectDescriptor, Instant)} fenced by the writer
     * epoch: returns false, changing nothing, if the epoch moved or a replaced object is gone.
     */
    default boolean swap(
            String stream,
            int partition,
            long epoch,
            List<ObjectDescriptor> replaced,
            ObjectDescriptor replacement,
            Instant deleteReplacedAfter) {
        return swap(
                stream,
                partition,
                SwapFence.writerEpoch(epoch),
                replaced,
                replacement,
                deleteReplacedAfter);
    }

    /**
     * Several partitions' swaps of one stream, each exactly as {@link #swap(String, int, SwapFence,
     * List, ObjectDescriptor, Instant)} would do it, in as few transactions as the store allows;
     * results in request order.
     */
    default List<Boolean> swapAll(String stream, List<SwapRequest> swaps) {
        return swaps.stream()
                .map(
                        s ->
                                swap(
                                        stream,
                                        s.partition(),
                                        s.fence(),
                                        s.replaced(),
                                        s.replacement(),
                                        s.deleteReplacedAfter()))
                .toList();
    }

    /**
     * Calls {@code listener} with every change to the stream's heads and objects from now on, in
     * the order they were made. Close the returned handle to stop.
     */
    AutoCloseable watch(String stream, Consumer<ManifestEvent> listener);

    /**
     * Publishes where a restored writer checkpoint ends in a partition, under {@code token} (for
     * example a job and checkpoint id), for {@code ttl}. A writer that restores a partition it does
     * not own uses this to hand the position to the partition's owner. Publishing the same token
     * again replaces the value.
     */
    void putRestorePoint(String stream, int partition, String token, long end, Duration ttl);

    /** The end published under {@code token}, if it is there and its ttl has not passed. */
    OptionalLong restorePoint(String stream, int partition, String token);
}
