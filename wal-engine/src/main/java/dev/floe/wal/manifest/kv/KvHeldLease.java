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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lease of a {@link KvStore} kept alive in the background until it is released: releasing stops
 * the renewals and revokes the lease, deleting the keys attached to it. A lease may have several
 * holders (the claims of one writer's partitions); it is revoked when the last one releases it.
 * Thread-safe.
 */
final class KvHeldLease {

    private static final Logger LOG = LoggerFactory.getLogger(KvHeldLease.class);

    private final KvStore kv;
    private final long leaseId;
    private final KvLeaseKeeper keeper;
    private final AtomicBoolean released = new AtomicBoolean();
    private final AtomicInteger holders;

    KvHeldLease(KvStore kv, long leaseId, KvLeaseKeeper keeper) {
        this(kv, leaseId, keeper, 1);
    }

    /** A lease held by {@code holders}, each of which releases it once. */
    KvHeldLease(KvStore kv, long leaseId, KvLeaseKeeper keeper, int holders) {
        this.kv = kv;
        this.leaseId = leaseId;
        this.keeper = keeper;
        this.holders = new AtomicInteger(holders);
    }

    long id() {
        return leaseId;
    }

    boolean isReleased() {
        return released.get();
    }

    /** Not released, and renewed in time. */
    boolean isAlive() {
        return !released.get() && keeper.isAlive();
    }

    /**
     * Releases one holder's hold; the last one revokes the lease. A revoke that fails is logged,
     * naming {@code what} held it, and the lease then expires by itself.
     */
    void release(Supplier<String> what) {
        if (holders.decrementAndGet() > 0 || !released.compareAndSet(false, true)) {
            return;
        }
        keeper.close();
        try {
            kv.revokeLease(leaseId);
        } catch (FloeException e) {
            LOG.warn(
                    "{}: releasing {} failed; its lease expires by itself: {}",
                    kv.describe(),
                    what.get(),
                    e.getMessage());
        }
    }
}
