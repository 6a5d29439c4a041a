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
package dev.floe.flink.sink.bench;

import dev.floe.wal.bench.BenchReport;
import java.util.List;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.runtime.checkpoint.AbstractCheckpointStats;
import org.apache.flink.runtime.checkpoint.CheckpointStatsSnapshot;
import org.apache.flink.runtime.checkpoint.CheckpointStatsStatus;
import org.apache.flink.runtime.executiongraph.ArchivedExecutionGraph;

/**
 * What a sink benchmark's job reported: its runtime, when its last checkpoint completed (seconds
 * after it started running), and its completed checkpoints' count and end-to-end durations.
 * Immutable.
 */
record JobFigures(
        double seconds,
        double secondsToFinalCheckpoint,
        int checkpoints,
        double p50CheckpointMs,
        double p99CheckpointMs) {

    /** The figures of the ended job {@code graph}, which ran for {@code seconds}. */
    static JobFigures of(ArchivedExecutionGraph graph, double seconds) {
        CheckpointStatsSnapshot stats = graph.getCheckpointStatsSnapshot();
        List<AbstractCheckpointStats> completed =
                stats == null
                        ? List.of()
                        : stats.getHistory().getCheckpoints().stream()
                                .filter(c -> c.getStatus() == CheckpointStatsStatus.COMPLETED)
                                .toList();
        long[] durations =
                completed.stream()
                        .mapToLong(AbstractCheckpointStats::getEndToEndDuration)
                        .toArray();
        long started = graph.getStatusTimestamp(JobStatus.RUNNING);
        long lastAck =
                completed.stream()
                        .mapToLong(AbstractCheckpointStats::getLatestAckTimestamp)
                        .max()
                        .orElse(started);
        return new JobFigures(
                seconds,
                (lastAck - started) / 1e3,
                durations.length,
                BenchReport.percentile(durations.clone(), durations.length, 0.50),
                BenchReport.percentile(durations.clone(), durations.length, 0.99));
    }

    /** The same job, ending {@code more} seconds later (when the tiering job ended). */
    JobFigures extendedBy(double more) {
        return new JobFigures(
                seconds + more,
                secondsToFinalCheckpoint,
                checkpoints,
                p50CheckpointMs,
                p99CheckpointMs);
    }
}
