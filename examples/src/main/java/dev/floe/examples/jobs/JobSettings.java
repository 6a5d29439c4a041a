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
package dev.floe.examples.jobs;

import java.time.Duration;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Option;

/** Options every example job has: the stream, parallelism and checkpoints. Not thread-safe. */
public final class JobSettings {

    @Option(
            names = "--stream",
            defaultValue = "orders",
            description = "The Floe stream (default: ${DEFAULT-VALUE}).")
    String stream;

    @Option(
            names = "--parallelism",
            defaultValue = "0",
            description =
                    "Parallelism of the job (default: 0, the cluster's default; 2 when run"
                            + " locally).")
    int parallelism;

    @Option(
            names = "--checkpoint-interval",
            defaultValue = "10s",
            description =
                    "Checkpoint interval; the sink commits and the source stores its consumer"
                            + " position at each checkpoint (default: ${DEFAULT-VALUE}).")
    Duration checkpointInterval;

    public String stream() {
        return stream;
    }

    /** The environment of a streaming job, with this parallelism and exactly-once checkpoints. */
    public StreamExecutionEnvironment environment() {
        StreamExecutionEnvironment env = batchEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        env.enableCheckpointing(checkpointInterval.toMillis(), CheckpointingMode.EXACTLY_ONCE);
        return env;
    }

    /** The environment of a bounded job run as a batch (no checkpoints), with this parallelism. */
    public StreamExecutionEnvironment batchEnvironment() {
        StreamExecutionEnvironment env = environmentOf(parallelism);
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        return env;
    }

    /**
     * The local or cluster environment with {@code parallelism}; 0 keeps the cluster's default, or
     * 2 when run locally.
     */
    static StreamExecutionEnvironment environmentOf(int parallelism) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        if (parallelism > 0) {
            env.setParallelism(parallelism);
        } else if (env.getParallelism() > 2 && isLocal(env)) {
            env.setParallelism(2);
        }
        return env;
    }

    private static boolean isLocal(StreamExecutionEnvironment env) {
        return env.getClass().getSimpleName().startsWith("Local");
    }
}
