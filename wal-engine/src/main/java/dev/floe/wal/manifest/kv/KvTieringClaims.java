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
import dev.floe.wal.manifest.ManifestKeys;
import dev.floe.wal.manifest.TieringClaim;
import dev.floe.wal.manifest.TieringClaims;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link TieringClaims} over a {@link KvStore}: a claim is the partition's {@code tierer} key,
 * created only if absent, under a lease of its own that is kept alive until the claim is closed.
 * Thread-safe.
 */
final class KvTieringClaims {

    private static final Logger LOG = LoggerFactory.getLogger(KvTieringClaims.class);

    private final KvStore kv;
    private final ManifestKeys keys;
    private final ManifestCodec codec;
    private final BiConsumer<String, Integer> requirePartition;

    KvTieringClaims(
            KvStore kv,
            ManifestKeys keys,
            ManifestCodec codec,
            BiConsumer<String, Integer> requirePartition) {
        this.kv = kv;
        this.keys = keys;
        this.codec = codec;
        this.requirePartition = requirePartition;
    }

    Optional<TieringClaim> claim(String stream, int partition, String owner, Duration leaseTtl) {
        Objects.requireNonNull(owner, "owner");
        if (leaseTtl == null || leaseTtl.isNegative() || leaseTtl.isZero()) {
            throw new IllegalArgumentException("lease ttl must be positive, got " + leaseTtl);
        }
        requirePartition.accept(stream, partition);
        String key = keys.tierer(stream, partition);
        // Most attempts find the claim held: look before granting a lease.
        if (kv.get(key).isPresent()) {
            return Optional.empty();
        }
        long lease = kv.grantLease(leaseTtl);
        KvLeaseKeeper keeper = null;
        try {
            keeper = kv.keepAlive(lease, leaseTtl);
            KvTxnResult r =
                    kv.txn(
                            List.of(KvCompare.absent(key)),
                            List.of(
                                    KvOp.put(
                                            key,
                                            codec.encode(new ManifestCodec.TieringOwner(owner)),
                                            lease)),
                            List.of());
            if (r.succeeded()) {
                LOG.info(
                        "{}: {} claimed the tiering of {}/{}",
                        kv.describe(),
                        owner,
                        stream,
                        partition);
                return Optional.of(new KvTieringClaim(kv, stream, partition, owner, lease, keeper));
            }
        } catch (RuntimeException e) {
            release(keeper, lease);
            throw e;
        }
        release(keeper, lease);
        return Optional.empty();
    }

    Optional<String> owner(String stream, int partition) {
        return kv.get(keys.tierer(stream, partition))
                .map(e -> codec.decode(e, ManifestCodec.TieringOwner.class).owner());
    }

    private void release(KvLeaseKeeper keeper, long lease) {
        if (keeper != null) {
            keeper.close();
        }
        try {
            kv.revokeLease(lease);
        } catch (FloeException e) {
            LOG.warn("{}: revoking lease {} failed: {}", kv.describe(), lease, e.getMessage());
        }
    }
}
