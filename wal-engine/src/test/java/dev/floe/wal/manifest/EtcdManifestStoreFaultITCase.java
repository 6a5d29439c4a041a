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
package dev.floe.wal.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.wal.error.RetriableFloeException;
import dev.floe.wal.manifest.CommitResult.Status;
import dev.floe.wal.manifest.etcd.EtcdManifestConfig;
import dev.floe.wal.testing.EtcdExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the etcd manifest does when etcd is down: fail clearly, never report a wrong outcome. */
class EtcdManifestStoreFaultITCase {

    @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();

    private static ManifestStore open(String endpoint, String namespace) {
        return ManifestStores.etcd(
                EtcdManifestConfig.builder()
                        .endpoints(endpoint)
                        .namespace(namespace)
                        .requestTimeout(Duration.ofSeconds(1))
                        .connectTimeout(Duration.ofSeconds(1))
                        .commitResolveTimeout(Duration.ofSeconds(2))
                        .build());
    }

    @Test
    void failsFastNamingTheEndpointsWhenEtcdIsNotThere() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        String endpoint = "http://127.0.0.1:" + port;
        long start = System.nanoTime();
        assertThatThrownBy(() -> open(endpoint, "ns"))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining(endpoint)
                .hasMessageContaining("check that etcd is running");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aCommitDuringAnOutageFailsClearlyAndResolvesAfterRestart() {
        String ns = "fault-" + UUID.randomUUID().toString().substring(0, 8);
        try (ManifestStore store = open(ETCD.endpoint(), ns)) {
            store.createStream(StreamConfig.of("s", 1));
            PartitionClaim claim = store.acquire("s", 0, "w", Duration.ofSeconds(2));
            long epoch = claim.epoch();
            ObjectDescriptor a = ManifestStoreContract.segment(0, 10, epoch);
            ObjectDescriptor b = ManifestStoreContract.segment(10, 20, epoch);
            CommitRequest first = ManifestStoreContract.request("s", 0, epoch, "c1", a);
            CommitRequest second = ManifestStoreContract.request("s", 0, epoch, "c2", b);
            assertThat(store.commit(first).status()).isEqualTo(Status.COMMITTED);

            ETCD.server().stop();
            assertThatThrownBy(() -> store.commit(second))
                    .isInstanceOf(RetriableFloeException.class)
                    .hasMessageContaining("commit c2 of s/0")
                    .hasMessageContaining(ETCD.endpoint());
            try (ManifestStore fresh = uncheckedOpenWhileDown(ns)) {
                assertThat(fresh).isNull();
            }
            Conditions.await("the claim notices its lease is lost", () -> !claim.isAlive());

            ETCD.server().restart();
            CommitResult resolved = commitOnceReachable(store, second);
            assertThat(resolved.status()).isIn(Status.COMMITTED, Status.ALREADY_COMMITTED);
            assertThat(resolved.head()).isEqualTo(new PartitionHead(20, epoch, "c2"));
            assertThat(store.commit(second).status()).isEqualTo(Status.ALREADY_COMMITTED);
            assertThat(store.objects("s", 0, 0, 20)).isEqualTo(List.of(a, b));
            claim.close();
        }
    }

    @Test
    void aCommitThatTimesOutIsReportedUnknownNotGuessed() {
        String ns = "unknown-" + UUID.randomUUID().toString().substring(0, 8);
        try (ManifestStore store = open(ETCD.endpoint(), ns)) {
            store.createStream(StreamConfig.of("s", 1));
            long epoch = store.acquire("s", 0, "w", Duration.ofSeconds(5)).epoch();
            ObjectDescriptor a = ManifestStoreContract.segment(0, 10, epoch);
            store.commit(ManifestStoreContract.request("s", 0, epoch, "c1", a));
            // The store knows the head from its last commit, so the next commit is sent directly.
            ETCD.server().stop();
            CommitRequest next =
                    ManifestStoreContract.request(
                            "s", 0, epoch, "c2", ManifestStoreContract.segment(10, 20, epoch));
            assertThatThrownBy(() -> store.commit(next))
                    .isInstanceOf(CommitStateUnknownException.class)
                    .hasMessageContaining("may have been applied")
                    .hasMessageContaining("commit c2 of s/0");
            ETCD.server().restart();
            assertThat(commitOnceReachable(store, next).status())
                    .isIn(Status.COMMITTED, Status.ALREADY_COMMITTED);
            assertThat(store.head("s", 0)).isEqualTo(new PartitionHead(20, epoch, "c2"));
        }
    }

    /** A store cannot even be opened while etcd is down; returns null after checking that. */
    private static ManifestStore uncheckedOpenWhileDown(String ns) {
        assertThatThrownBy(() -> open(ETCD.endpoint(), ns))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining(ETCD.endpoint());
        return null;
    }

    private static CommitResult commitOnceReachable(ManifestStore store, CommitRequest request) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                return store.commit(request);
            } catch (RetriableFloeException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("etcd did not come back within 30 s", e);
                }
            }
        }
    }
}
