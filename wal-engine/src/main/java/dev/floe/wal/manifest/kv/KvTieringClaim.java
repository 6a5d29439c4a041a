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

import dev.floe.wal.error.FloeException;
import dev.floe.wal.manifest.TieringClaim;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TieringClaim} backed by a lease of a {@link KvStore} that is kept alive in the
 * background; closing it stops the renewals and revokes the lease, deleting the claim's key.
 * Thread-safe.
 */
final class KvTieringClaim implements TieringClaim {

    private static final Logger LOG = LoggerFactory.getLogger(KvTieringClaim.class);

    private final KvStore kv;
    private final String stream;
    private final int partition;
    private final String owner;
    private final long leaseId;
    private final KvLeaseKeeper keeper;
    private final AtomicBoolean closed = new AtomicBoolean();

    KvTieringClaim(
            KvStore kv,
            String stream,
            int partition,
            String owner,
            long leaseId,
            KvLeaseKeeper keeper) {
        this.kv = kv;
        this.stream = stream;
        this.partition = partition;
        this.owner = owner;
        this.leaseId = leaseId;
        this.keeper = keeper;
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
        return !closed.get() && keeper.isAlive();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        keeper.close();
        try {
            kv.revokeLease(leaseId);
        } catch (FloeException e) {
            LOG.warn(
                    "{}: releasing the tiering claim of {} on {}/{} failed; its lease expires by"
                            + " itself: {}",
                    kv.describe(),
                    owner,
                    stream,
                    partition,
                    e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "tiering claim of " + owner + " on " + stream + "/" + partition;
    }
}
