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
package dev.floe.flink.sink.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.flink.sink.FloeFencedException;
import dev.floe.wal.manifest.ManifestException;
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.ManifestStores;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.PartitionCommits;
import dev.floe.wal.manifest.StreamConfig;
import dev.floe.wal.manifest.kv.KvUnavailableException;
import dev.floe.wal.retry.Backoff;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.runtime.metrics.groups.InternalSinkCommitterMetricGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the committer tells Flink about each committable, against the embedded manifest, with a
 * manifest store that fails as told and pauses that only move a manual clock.
 */
class FloeCommitterTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    @TempDir Path dir;
    private ManifestStore manifest;
    private final AtomicInteger unavailableCommits = new AtomicInteger();
    private long nanos;
    private final List<Duration> pauses = new ArrayList<>();

    @BeforeEach
    void open() {
        manifest = ManifestStores.embedded(dir, "test");
        manifest.createStream(StreamConfig.of("s", 1));
    }

    @AfterEach
    void close() {
        manifest.close();
    }

    @Test
    void retriesAStoreThatDoesNotAnswerThenCommits() throws Exception {
        long epoch = claim();
        unavailableCommits.set(2);
        Request request = commit(committable("s", epoch, 0, 10));
        assertThat(request.outcome).isEqualTo("committed");
        assertThat(pauses).hasSize(2);
        assertThat(manifest.head("s", 0).committedEnd()).isEqualTo(10);
    }

    @Test
    void handsACommitBackWhenTheStoreStaysDownForTheWholeTimeout() throws Exception {
        long epoch = claim();
        unavailableCommits.set(Integer.MAX_VALUE);
        Request request = commit(committable("s", epoch, 0, 10));
        assertThat(request.outcome).isEqualTo("retry later");
        assertThat(Duration.ofNanos(nanos)).isEqualTo(TIMEOUT);
        assertThat(manifest.head("s", 0).committedEnd()).isZero();
    }

    @Test
    void aMissingStreamFailsAtOnceNamingIt() throws Exception {
        Request request = commit(committable("gone", 1, 0, 10));
        assertThat(request.outcome).isEqualTo("failed");
        assertThat(request.failure)
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("gone/0 [0, 10)")
                .hasMessageContaining("stream gone does not exist");
        assertThat(pauses).as("no retries").isEmpty();
    }

    @Test
    void aFencedWriterFailsAtOnceNamingThePartition() throws Exception {
        long epoch = claim();
        commit(committable("s", epoch, 0, 10));
        claim();
        Request request = commit(committable("s", epoch, 10, 20));
        assertThat(request.outcome).isEqualTo("failed");
        assertThat(request.failure)
                .isInstanceOf(FloeFencedException.class)
                .hasMessageContaining("s/0 [10, 20)")
                .hasMessageContaining("another writer took the partition at epoch " + (epoch + 1));
        assertThat(pauses).as("no retries").isEmpty();
    }

    @Test
    void aReplayedCommitIsSignalledAsAlreadyCommitted() throws Exception {
        long epoch = claim();
        FloeCommittable c = committable("s", epoch, 0, 10);
        assertThat(commit(c).outcome).isEqualTo("committed");
        assertThat(commit(c).outcome).isEqualTo("already committed");
        assertThat(manifest.head("s", 0).committedEnd()).isEqualTo(10);
    }

    private long claim() {
        return manifest.acquire("s", 0, "test", Duration.ofMinutes(1)).epoch();
    }

    private Request commit(FloeCommittable c) throws Exception {
        Backoff.Policy retry =
                CommitLoop.PAUSES
                        .withBudget(TIMEOUT)
                        .withClock(() -> nanos)
                        .withSleeper(
                                d -> {
                                    pauses.add(d);
                                    nanos += d.toNanos();
                                });
        Request request = new Request(c);
        try (FloeCommitter committer =
                new FloeCommitter(
                        failingCommits(),
                        () -> {},
                        retry,
                        InternalSinkCommitterMetricGroup.wrap(
                                UnregisteredMetricsGroup.createOperatorMetricGroup()))) {
            committer.commit(List.of(request));
        }
        return request;
    }

    /** The manifest, whose next {@code unavailableCommits} commits fail as if etcd were down. */
    private PartitionCommits failingCommits() {
        return (PartitionCommits)
                Proxy.newProxyInstance(
                        PartitionCommits.class.getClassLoader(),
                        new Class<?>[] {PartitionCommits.class},
                        (proxy, method, args) -> {
                            if (method.getName().equals("commit")
                                    && unavailableCommits.getAndDecrement() > 0) {
                                throw new KvUnavailableException("etcd: no answer", null);
                            }
                            try {
                                return method.invoke(manifest, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
    }

    private static FloeCommittable committable(String stream, long epoch, long start, long end) {
        ObjectDescriptor o =
                new ObjectDescriptor(
                        ObjectDescriptor.Kind.SEGMENT,
                        stream + "/" + start + "-" + epoch + ".seg",
                        start,
                        end,
                        100,
                        0,
                        0,
                        epoch);
        return new FloeCommittable(stream, 0, epoch, start, List.of(o), "c-" + epoch + "-" + start);
    }

    /** Records what the committer signalled. */
    private static final class Request implements Committer.CommitRequest<FloeCommittable> {
        private final FloeCommittable committable;
        String outcome = "committed";
        Throwable failure;

        Request(FloeCommittable committable) {
            this.committable = committable;
        }

        @Override
        public FloeCommittable getCommittable() {
            return committable;
        }

        @Override
        public int getNumberOfRetries() {
            return 0;
        }

        @Override
        public void signalFailedWithKnownReason(Throwable t) {
            outcome = "failed with a known reason";
            failure = t;
        }

        @Override
        public void signalFailedWithUnknownReason(Throwable t) {
            outcome = "failed";
            failure = t;
        }

        @Override
        public void retryLater() {
            outcome = "retry later";
        }

        @Override
        public void updateAndRetryLater(FloeCommittable committable) {
            outcome = "retry later";
        }

        @Override
        public void signalAlreadyCommitted() {
            outcome = "already committed";
        }
    }
}
