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

import dev.floe.wal.manifest.TieringClaim;

/**
 * A {@link TieringClaim} backed by a lease of a {@link KvStore} that is kept alive in the
 * background; closing it stops the renewals and revokes the lease, deleting the claim's key.
 * Thread-safe.
 */
final class KvTieringClaim implements TieringClaim {

    private final String stream;
    private final int partition;
    private final String owner;
    private final KvHeldLease lease;

    KvTieringClaim(
            KvStore kv,
            String stream,
            int partition,
            String owner,
            long leaseId,
            KvLeaseKeeper keeper) {
        this.stream = stream;
        this.partition = partition;
        this.owner = owner;
        this.lease = new KvHeldLease(kv, leaseId, keeper);
    }

    @Override
    public String stream() {
        return stream;
    }

    @Override
    public int partition() {
        return partition;
    }

    @Override
    public String owner() {
        return owner;
    }

    @Override
    public boolean isAlive() {
        return lease.isAlive();
    }

    @Override
    public void close() {
        lease.release(() -> "the " + this);
    }

    @Override
    public String toString() {
        return "tiering claim of " + owner + " on " + stream + "/" + partition;
    }
}
