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

import dev.floe.wal.error.RetriableFloeException;
import dev.floe.wal.manifest.CommitRequest;
import dev.floe.wal.manifest.CommitResult;
import dev.floe.wal.manifest.CommitStateUnknownException;
import dev.floe.wal.manifest.ManifestException;
import dev.floe.wal.manifest.ManifestKeys;
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.PartitionHead;
import dev.floe.wal.retry.Backoff;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link ManifestStore#commit}: one compare-and-set transaction on the partition head that
 * puts the object descriptors and the new head. A refused commit is classified from the state read
 * in the same transaction; a commit whose request got no answer is resolved by reading the head
 * back (retrying within a time budget) and deciding by commit id, never by guessing. Thread-safe.
 */
public final class KvCommitter {

    private static final Logger LOG = LoggerFactory.getLogger(KvCommitter.class);
    private static final int MAX_ATTEMPTS = 16;

    private final KvStore kv;
    private final ManifestKeys keys;
    private final ManifestCodec codec;
    private final Map<String, VersionedHead> lastHeads;
    private final Backoff.Policy readBack;
    private final BiConsumer<String, Integer> requirePartition;

    /**
     * @param lastHeads heads last written or read per head key: a hint that saves a read before the
     *     transaction (the transaction's comparison keeps it safe)
     * @param readBack pauses between reads of the head after a commit without answer, and how long
     *     to keep reading
     * @param requirePartition throws a {@link ManifestException} if the stream or partition does
     *     not exist
     */
    KvCommitter(
            KvStore kv,
            ManifestKeys keys,
            ManifestCodec codec,
            Map<String, VersionedHead> lastHeads,
            Backoff.Policy readBack,
            BiConsumer<String, Integer> requirePartition) {
        this.kv = kv;
        this.keys = keys;
        this.codec = codec;
        this.lastHeads = lastHeads;
        this.readBack = readBack;
        this.requirePartition = requirePartition;
    }

    /** What is known about the partition: its head and, when read, the object at the start. */
    private record Observed(VersionedHead head, ObjectDescriptor objectAtStart, boolean fresh) {}

    /**
     * Commits several partitions' requests in as few transactions as etcd's limits allow: each
     * transaction compares every head it extends and puts all their descriptors and heads. A
     * transaction that is refused, or whose answer is lost, is resolved request by request with
     * {@link #commit}, so fencing and commit ids stay per partition. Results are in request order.
     */
    List<CommitResult> commitAll(List<CommitRequest> requests) {
        CommitResult[] results = new CommitResult[requests.size()];
        readUncachedHeads(requests);
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            all.add(i);
        }
        commitBatched(requests, all, results, true);
        return List.of(results);
    }

    /**
     * Commits the requests at {@code indices} in batches built on the cached heads; those a batch
     * cannot hold are committed alone. A refused batch (some head moved) has its heads read again
     * and, if {@code retryRefused}, is batched once more.
     */
    private void commitBatched(
            List<CommitRequest> requests,
            List<Integer> indices,
            CommitResult[] results,
            boolean retryRefused) {
        List<Integer> batch = new ArrayList<>();
        List<KvCompare> compares = new ArrayList<>();
        List<KvOp> writes = new ArrayList<>();
        TxnBudget budget = new TxnBudget();
        for (int i : indices) {
            CommitRequest request = requests.get(i);
            String headKey = keys.head(request.stream(), request.partition());
            VersionedHead cached = lastHeads.get(headKey);
            if (cached == null
                    || request.epoch() < 1
                    || !builtOn(request, cached.head())
                    || request.commitId().equals(cached.head().lastCommitId())) {
                results[i] = commit(request);
                continue;
            }
            KvCompare compare = cached.unchanged(headKey);
            List<KvOp> ops = writesOf(request);
            if (!budget.tryAdd(List.of(compare), ops)) {
                sendBatch(requests, List.copyOf(batch), compares, writes, results, retryRefused);
                batch.clear();
                compares.clear();
                writes.clear();
                budget.clear();
                budget.tryAdd(List.of(compare), ops);
            }
            batch.add(i);
            compares.add(compare);
            writes.addAll(ops);
        }
        sendBatch(requests, batch, compares, writes, results, retryRefused);
    }

    private void sendBatch(
            List<CommitRequest> requests,
            List<Integer> batch,
            List<KvCompare> compares,
            List<KvOp> writes,
            CommitResult[] results,
            boolean retryRefused) {
        if (batch.isEmpty()) {
            return;
        }
        KvTxnResult result;
        try {
            result = kv.txn(compares, writes, List.of());
        } catch (KvUnavailableException e) {
            LOG.warn(
                    "{}: a commit of {} partitions got no answer ({}); resolving each",
                    kv.describe(),
                    batch.size(),
                    e.getMessage());
            for (int i : batch) {
                results[i] = commit(requests.get(i));
            }
            return;
        }
        if (result.succeeded()) {
            for (int i : batch) {
                CommitRequest request = requests.get(i);
                PartitionHead newHead =
                        new PartitionHead(request.newEnd(), request.epoch(), request.commitId());
                lastHeads.put(
                        keys.head(request.stream(), request.partition()),
                        new VersionedHead(newHead, result.revision()));
                results[i] = new CommitResult(CommitResult.Status.COMMITTED, newHead);
            }
            LOG.debug(
                    "{}: committed {} partitions at revision {}",
                    kv.describe(),
                    batch.size(),
                    result.revision());
            return;
        }
        readHeads(
                batch.stream()
                        .map(i -> keys.head(requests.get(i).stream(), requests.get(i).partition()))
                        .toList());
        if (retryRefused) {
            commitBatched(requests, List.copyOf(batch), results, false);
        } else {
            for (int i : batch) {
                results[i] = commit(requests.get(i));
            }
        }
    }

    /** Reads, in as few transactions as allowed, the heads no earlier commit or read cached. */
    private void readUncachedHeads(List<CommitRequest> requests) {
        Set<String> missing = new LinkedHashSet<>();
        for (CommitRequest r : requests) {
            String headKey = keys.head(r.stream(), r.partition());
            if (!lastHeads.containsKey(headKey)) {
                missing.add(headKey);
            }
        }
        try {
            readHeads(List.copyOf(missing));
        } catch (KvUnavailableException e) {
            // Each commit reads its own head, and says what failed.
            LOG.debug("{}: cannot read {} heads: {}", kv.describe(), missing.size(), e.toString());
        }
    }

    /** Reads the heads under {@code headKeys} into the cache, 128 per transaction. */
    void readHeads(List<String> headKeys) {
        for (int from = 0; from < headKeys.size(); from += KvStore.MAX_TXN_OPS) {
            List<String> chunk =
                    headKeys.subList(from, Math.min(headKeys.size(), from + KvStore.MAX_TXN_OPS));
            KvTxnResult r = kv.txn(List.of(), chunk.stream().map(KvOp::get).toList(), List.of());
            for (int i = 0; i < chunk.size(); i++) {
                lastHeads.put(chunk.get(i), VersionedHead.of(r.single(i), codec));
            }
        }
    }

    private List<KvOp> writesOf(CommitRequest request) {
        List<KvOp> writes = new ArrayList<>();
        for (ObjectDescriptor o : request.objects()) {
            writes.add(
                    KvOp.put(
                            keys.object(request.stream(), request.partition(), o.startOffset()),
                            codec.encode(o)));
        }
        PartitionHead newHead =
                new PartitionHead(request.newEnd(), request.epoch(), request.commitId());
        writes.add(
                KvOp.put(keys.head(request.stream(), request.partition()), codec.encode(newHead)));
        return writes;
    }

    CommitResult commit(CommitRequest request) {
        Objects.requireNonNull(request, "request");
        String what = describe(request);
        if (request.epoch() < 1) {
            throw new ManifestException(
                    what
                            + ": epoch "
                            + request.epoch()
                            + " was not given by acquire (epochs start at 1); acquire the"
                            + " partition first");
        }
        String headKey = keys.head(request.stream(), request.partition());
        String startKey = keys.object(request.stream(), request.partition(), request.expectedEnd());
        PartitionHead newHead =
                new PartitionHead(request.newEnd(), request.epoch(), request.commitId());
        List<KvOp> writes = writesOf(request);
        List<KvOp> reads = List.of(KvOp.get(headKey), KvOp.get(startKey));
        TxnLimits.check(what, List.of(KvCompare.absent(headKey)), writes);

        VersionedHead cached = lastHeads.get(headKey);
        Observed seen =
                cached != null ? new Observed(cached, null, false) : readBeforeSending(request);
        for (int attempt = 1; ; attempt++) {
            if (isThisCommit(request, seen)) {
                LOG.info("{}: already committed", what);
                return new CommitResult(CommitResult.Status.ALREADY_COMMITTED, seen.head.head());
            }
            if (!builtOn(request, seen.head.head())) {
                if (!seen.fresh) {
                    seen = readBeforeSending(request);
                    continue;
                }
                return refused(request, seen.head);
            }
            if (attempt > MAX_ATTEMPTS) {
                throw new RetriableFloeException(
                        what + ": the head kept changing under " + MAX_ATTEMPTS + " attempts");
            }
            KvTxnResult result;
            try {
                result = kv.txn(List.of(seen.head.unchanged(headKey)), writes, reads);
            } catch (KvUnavailableException e) {
                LOG.warn("{}: outcome unknown ({}); reading it back", what, e.getMessage());
                seen = readBack(request, e);
                continue;
            }
            if (result.succeeded()) {
                lastHeads.put(headKey, new VersionedHead(newHead, result.revision()));
                LOG.debug("{}: committed at revision {}", what, result.revision());
                return new CommitResult(CommitResult.Status.COMMITTED, newHead);
            }
            seen = observed(result.single(0), result.single(1));
            lastHeads.put(headKey, seen.head);
        }
    }

    private boolean isThisCommit(CommitRequest request, Observed seen) {
        if (request.commitId().equals(seen.head.head().lastCommitId())) {
            return true;
        }
        return seen.objectAtStart != null
                && seen.objectAtStart.key().equals(request.objects().get(0).key());
    }

    private static boolean builtOn(CommitRequest request, PartitionHead head) {
        return head.epoch() == request.epoch() && head.committedEnd() == request.expectedEnd();
    }

    private CommitResult refused(CommitRequest request, VersionedHead seen) {
        PartitionHead head = seen.head();
        if (seen.modRevision() == 0) {
            requirePartition.accept(request.stream(), request.partition());
        }
        CommitResult.Status status =
                head.epoch() > request.epoch()
                        ? CommitResult.Status.FENCED
                        : CommitResult.Status.CONFLICT;
        LOG.info(
                "{}: {} (expected epoch {} end {}, the head has epoch {} end {})",
                describe(request),
                status,
                request.epoch(),
                request.expectedEnd(),
                head.epoch(),
                head.committedEnd());
        return new CommitResult(status, head);
    }

    /** Reads the state before anything was sent; failing here means nothing was committed. */
    private Observed readBeforeSending(CommitRequest request) {
        try {
            return read(request);
        } catch (KvUnavailableException e) {
            throw new KvUnavailableException(
                    describe(request)
                            + ": cannot read the partition head, nothing was committed: "
                            + e.getMessage(),
                    e);
        }
    }

    /** Reads the state after a request without answer, retrying within the resolve budget. */
    private Observed readBack(CommitRequest request, KvUnavailableException first) {
        Backoff backoff = readBack.start();
        KvUnavailableException last = first;
        do {
            try {
                return read(request);
            } catch (KvUnavailableException e) {
                last = e;
            }
        } while (backoff.pauseUnlessInterrupted());
        throw new CommitStateUnknownException(
                describe(request)
                        + ": the commit was sent but its outcome could not be read back within "
                        + readBack.budget().toMillis()
                        + " ms ("
                        + last.getMessage()
                        + "); it may have been applied: keep its objects and retry the commit"
                        + " later with the same commit id",
                last);
    }

    private Observed read(CommitRequest request) {
        String headKey = keys.head(request.stream(), request.partition());
        String startKey = keys.object(request.stream(), request.partition(), request.expectedEnd());
        KvTxnResult r =
                kv.txn(List.of(), List.of(KvOp.get(headKey), KvOp.get(startKey)), List.of());
        Observed seen = observed(r.single(0), r.single(1));
        lastHeads.put(headKey, seen.head);
        return seen;
    }

    private Observed observed(KvEntry head, KvEntry objectAtStart) {
        return new Observed(
                VersionedHead.of(head, codec),
                objectAtStart == null ? null : codec.decode(objectAtStart, ObjectDescriptor.class),
                true);
    }

    private String describe(CommitRequest r) {
        return kv.describe()
                + ": commit "
                + r.commitId()
                + " of "
                + r.stream()
                + "/"
                + r.partition()
                + " ["
                + r.expectedEnd()
                + ", "
                + r.newEnd()
                + ") epoch "
                + r.epoch();
    }
}
