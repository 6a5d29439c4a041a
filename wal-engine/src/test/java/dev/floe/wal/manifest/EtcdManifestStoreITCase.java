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

import dev.floe.wal.manifest.etcd.EtcdManifestConfig;
import dev.floe.wal.testing.EtcdExtension;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class EtcdManifestStoreITCase extends ManifestStoreContract {

    private static final Logger LOG = LoggerFactory.getLogger(EtcdManifestStoreITCase.class);

    @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();

    @Override
    protected ManifestStore open(String namespace) {
        return ManifestStores.etcd(
                EtcdManifestConfig.builder()
                        .endpoints(ETCD.endpoint())
                        .namespace(namespace)
                        .build());
    }

    @Override
    protected void letTimePass(Duration d) {
        // etcd expires leases by its own clock; callers wait on a condition.
    }

    @Test
    void describesItselfAndSharesTheManifestWithAnotherClient() {
        assertThat(store.describe())
                .isEqualTo("etcd " + ETCD.endpoint() + " namespace " + namespace);
        store.createStream(StreamConfig.of("s", 1));
        long epoch = store.acquire("s", 0, "w", LEASE).epoch();
        CommitRequest first = request("s", 0, epoch, "c1", segment(0, 10, epoch));
        store.commit(first);
        store.commit(request("s", 0, epoch, "c2", segment(10, 20, epoch)));
        try (ManifestStore other = open(namespace)) {
            assertThat(other.head("s", 0)).isEqualTo(new PartitionHead(20, epoch, "c2"));
            assertThat(other.commit(first).status())
                    .isEqualTo(CommitResult.Status.ALREADY_COMMITTED);
            PartitionClaim next = other.acquire("s", 0, "w2", LEASE);
            CommitResult fenced =
                    store.commit(request("s", 0, epoch, "c3", segment(20, 30, epoch)));
            assertThat(fenced.status()).isEqualTo(CommitResult.Status.FENCED);
            assertThat(fenced.head().epoch()).isEqualTo(next.epoch());
        }
    }

    @Test
    void measuresSequentialCommitLatency() {
        store.createStream(StreamConfig.of("latency", 1));
        long epoch = store.acquire("latency", 0, "w", LEASE).epoch();
        int commits = 1_000;
        long[] nanos = new long[commits];
        for (int i = 0; i < commits; i++) {
            CommitRequest r =
                    request("latency", 0, epoch, "c" + i, segment(i * 10L, i * 10L + 10, epoch));
            long start = System.nanoTime();
            CommitResult result = store.commit(r);
            nanos[i] = System.nanoTime() - start;
            assertThat(result.status()).isEqualTo(CommitResult.Status.COMMITTED);
        }
        Arrays.sort(nanos);
        LOG.info(
                "etcd commit latency over {} sequential commits: p50 {} ms, p99 {} ms, max {} ms",
                commits,
                String.format("%.2f", nanos[commits / 2] / 1e6),
                String.format("%.2f", nanos[commits * 99 / 100] / 1e6),
                String.format("%.2f", nanos[commits - 1] / 1e6));
        assertThat(store.head("latency", 0).committedEnd()).isEqualTo(commits * 10L);
    }
}
