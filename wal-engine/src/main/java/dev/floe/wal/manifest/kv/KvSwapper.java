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
import dev.floe.wal.retry.Backoff;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
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
        Objects.requireNonNull(fence, "fence");
        Objects.requireNonNull(replacement, "replacement");
        Objects.requireNonNull(deleteReplacedAfter, "deleteReplacedAfter");
        replaced = List.copyOf(replaced);
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
            GcEntry gc = new GcEntry(old.kind(), old.key(), deleteReplacedAfter);
            if (queued.add(keys.gc(gc))) {
                writes.add(KvOp.put(keys.gc(gc), codec.encode(ManifestCodec.StoredGcEntry.of(gc))));
            }
        }
        TxnLimits.check(
                what, reads.stream().map(r -> KvCompare.modRevision(r.key(), 0)).toList(), writes);

        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            KvTxnResult snapshot = kv.txn(List.of(), reads, List.of());
            VersionedHead head = VersionedHead.of(snapshot.single(0), codec);
            if (!fence.admits(head.head())) {
                LOG.info(
                        "{}: refused, epoch is {}, fenced by {}", what, head.head().epoch(), fence);
                return false;
            }
            List<KvCompare> compares = new ArrayList<>();
            if (fence.comparesHead()) {
                compares.add(head.unchanged(headKey));
            }
            for (int i = 0; i < replaced.size(); i++) {
                KvEntry found = snapshot.single(i + 1);
                if (found == null
                        || !codec.decode(found, ObjectDescriptor.class).equals(replaced.get(i))) {
                    LOG.info("{}: refused, {} is no longer in the manifest", what, replaced.get(i));
                    return false;
                }
                compares.add(KvCompare.modRevision(found.key(), found.modRevision()));
            }
            try {
                if (kv.txn(compares, writes, List.of()).succeeded()) {
                    LOG.info("{}: swapped {} objects", what, replaced.size());
                    return true;
                }
            } catch (KvUnavailableException e) {
                LOG.warn("{}: outcome unknown ({}); reading it back", what, e.getMessage());
                if (readBackApplied(what, replacementKey, replacement, e)) {
                    return true;
                }
            }
        }
        LOG.info("{}: refused, the partition kept changing", what);
        return false;
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
