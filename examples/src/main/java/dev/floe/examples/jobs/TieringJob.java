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

import dev.floe.examples.ExampleCommand;
import dev.floe.flink.connection.ConnectionSettings;
import dev.floe.flink.tiering.FloeTieringJob;
import dev.floe.flink.tiering.FloeTieringJobBuilder;
import dev.floe.flink.tiering.FloeTieringOptions;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Example job: {@link FloeTieringJob} compacting the segment objects of streams written with {@code
 * floe.sink.tier.mode: EXTERNAL} into Parquet objects (silver, in {@code --s3-parquet-bucket} when
 * given), apart from the jobs that write them. Settings left out keep the {@code floe.tiering.*}
 * options' defaults, or the values given with {@code -D}. Not thread-safe.
 */
@Command(
        name = "tiering",
        mixinStandardHelpOptions = true,
        description =
                "Compacts the committed segment objects of Floe streams into Parquet with"
                        + " FloeTieringJob.")
public final class TieringJob extends ExampleCommand {

    @Option(
            names = "--streams",
            split = ",",
            description = "Streams to tier, comma-separated (default: every stream).")
    List<String> streams;

    @Option(
            names = "--bounded",
            description =
                    "End once every partition found at the start is in Parquet and no writer"
                            + " holds it (default: run until cancelled).")
    boolean bounded;

    @Option(
            names = "--interval",
            description =
                    "How often each subtask looks for due work (default: floe.tiering.interval,"
                            + " 10s).")
    Duration interval;

    @Option(
            names = "--target-size",
            description =
                    "Segment bytes that make one Parquet object (default: floe.tiering.target-size,"
                            + " 128mb).")
    String targetSize;

    @Option(
            names = "--max-segment-age",
            description =
                    "Segment objects older than this are tiered even below the target size"
                            + " (default: floe.tiering.max-segment-age, 10min).")
    Duration maxSegmentAge;

    @Option(
            names = "--parallelism",
            defaultValue = "0",
            description =
                    "Subtasks that tier partitions (default: 0, the cluster's default; 2 when run"
                            + " locally).")
    int parallelism;

    public static void main(String[] args) {
        JobMain.run(new TieringJob(), args);
    }

    @Override
    public Integer call() throws Exception {
        ConnectionSettings connection = connection();
        FloeTieringJobBuilder builder =
                FloeTieringJob.builder().configure(connection.config()).bounded(bounded);
        if (streams != null && !streams.isEmpty()) {
            builder.streams(streams.toArray(String[]::new));
        }
        if (interval != null) {
            builder.interval(interval);
        }
        if (targetSize != null) {
            builder.set(FloeTieringOptions.TARGET_SIZE, MemorySize.parse(targetSize));
        }
        if (maxSegmentAge != null) {
            builder.set(FloeTieringOptions.MAX_SEGMENT_AGE, maxSegmentAge);
        }
        FloeTieringJob tiering = builder.build();
        StreamExecutionEnvironment env = JobSettings.environmentOf(parallelism);
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        out().printf("%s on %s%n", tiering.name(), connection.describe());
        tiering.execute(env);
        return 0;
    }
}
