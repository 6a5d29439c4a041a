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

import dev.floe.wal.manifest.ManifestException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A small key-value store with etcd's semantics: string keys sorted by their UTF-8 bytes, a store
 * revision raised by every change, per-key versions and revisions, compare-and-set transactions,
 * leases and ordered watches. The manifest logic ({@link KvManifestStore}) is written once against
 * this interface. Implementations are thread-safe.
 *
 * <p>Failures to reach the store are {@link KvUnavailableException}s (for a transaction, an unknown
 * outcome); other failures are {@link ManifestException}s naming the store and key.
 */
public interface KvStore extends AutoCloseable {

    /** The largest number of operations in one branch of a transaction (etcd's default). */
    int MAX_TXN_OPS = 128;

    /** The largest request in bytes (etcd's default {@code --max-request-bytes}). */
    int MAX_REQUEST_BYTES = 1536 * 1024;

    default Optional<KvEntry> get(String key) {
        List<KvEntry> found = range(KvRange.key(key));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    List<KvEntry> range(KvRange range);

    /**
     * Runs {@code ifTrue} if every comparison holds, else {@code ifFalse}, atomically at one
     * revision. A branch must not write the same key twice (etcd rejects it).
     */
    KvTxnResult txn(List<KvCompare> compares, List<KvOp> ifTrue, List<KvOp> ifFalse);

    /**
     * Grants a lease that expires {@code ttl} after its last renewal; returns its id. etcd rounds
     * the ttl up to whole seconds and to its minimum (about 1.5 election timeouts).
     */
    long grantLease(Duration ttl);

    /** Renews the lease in the background until the returned keeper is closed. */
    KvLeaseKeeper keepAlive(long leaseId, Duration ttl);

    /** Revokes a lease, deleting its keys; a lease that is already gone is ignored. */
    void revokeLease(long leaseId);

    /** The store's current revision. */
    long currentRevision();

    /**
     * Calls {@code listener} on one thread, in revision order, with every change to keys starting
     * with {@code prefix} from {@code fromRevision} on. Close the handle to stop.
     */
    AutoCloseable watch(String prefix, long fromRevision, Consumer<KvEvent> listener);

    /** Where the store is, for messages. */
    String describe();

    @Override
    void close();
}
