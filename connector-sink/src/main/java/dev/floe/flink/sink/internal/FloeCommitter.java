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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.SinkCommitterMetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.util.IOUtils;

/**
 * Commits what the writers staged at a completed checkpoint, each partition in offset order and a
 * checkpoint's partitions together, in as few manifest transactions as the store allows. Replayed
 * committables that are already committed are signalled as such. While the manifest store is
 * unavailable a commit is retried for up to the commit timeout, then handed back to Flink; an error
 * no retry can fix (a missing stream or partition) fails the job at once, and a fenced writer fails
 * it without restarts. Used by one thread.
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
        for (List<CommitRequest<FloeCommittable>> round : rounds(ordered)) {
            long started = System.nanoTime();
            List<CommitLoop.Ended> ended =
                    CommitLoop.commitRound(
                            manifest,
                            round.stream().map(CommitRequest::getCommittable).toList(),
                            retry,
                            commitRetries::inc);
            for (int i = 0; i < round.size(); i++) {
                CommitRequest<FloeCommittable> request = round.get(i);
                CommitLoop.Ended e = ended.get(i);
                if (e.failure() != null) {
                    request.signalFailedWithUnknownReason(e.failure());
                    continue;
                }
                switch (e.outcome()) {
                    case COMMITTED ->
                            commitLatencyMs.update((System.nanoTime() - started) / 1_000_000);
                    case ALREADY_COMMITTED -> request.signalAlreadyCommitted();
                    case RETRY_LATER -> request.retryLater();
                }
            }
        }
    }

    /**
     * Splits committables in commit order into rounds: the first of every partition, then the
     * second, and so on, so that each round's commits build on the round before.
     */
    private static List<List<CommitRequest<FloeCommittable>>> rounds(
            List<CommitRequest<FloeCommittable>> ordered) {
        List<List<CommitRequest<FloeCommittable>>> rounds = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (CommitRequest<FloeCommittable> r : ordered) {
            FloeCommittable c = r.getCommittable();
            int round = seen.merge(c.stream() + "/" + c.partition(), 1, Integer::sum) - 1;
            if (round == rounds.size()) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(round).add(r);
        }
        return rounds;
    }

    @Override
    public void close() {
        IOUtils.closeQuietly(connection);
    }
}
