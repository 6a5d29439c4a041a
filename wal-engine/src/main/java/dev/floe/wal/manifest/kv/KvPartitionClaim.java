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

import dev.floe.wal.manifest.PartitionClaim;
import dev.floe.wal.manifest.PartitionHead;
import dev.floe.wal.manifest.WriterInfo;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A {@link PartitionClaim} backed by a lease of a {@link KvStore} that is kept alive in the
 * background; closing it stops the renewals and revokes the lease (deleting the writer key), or,
 * when claims taken together share the lease, the last of them does. Thread-safe.
 */
public final class KvPartitionClaim implements PartitionClaim {

    private final String stream;
    private final int partition;
    private final PartitionHead head;
    private final KvHeldLease lease;
    private final WriterInfo registered;
    private final Consumer<WriterInfo> advertiser;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param lease the lease the writer key lives under, possibly shared with other claims
     * @param advertiser puts a new writer registration under the lease
     */
    KvPartitionClaim(
            String stream,
            int partition,
            PartitionHead head,
            KvHeldLease lease,
            WriterInfo registered,
            Consumer<WriterInfo> advertiser) {
        this.stream = stream;
        this.partition = partition;
        this.head = head;
        this.lease = lease;
        this.registered = registered;
        this.advertiser = advertiser;
    }

    @Override
    public void advertise(
            String tailEndpoint, String walDirectory, String walHolder, int schemaVersion) {
        advertiser.accept(advertisement(tailEndpoint, walDirectory, walHolder, schemaVersion));
    }

    /** The writer registration {@link #advertise} puts. */
    WriterInfo advertisement(
            String tailEndpoint, String walDirectory, String walHolder, int schemaVersion) {
        if (closed.get()) {
            throw new IllegalStateException(this + " is closed");
        }
        return new WriterInfo(
                registered.owner(),
                registered.epoch(),
                tailEndpoint,
                walDirectory,
                walHolder,
                schemaVersion);
    }

    long leaseId() {
        return lease.id();
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
    public long epoch() {
        return head.epoch();
    }

    @Override
    public PartitionHead head() {
        return head;
    }

    @Override
    public boolean isAlive() {
        return !closed.get() && lease.isAlive();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            lease.release(() -> "the " + this);
        }
    }

    @Override
    public String toString() {
        return "claim on " + stream + "/" + partition + " epoch " + head.epoch();
    }
}
