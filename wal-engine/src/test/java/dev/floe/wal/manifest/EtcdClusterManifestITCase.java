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

import dev.floe.wal.error.RetriableFloeException;
import dev.floe.wal.manifest.CommitResult.Status;
import dev.floe.wal.manifest.etcd.EtcdManifestConfig;
import dev.floe.wal.testing.EtcdCluster;
import dev.floe.wal.testing.EtcdServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The etcd manifest on a 3-member etcd cluster, given every member's endpoint: commits go on, each
 * exactly once, when the leader is killed and a new one is elected, and while a member is down.
 */
class EtcdClusterManifestITCase {

    private static final int COMMITS_PER_STEP = 10;

    private static EtcdCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = EtcdCluster.start("manifest-cluster", 3);
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Test
    void commitsGoOnThroughALeaderKillAndWhileAMemberIsDown() {
        try (ManifestStore store =
                ManifestStores.etcd(
                        EtcdManifestConfig.builder()
                                .endpoints(cluster.endpoints())
                                .namespace("cluster")
                                .requestTimeout(Duration.ofSeconds(2))
                                .build())) {
            store.createStream(StreamConfig.of("s", 1));
            long epoch = store.acquire("s", 0, "w", Duration.ofSeconds(30)).epoch();
            List<ObjectDescriptor> committed = new ArrayList<>();
            commit(store, epoch, committed);

            EtcdServer leader = cluster.leader();
            leader.kill();
            commit(store, epoch, committed);
            EtcdServer elected = cluster.leader();
            assertThat(elected).isNotSameAs(leader);
            leader.restart();

            EtcdServer follower =
                    cluster.members().stream()
                            .filter(m -> m != cluster.leader())
                            .findFirst()
                            .orElseThrow();
            follower.stop();
            commit(store, epoch, committed);
            follower.restart();
            commit(store, epoch, committed);

            long end = 4L * COMMITS_PER_STEP * 10;
            assertThat(store.head("s", 0).committedEnd()).isEqualTo(end);
            assertThat(store.objects("s", 0, 0, end)).isEqualTo(committed);
        }
    }

    /** Commits the next ranges of 10 offsets, retrying each until etcd takes it. */
    private static void commit(ManifestStore store, long epoch, List<ObjectDescriptor> committed) {
        for (int i = 0; i < COMMITS_PER_STEP; i++) {
            long start = committed.size() * 10L;
            ObjectDescriptor object = ManifestStoreContract.segment(start, start + 10, epoch);
            CommitRequest request =
                    ManifestStoreContract.request("s", 0, epoch, "c" + start, object);
            assertThat(commitOnceReachable(store, request).status())
                    .isIn(Status.COMMITTED, Status.ALREADY_COMMITTED);
            committed.add(object);
        }
    }

    private static CommitResult commitOnceReachable(ManifestStore store, CommitRequest request) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                return store.commit(request);
            } catch (RetriableFloeException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("etcd took no commit for 60 s", e);
                }
            }
        }
    }
}
