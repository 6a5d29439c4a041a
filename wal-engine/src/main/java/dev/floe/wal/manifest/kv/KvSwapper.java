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

import dev.floe.wal.manifest.CommitStateUnknownException;
import dev.floe.wal.manifest.GcEntry;
import dev.floe.wal.manifest.ManifestKeys;
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.SwapFence;
import dev.floe.wal.manifest.SwapRequest;
import dev.floe.wal.retry.Backoff;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link ManifestStore#swap}: replaces contiguous objects by one covering the same range and
 * queues the replaced ones for deletion, in one transaction that compares every replaced key's
 * revision and, when the {@link SwapFence} asks for the writer epoch, the head. A commit racing a
 * fenced swap only makes it read again; a swap whose request got no answer is resolved by reading
 * back the key of the replacement. Thread-safe.
 */
public final class KvSwapper {

    private static final Logger LOG = LoggerFactory.getLogger(KvSwapper.class);
    private static final int MAX_ATTEMPTS = 16;
    private static final int BATCH_ATTEMPTS = 3;

    private final KvStore kv;
    private final ManifestKeys keys;
    private final ManifestCodec codec;
    private final Backoff.Policy readBack;

    KvSwapper(KvStore kv, ManifestKeys keys, ManifestCodec codec, Backoff.Policy readBack) {
        this.kv = kv;
        this.keys = keys;
        this.codec = codec;
        this.readBack = readBack;
    }

    boolean swap(
            String stream,
            int partition,
            SwapFence fence,
            List<ObjectDescriptor> replaced,
            ObjectDescriptor replacement,
            Instant deleteReplacedAfter) {
        Prepared swap =
                prepare(
                        stream,
                        new SwapRequest(
                                partition, fence, replaced, replacement, deleteReplacedAfter));
        TxnLimits.check(swap.what, swap.compareShapes(), swap.writes);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            KvTxnResult snapshot = kv.txn(List.of(), swap.reads, List.of());
            List<KvCompare> compares = swap.compares(snapshot, 0);
            if (compares == null) {
                return false;
            }
            try {
                if (kv.txn(compares, swap.writes, List.of()).succeeded()) {
                    LOG.info("{}: swapped {} objects", swap.what, swap.request.replaced().size());
                    return true;
                }
            } catch (KvUnavailableException e) {
                LOG.warn("{}: outcome unknown ({}); reading it back", swap.what, e.getMessage());
                if (swap.readBackApplied(e)) {
                    return true;
                }
            }
        }
        LOG.info("{}: refused, the partition kept changing", swap.what);
        return false;
    }

    /**
     * Swaps of one stream's partitions, as many in each transaction as etcd's limits allow; a
     * transaction refused as a whole (one of its partitions changed) is retried partition by
     * partition.
     */
    List<Boolean> swapAll(String stream, List<SwapRequest> requests) {
        Boolean[] results = new Boolean[requests.size()];
        List<Integer> batch = new ArrayList<>();
        List<Prepared> prepared = new ArrayList<>();
        for (SwapRequest r : requests) {
            Prepared swap = prepare(stream, r);
            TxnLimits.check(swap.what, swap.compareShapes(), swap.writes);
            prepared.add(swap);
        }
        TxnBudget reads = new TxnBudget();
        TxnBudget writes = new TxnBudget();
        for (int i = 0; i < prepared.size(); i++) {
            Prepared swap = prepared.get(i);
            if (!reads.tryAdd(List.of(), swap.reads)
                    || !writes.tryAdd(swap.compareShapes(), swap.writes)) {
                sendBatch(prepared, batch, results);
                batch = new ArrayList<>();
                reads.clear();
                writes.clear();
                reads.tryAdd(List.of(), swap.reads);
                writes.tryAdd(swap.compareShapes(), swap.writes);
            }
            batch.add(i);
        }
        if (!batch.isEmpty()) {
            sendBatch(prepared, batch, results);
        }
        return List.of(results);
    }

    /**
     * Sends the swaps at {@code batch} together; a transaction refused as a whole (a commit moved a
     * head meanwhile) is read and sent again, up to {@value #BATCH_ATTEMPTS} times, before each
     * swap left is tried alone.
     */
    private void sendBatch(List<Prepared> prepared, List<Integer> batch, Boolean[] results) {
        List<Integer> undecided = batch;
        for (int attempt = 1; attempt <= BATCH_ATTEMPTS && undecided.size() > 1; attempt++) {
            undecided = sendOnce(prepared, undecided, results);
        }
        for (int i : undecided) {
            results[i] = swapOne(prepared.get(i));
        }
    }

    /** Reads and sends the swaps at {@code batch} once; returns those a refusal left undecided. */
    private List<Integer> sendOnce(
            List<Prepared> prepared, List<Integer> batch, Boolean[] results) {
        List<KvOp> reads = new ArrayList<>();
        for (int i : batch) {
            reads.addAll(prepared.get(i).reads);
        }
        KvTxnResult snapshot = kv.txn(List.of(), reads, List.of());
        List<Integer> going = new ArrayList<>();
        List<KvCompare> compares = new ArrayList<>();
        List<KvOp> writes = new ArrayList<>();
        // Partitions that replace sections of one batch object queue the same deletion entry.
        Set<String> written = new HashSet<>();
        int read = 0;
        for (int i : batch) {
            Prepared swap = prepared.get(i);
            List<KvCompare> own = swap.compares(snapshot, read);
            read += swap.reads.size();
            if (own == null) {
                results[i] = false;
            } else {
                going.add(i);
                compares.addAll(own);
                swap.writes.stream().filter(w -> written.add(w.key())).forEach(writes::add);
            }
        }
        if (going.isEmpty()) {
            return List.of();
        }
        boolean applied;
        try {
            applied = kv.txn(compares, writes, List.of()).succeeded();
        } catch (KvUnavailableException e) {
            Prepared first = prepared.get(going.get(0));
            LOG.warn(
                    "{} and {} more swaps: outcome unknown ({}); reading it back",
                    first.what,
                    going.size() - 1,
                    e.getMessage());
            applied = first.readBackApplied(e);
        }
        if (!applied) {
            return going;
        }
        for (int i : going) {
            LOG.info(
                    "{}: swapped {} objects",
                    prepared.get(i).what,
                    prepared.get(i).request.replaced().size());
            results[i] = true;
        }
        return List.of();
    }

    private boolean swapOne(Prepared swap) {
        SwapRequest r = swap.request;
        return swap(
                swap.stream,
                r.partition(),
                r.fence(),
                r.replaced(),
                r.replacement(),
                r.deleteReplacedAfter());
    }

    private Prepared prepare(String stream, SwapRequest request) {
        ObjectDescriptor replacement = request.replacement();
        List<ObjectDescriptor> replaced = request.replaced();
        int partition = request.partition();
        String what =
                kv.describe()
                        + ": swap of "
                        + stream
                        + "/"
                        + partition
                        + " ["
                        + replacement.startOffset()
                        + ", "
                        + replacement.endOffset()
                        + ") to "
                        + replacement.key();
        validate(what, replaced, replacement);
        String headKey = keys.head(stream, partition);
        String replacementKey = keys.object(stream, partition, replacement.startOffset());
        List<KvOp> reads = new ArrayList<>();
        reads.add(KvOp.get(headKey));
        List<KvOp> writes = new ArrayList<>();
        writes.add(KvOp.put(replacementKey, codec.encode(replacement)));
        for (ObjectDescriptor old : replaced) {
            String key = keys.object(stream, partition, old.startOffset());
            reads.add(KvOp.get(key));
            if (!key.equals(replacementKey)) {
                writes.add(KvOp.delete(key));
            }
        }
        // Sections of one batch object share its key, and so its deletion entry.
        Set<String> queued = new HashSet<>();
        for (ObjectDescriptor old : replaced) {
            GcEntry gc = new GcEntry(old.kind(), old.key(), request.deleteReplacedAfter());
            if (queued.add(keys.gc(gc))) {
                writes.add(KvOp.put(keys.gc(gc), codec.encode(ManifestCodec.StoredGcEntry.of(gc))));
            }
        }
        return new Prepared(stream, request, what, headKey, replacementKey, reads, writes);
    }

    /** One swap, ready to send: what it reads, and what it writes if they are unchanged. */
    private final class Prepared {
        final String stream;
        final SwapRequest request;
        final String what;
        final String headKey;
        final String replacementKey;
        final List<KvOp> reads;
        final List<KvOp> writes;

        Prepared(
                String stream,
                SwapRequest request,
                String what,
                String headKey,
                String replacementKey,
                List<KvOp> reads,
                List<KvOp> writes) {
            this.stream = stream;
            this.request = request;
            this.what = what;
            this.headKey = headKey;
            this.replacementKey = replacementKey;
            this.reads = reads;
            this.writes = writes;
        }

        /** Compares of the same keys as the swap's, for checking limits before anything is read. */
        List<KvCompare> compareShapes() {
            return reads.stream().map(r -> KvCompare.modRevision(r.key(), 0)).toList();
        }

        /**
         * The compares that make the swap's writes safe, from the reads at {@code first} in {@code
         * snapshot}; null, logging why, if the swap is refused.
         */
        List<KvCompare> compares(KvTxnResult snapshot, int first) {
            VersionedHead head = VersionedHead.of(snapshot.single(first), codec);
            if (!request.fence().admits(head.head())) {
                LOG.info(
                        "{}: refused, epoch is {}, fenced by {}",
                        what,
                        head.head().epoch(),
                        request.fence());
                return null;
            }
            List<KvCompare> compares = new ArrayList<>();
            if (request.fence().comparesHead()) {
                compares.add(head.unchanged(headKey));
            }
            List<ObjectDescriptor> replaced = request.replaced();
            for (int i = 0; i < replaced.size(); i++) {
                KvEntry found = snapshot.single(first + i + 1);
                if (found == null
                        || !codec.decode(found, ObjectDescriptor.class).equals(replaced.get(i))) {
                    LOG.info("{}: refused, {} is no longer in the manifest", what, replaced.get(i));
                    return null;
                }
                compares.add(KvCompare.modRevision(found.key(), found.modRevision()));
            }
            return compares;
        }

        boolean readBackApplied(KvUnavailableException first) {
            return KvSwapper.this.readBackApplied(
                    what, replacementKey, request.replacement(), first);
        }
    }

    private boolean readBackApplied(
            String what, String key, ObjectDescriptor replacement, KvUnavailableException first) {
        Backoff backoff = readBack.start();
        KvUnavailableException last = first;
        do {
            try {
                return kv.get(key)
                        .map(e -> codec.decode(e, ObjectDescriptor.class).equals(replacement))
                        .orElse(false);
            } catch (KvUnavailableException e) {
                last = e;
            }
        } while (backoff.pauseUnlessInterrupted());
        throw new CommitStateUnknownException(
                what
                        + ": sent but its outcome could not be read back within "
                        + readBack.budget().toMillis()
                        + " ms; it may have been applied: keep the replacement object and retry"
                        + " later",
                last);
    }

    private static void validate(
            String what, List<ObjectDescriptor> replaced, ObjectDescriptor replacement) {
        if (replaced.isEmpty()) {
            throw new IllegalArgumentException(what + ": no objects to replace");
        }
        long next = replaced.get(0).startOffset();
        Set<String> keys = new HashSet<>();
        for (ObjectDescriptor o : replaced) {
            if (o.startOffset() != next) {
                throw new IllegalArgumentException(
                        what
                                + ": replaced objects must be contiguous, "
                                + o.key()
                                + " starts at "
                                + o.startOffset()
                                + " instead of "
                                + next);
            }
            if (!keys.add(o.kind() + "/" + o.key() + "@" + o.sectionOffset())) {
                throw new IllegalArgumentException(what + ": " + o.key() + " is listed twice");
            }
            next = o.endOffset();
        }
        if (replacement.startOffset() != replaced.get(0).startOffset()
                || replacement.endOffset() != next) {
            throw new IllegalArgumentException(
                    what
                            + ": the replacement must cover exactly ["
                            + replaced.get(0).startOffset()
                            + ", "
                            + next
                            + "), the range of the replaced objects");
        }
        if (keys.contains(replacement.kind() + "/" + replacement.key())) {
            throw new IllegalArgumentException(
                    what
                            + ": the replacement is one of the replaced objects (it would be deleted)");
        }
    }
}
