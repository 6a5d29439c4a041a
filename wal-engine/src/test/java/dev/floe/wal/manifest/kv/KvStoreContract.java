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

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.wal.manifest.Conditions;
import dev.floe.wal.manifest.ManifestException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The etcd semantics every {@link KvStore} must share, so that the manifest logic behaves the same
 * on each; subclasses say how to open one.
 */
public abstract class KvStoreContract {

    protected KvStore kv;
    protected String root;

    protected abstract KvStore open();

    @BeforeEach
    public void openStore() {
        kv = open();
        root = "/t/" + UUID.randomUUID().toString().substring(0, 8) + "/";
    }

    @AfterEach
    public void closeStore() {
        kv.close();
    }

    protected static byte[] b(String s) {
        return s.getBytes(UTF_8);
    }

    private KvTxnResult write(KvOp... ops) {
        return kv.txn(List.of(), List.of(ops), List.of());
    }

    @Test
    public void keepsRevisionsAndVersionsLikeEtcd() {
        String key = root + "a";
        long before = kv.currentRevision();
        long r1 = write(KvOp.put(key, b("1"))).revision();
        assertThat(r1).isEqualTo(before + 1);
        KvEntry first = kv.get(key).orElseThrow();
        assertThat(first.version()).isEqualTo(1);
        assertThat(first.createRevision()).isEqualTo(r1);
        assertThat(first.modRevision()).isEqualTo(r1);

        long r2 = write(KvOp.put(key, b("2")), KvOp.put(root + "b", b("x"))).revision();
        assertThat(r2).isEqualTo(r1 + 1);
        KvEntry second = kv.get(key).orElseThrow();
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.createRevision()).isEqualTo(r1);
        assertThat(second.modRevision()).isEqualTo(r2);
        assertThat(kv.get(root + "b").orElseThrow().modRevision()).isEqualTo(r2);

        assertThat(write(KvOp.get(key)).revision()).isEqualTo(r2);
        assertThat(kv.currentRevision()).isEqualTo(r2);

        long r3 = write(KvOp.delete(key)).revision();
        assertThat(kv.get(key)).isEmpty();
        write(KvOp.put(key, b("3")));
        KvEntry reborn = kv.get(key).orElseThrow();
        assertThat(reborn.version()).isEqualTo(1);
        assertThat(reborn.createRevision()).isGreaterThan(r3);
    }

    @Test
    public void comparesAbsentKeysAsVersionZeroWithoutAValue() {
        String key = root + "k";
        assertThat(kv.txn(List.of(KvCompare.absent(key)), List.of(), List.of()).succeeded())
                .isTrue();
        assertThat(kv.txn(List.of(KvCompare.modRevision(key, 0)), List.of(), List.of()).succeeded())
                .isTrue();
        assertThat(kv.txn(List.of(KvCompare.value(key, b(""))), List.of(), List.of()).succeeded())
                .isFalse();

        KvTxnResult put =
                kv.txn(
                        List.of(KvCompare.absent(key)),
                        List.of(KvOp.put(key, b("v"))),
                        List.of(KvOp.get(key)));
        assertThat(put.succeeded()).isTrue();
        assertThat(put.reads()).isEmpty();
        KvTxnResult again =
                kv.txn(
                        List.of(KvCompare.absent(key)),
                        List.of(KvOp.put(key, b("w"))),
                        List.of(KvOp.get(key)));
        assertThat(again.succeeded()).isFalse();
        assertThat(again.single(0).value()).isEqualTo(b("v"));
        long mod = again.single(0).modRevision();
        assertThat(
                        kv.txn(
                                        List.of(
                                                KvCompare.modRevision(key, mod),
                                                KvCompare.value(key, b("v"))),
                                        List.of(),
                                        List.of())
                                .succeeded())
                .isTrue();
        assertThat(kv.txn(List.of(KvCompare.version(key, 2)), List.of(), List.of()).succeeded())
                .isFalse();
    }

    @Test
    public void refusesATransactionThatWritesAKeyTwice() {
        String key = root + "dup";
        assertThatThrownBy(() -> write(KvOp.put(key, b("1")), KvOp.delete(key)))
                .isInstanceOf(ManifestException.class)
                .isNotInstanceOf(KvUnavailableException.class);
        assertThatThrownBy(() -> write(KvOp.put(key, b("1")), KvOp.put(key, b("2"))))
                .isInstanceOf(ManifestException.class)
                .isNotInstanceOf(KvUnavailableException.class);
        assertThat(kv.get(key)).isEmpty();
    }

    @Test
    public void rangesInByteOrderWithLimitsBothWays() {
        for (String k : List.of("p/a-x", "p/a/1", "p/a/2", "p/a/3", "p/b", "q")) {
            write(KvOp.put(root + k, b(k)));
        }
        assertThat(keys(kv.range(KvRange.prefix(root + "p/"))))
                .containsExactly("p/a-x", "p/a/1", "p/a/2", "p/a/3", "p/b");
        assertThat(keys(kv.range(KvRange.prefix(root + "p/a/").reversed().limit(2))))
                .containsExactly("p/a/3", "p/a/2");
        assertThat(keys(kv.range(KvRange.between(root + "p/a/", root + "p/a/3").limit(1))))
                .containsExactly("p/a/1");
        List<KvEntry> keysOnly = kv.range(KvRange.prefix(root + "p/").withoutValues());
        assertThat(keysOnly).hasSize(5).allSatisfy(e -> assertThat(e.value()).isEmpty());
        assertThat(kv.range(KvRange.between(root + "z", root + "zz"))).isEmpty();
    }

    @Test
    public void leasesCarryTheirKeysAway() {
        // etcd renews every third of the ttl, so a keeper learns of a revocation that soon.
        Duration ttl = Duration.ofSeconds(3);
        long lease = kv.grantLease(ttl);
        write(KvOp.put(root + "leased", b("x"), lease), KvOp.put(root + "kept", b("y")));
        assertThat(kv.get(root + "leased").orElseThrow().lease()).isEqualTo(lease);
        KvLeaseKeeper keeper = kv.keepAlive(lease, ttl);
        assertThat(keeper.isAlive()).isTrue();
        kv.revokeLease(lease);
        assertThat(kv.get(root + "leased")).isEmpty();
        assertThat(kv.get(root + "kept")).isPresent();
        Conditions.await("the keeper sees the lease gone", () -> !keeper.isAlive());
        keeper.close();
        kv.revokeLease(lease);
        assertThatThrownBy(() -> write(KvOp.put(root + "late", b("x"), lease)))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("lease");
    }

    @Test
    public void watchesDeliverChangesInRevisionOrder() throws Exception {
        List<KvEvent> events = new CopyOnWriteArrayList<>();
        long from = kv.currentRevision() + 1;
        AutoCloseable watch = kv.watch(root + "w/", from, events::add);
        write(KvOp.put(root + "w/a", b("1")), KvOp.put(root + "w/b", b("2")));
        write(KvOp.put(root + "other", b("x")));
        write(KvOp.put(root + "w/a", b("3")));
        write(KvOp.delete(root + "w/b"));
        Conditions.await("four events", () -> events.size() >= 4);
        watch.close();
        assertThat(events)
                .extracting(
                        e -> e.type() + " " + e.key().substring(root.length()) + " v" + e.version())
                .containsExactly("PUT w/a v1", "PUT w/b v1", "PUT w/a v2", "DELETE w/b v0");
        assertThat(events.get(0).revision()).isEqualTo(from);
        assertThat(events.get(1).revision()).isEqualTo(from);
        assertThat(events.get(2).revision()).isEqualTo(from + 2);
        assertThat(events.get(3).revision()).isEqualTo(from + 3);

        List<KvEvent> replayed = new CopyOnWriteArrayList<>();
        AutoCloseable replay = kv.watch(root + "w/", from + 2, replayed::add);
        Conditions.await("two replayed events", () -> replayed.size() >= 2);
        replay.close();
        assertThat(replayed).extracting(KvEvent::revision).containsExactly(from + 2, from + 3);
    }

    private List<String> keys(List<KvEntry> entries) {
        return entries.stream().map(e -> e.key().substring(root.length())).toList();
    }
}
