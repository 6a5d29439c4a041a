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

import dev.floe.flink.connection.FloeConnection;
import dev.floe.wal.manifest.PartitionCommits;
import dev.floe.wal.retry.Backoff;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.SinkCommitterMetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.util.IOUtils;

/**
 * Commits what the writers staged at a completed checkpoint: one manifest transaction per partition
 * and checkpoint, in offset order. Replayed committables that are already committed are signalled
 * as such. While the manifest store is unavailable a commit is retried for up to the commit
 * timeout, then handed back to Flink; an error no retry can fix (a missing stream or partition)
 * fails the job at once, and a fenced writer fails it without restarts. Used by one thread.
 */
@Internal
public final class FloeCommitter implements Committer<FloeCommittable> {

    private final PartitionCommits manifest;
    private final AutoCloseable connection;
    private final Backoff.Policy retry;
    private final Histogram commitLatencyMs;
    private final Counter commitRetries;

    public FloeCommitter(
            FloeConnection connection, Duration timeout, SinkCommitterMetricGroup metrics) {
        this(connection.manifest(), connection, CommitLoop.PAUSES.withBudget(timeout), metrics);
    }

    /**
     * @param manifest where to commit
     * @param connection closed with the committer
     * @param retry the pauses between attempts of one commit and its budget
     */
    FloeCommitter(
            PartitionCommits manifest,
            AutoCloseable connection,
            Backoff.Policy retry,
            SinkCommitterMetricGroup metrics) {
        this.manifest = manifest;
        this.connection = connection;
        this.retry = retry;
        MetricGroup floe = metrics.addGroup("floe");
        this.commitLatencyMs =
                floe.histogram("commitLatencyMs", new DescriptiveStatisticsHistogram(1000));
        this.commitRetries = floe.counter("commitRetries");
    }

    @Override
    public void commit(Collection<CommitRequest<FloeCommittable>> requests)
            throws IOException, InterruptedException {
        List<CommitRequest<FloeCommittable>> ordered = new ArrayList<>(requests);
        ordered.sort(
                Comparator.comparing(
                                (CommitRequest<FloeCommittable> r) -> r.getCommittable().stream())
                        .thenComparingInt(r -> r.getCommittable().partition())
                        .thenComparingLong(r -> r.getCommittable().expectedEnd()));
        for (CommitRequest<FloeCommittable> request : ordered) {
            long started = System.nanoTime();
            CommitLoop.Outcome outcome;
            try {
                outcome =
                        CommitLoop.commit(
                                manifest, request.getCommittable(), retry, commitRetries::inc);
            } catch (RuntimeException e) {
                request.signalFailedWithUnknownReason(e);
                continue;
            }
            switch (outcome) {
                case COMMITTED -> commitLatencyMs.update((System.nanoTime() - started) / 1_000_000);
                case ALREADY_COMMITTED -> request.signalAlreadyCommitted();
                case RETRY_LATER -> request.retryLater();
            }
        }
    }

    @Override
    public void close() {
        IOUtils.closeQuietly(connection);
    }
}
