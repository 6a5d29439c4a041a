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
package dev.floe.wal.manifest.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.wal.manifest.ManualClock;
import dev.floe.wal.manifest.kv.KvLeaseKeeper;
import dev.floe.wal.manifest.kv.KvOp;
import dev.floe.wal.manifest.kv.KvStore;
import dev.floe.wal.manifest.kv.KvStoreContract;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKvStoreTest extends KvStoreContract {

    @TempDir Path dir;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-01T10:00:00Z"));

    @Override
    protected KvStore open() {
        return EmbeddedKvStore.open(dir, clock, EmbeddedKvStore.DEFAULT_SWEEP_INTERVAL);
    }

    @Test
    void aWriteFromAnInterruptedThreadSucceedsAndLeavesTheStoreUsable() {
        Thread.currentThread().interrupt();
        try {
            kv.txn(List.of(), List.of(KvOp.put(root + "a", b("1"))), List.of());
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        kv.txn(List.of(), List.of(KvOp.put(root + "b", b("2"))), List.of());
        assertThat(kv.get(root + "a")).isPresent();
        assertThat(kv.get(root + "b")).isPresent();
    }

    @Test
    void expiresLeasesByItsClockUnlessKeptAlive() {
        long dropped = kv.grantLease(Duration.ofSeconds(5));
        long kept = kv.grantLease(Duration.ofSeconds(5));
        kv.txn(
                List.of(),
                List.of(
                        KvOp.put(root + "dropped", b("x"), dropped),
                        KvOp.put(root + "kept", b("y"), kept)),
                List.of());
        KvLeaseKeeper keeper = kv.keepAlive(kept, Duration.ofSeconds(5));
        clock.advance(Duration.ofMillis(4_999));
        assertThat(kv.get(root + "dropped")).isPresent();
        clock.advance(Duration.ofMillis(1));
        assertThat(kv.get(root + "dropped")).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        assertThat(kv.get(root + "kept")).isPresent();
        keeper.close();
        clock.advance(Duration.ofSeconds(5));
        assertThat(kv.get(root + "kept")).isEmpty();
        assertThat(keeper.isAlive()).isFalse();
    }

    @Test
    void reopensWithTheSameRevisionsAndLeases() {
        long lease = kv.grantLease(Duration.ofSeconds(30));
        long revision =
                kv.txn(List.of(), List.of(KvOp.put(root + "a", b("1"), lease)), List.of())
                        .revision();
        kv.close();
        kv = open();
        assertThat(kv.currentRevision()).isEqualTo(revision);
        assertThat(kv.get(root + "a").orElseThrow().lease()).isEqualTo(lease);
        assertThat(kv.grantLease(Duration.ofSeconds(1))).isNotEqualTo(lease);
        clock.advance(Duration.ofSeconds(30));
        assertThat(kv.get(root + "a")).isEmpty();
    }
}
