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
package dev.floe.examples.soak;

import dev.floe.flink.testing.LocalStack;
import java.util.List;
import java.util.OptionalLong;

/**
 * Samples the sinks' WAL backlog (gauge {@code floe.uploadLagBytes}: bytes appended but not yet
 * durable in the bucket, per writer) from the Flink REST API every 2 s, on a thread of its own, and
 * keeps the largest value seen. Thread-safe.
 */
final class BacklogSampler implements AutoCloseable {

    private static final String METRIC = ".floe.uploadLagBytes";
    private static final long INTERVAL_MILLIS = 2_000;

    private final LocalStack stack;
    private final List<String> jobs;
    private final Thread thread;
    private volatile long max;
    private volatile long samples;

    private BacklogSampler(LocalStack stack, List<String> jobs) {
        this.stack = stack;
        this.jobs = List.copyOf(jobs);
        this.thread = new Thread(this::sample, "soak-backlog-sampler");
        this.thread.setDaemon(true);
    }

    /** A sampler of the sinks of {@code jobs}, started. */
    static BacklogSampler started(LocalStack stack, List<String> jobs) {
        BacklogSampler sampler = new BacklogSampler(stack, jobs);
        sampler.thread.start();
        return sampler;
    }

    /** The largest backlog of one writer seen so far, in bytes. */
    long maxBytes() {
        return max;
    }

    /** Samples that found a value (none while every writer is down or metrics are not in yet). */
    long samples() {
        return samples;
    }

    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join();
    }

    private void sample() {
        while (!Thread.currentThread().isInterrupted()) {
            for (String job : jobs) {
                try {
                    OptionalLong value = stack.maxSubtaskMetric(job, METRIC);
                    if (value.isPresent()) {
                        max = Math.max(max, value.getAsLong());
                        samples++;
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // The JobManager restarting a job or a TaskManager gone: the next sample.
                }
            }
            try {
                Thread.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
