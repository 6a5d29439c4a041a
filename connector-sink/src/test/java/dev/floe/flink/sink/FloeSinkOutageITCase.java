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
package dev.floe.flink.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.flink.sink.testing.FloeTestStores;
import dev.floe.wal.error.RetriableFloeException;
import dev.floe.wal.testing.EtcdCluster;
import dev.floe.wal.testing.EtcdExtension;
import dev.floe.wal.testing.EtcdServer;
import dev.floe.wal.testing.S3ProxyExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running FloeSink job rides out an outage of etcd or of the S3 server: commits and uploads wait
 * and retry, and every record is committed exactly once when the service is back. On a 3-member
 * etcd cluster, commits go on while the leader is killed and while a member is down.
 */
class FloeSinkOutageITCase {

    @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();
    @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final int RECORDS = 40_000;

    /** Records of the cluster test's job, written at about 2,000 a second. */
    private static final int CLUSTER_RECORDS = 90_000;

    private static final Duration MEMBER_DOWN = Duration.ofSeconds(30);

    @TempDir Path wal;

    private FloeTestStores floe;

    @BeforeEach
    void open() throws Exception {
        floe = new FloeTestStores(ETCD, S3);
    }

    @AfterEach
    void close() throws Exception {
        floe.close();
    }

    @Test
    void anEtcdOutageDelaysCommitsWithoutLosingOrDuplicatingRecords() throws Exception {
        JobClient job = start(floe, "etcd-outage", RECORDS, 20);
        awaitCommitted(floe, "etcd-outage", 2_000);
        ETCD.server().stop();
        Thread.sleep(3_000);
        ETCD.server().restart();
        job.getJobExecutionResult().get(3, TimeUnit.MINUTES);
        assertExactlyOnce(floe, "etcd-outage", RECORDS);
    }

    @Test
    void anS3OutageDelaysUploadsWithoutLosingOrDuplicatingRecords() throws Exception {
        JobClient job = start(floe, "s3-outage", RECORDS, 20);
        awaitCommitted(floe, "s3-outage", 2_000);
        S3.pause();
        try {
            Thread.sleep(3_000);
        } finally {
            S3.resume();
        }
        job.getJobExecutionResult().get(3, TimeUnit.MINUTES);
        assertExactlyOnce(floe, "s3-outage", RECORDS);
    }

    @Test
    void onAnEtcdClusterCommitsGoOnThroughALeaderKillAndAMemberDownFor30s() throws Exception {
        try (EtcdCluster cluster = EtcdCluster.start("sink-cluster", 3);
                FloeTestStores stores = new FloeTestStores(cluster.endpoints(), S3)) {
            String stream = "etcd-cluster";
            JobClient job = start(stores, stream, CLUSTER_RECORDS, 1);
            awaitCommitted(stores, stream, 2_000);

            EtcdServer leader = cluster.leader();
            leader.kill();
            awaitCommitted(stores, stream, committed(stores, stream) + 2_000);
            assertThat(cluster.leader()).isNotSameAs(leader);
            leader.restart();

            EtcdServer member =
                    cluster.members().stream()
                            .filter(m -> m != cluster.leader())
                            .findFirst()
                            .orElseThrow();
            long downSince = System.nanoTime();
            member.kill();
            awaitCommitted(stores, stream, committed(stores, stream) + 2_000);
            Thread.sleep(
                    Math.max(0, MEMBER_DOWN.minusNanos(System.nanoTime() - downSince).toMillis()));
            member.restart();

            job.getJobExecutionResult().get(5, TimeUnit.MINUTES);
            assertExactlyOnce(stores, stream, CLUSTER_RECORDS);
        }
    }

    /** Starts a job writing {@code records} values, pausing 1 ms after every {@code pauseEvery}. */
    private JobClient start(FloeTestStores stores, String stream, int records, int pauseEvery)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(200);
        env.fromSequence(0, records - 1)
                .map(
                        v -> {
                            if (v % pauseEvery == 0) {
                                Thread.sleep(1);
                            }
                            return String.valueOf(v);
                        })
                .sinkTo(
                        stores.connect(FloeSink.<String>builder()).stream(stream)
                                .partitions(2)
                                .serializer(FloeRecordSerializers.strings())
                                .walDirectory(wal.toString())
                                .build());
        return env.executeAsync(stream);
    }

    private static void awaitCommitted(FloeTestStores stores, String stream, long records)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (committed(stores, stream) < records) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + records + " commits");
            }
            Thread.sleep(50);
        }
    }

    /** Records committed to the stream's partitions, asking again while etcd elects a leader. */
    private static long committed(FloeTestStores stores, String stream)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (true) {
            try {
                if (stores.manifest().stream(stream).isEmpty()) {
                    return 0;
                }
                return stores.head(stream, 0).committedEnd()
                        + stores.head(stream, 1).committedEnd();
            } catch (RetriableFloeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private static void assertExactlyOnce(FloeTestStores stores, String stream, int records)
            throws Exception {
        List<String> values = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            values.addAll(stores.committedValues(stream, p));
        }
        assertThat(values).hasSize(records);
        assertThat(new HashSet<>(values)).hasSize(records);
    }
}
