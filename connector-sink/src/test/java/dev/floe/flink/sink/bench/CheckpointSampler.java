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

import dev.floe.wal.testing.EtcdServer;
import dev.floe.wal.testing.S3ProxyServer;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.checkpoint.CheckpointStatsSnapshot;
import org.apache.flink.runtime.minicluster.MiniCluster;

/**
 * Counts the servers' requests at each completed checkpoint of a running job, so a benchmark can
 * report what one checkpoint costs while records flow, apart from the job's start and its close:
 * the window ends at the last checkpoint that completed before the job had read all its input.
 * Samples on its own thread every 20 ms. Thread-safe.
 */
final class CheckpointSampler implements AutoCloseable {

    private static final long POLL_MILLIS = 20;

    /** Requests between two completed checkpoints, and how many checkpoints lie between. */
    record Steady(RequestCounts requests, long checkpoints) {

        double perCheckpoint(long count) {
            return checkpoints == 0 ? Double.NaN : count / (double) checkpoints;
        }
    }

    private final MiniCluster cluster;
    private final JobID job;
    private final S3ProxyServer s3;
    private final String bucket;
    private final EtcdServer etcd;
    private final Thread thread;
    private final long madeAtStart;
    private final long records;

    // Guarded by this.
    private RequestCounts first;
    private long firstCheckpoint;
    private RequestCounts last;
    private long lastCheckpoint;
    private volatile boolean stopped;
    private volatile long inputStartNanos;
    private volatile long inputEndNanos;

    /**
     * @param records the job's input: once it is all read, sampling stops
     */
    CheckpointSampler(
            MiniCluster cluster,
            JobID job,
            S3ProxyServer s3,
            String bucket,
            EtcdServer etcd,
            long records) {
        this.madeAtStart = BenchRecords.made();
        this.records = records;
        this.cluster = cluster;
        this.job = job;
        this.s3 = s3;
        this.bucket = bucket;
        this.etcd = etcd;
        this.thread = new Thread(this::run, "bench-checkpoint-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        long seen = 0;
        while (!stopped) {
            try {
                long made = BenchRecords.made() - madeAtStart;
                if (made > 0 && inputStartNanos == 0) {
                    inputStartNanos = System.nanoTime();
                }
                if (made >= records) {
                    inputEndNanos = System.nanoTime();
                    return;
                }
                long completed = completedCheckpoints();
                if (completed > seen) {
                    seen = completed;
                    RequestCounts counts = RequestCounts.scrape(s3, bucket, etcd);
                    synchronized (this) {
                        if (first == null) {
                            first = counts;
                            firstCheckpoint = completed;
                        }
                        last = counts;
                        lastCheckpoint = completed;
                    }
                }
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // The job ended, or a scrape failed: the next poll tries again until stopped.
            }
        }
    }

    private long completedCheckpoints() throws Exception {
        CheckpointStatsSnapshot stats =
                cluster.getExecutionGraph(job).get().getCheckpointStatsSnapshot();
        return stats == null ? 0 : stats.getCounts().getNumberOfCompletedCheckpoints();
    }

    /** When the job read its first record ({@link System#nanoTime}), or 0 if not seen. */
    long inputStartNanos() {
        return inputStartNanos;
    }

    /** When the job had read all its input ({@link System#nanoTime}), or 0 if not seen. */
    long inputEndNanos() {
        return inputEndNanos;
    }

    /** The requests from the first completed checkpoint seen to the last. */
    synchronized Steady steady() {
        return first == null
                ? new Steady(new RequestCounts(java.util.Map.of(), java.util.Map.of()), 0)
                : new Steady(last.since(first), lastCheckpoint - firstCheckpoint);
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.interrupt();
        thread.join();
    }
}
