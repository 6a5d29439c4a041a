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
package dev.floe.flink.tiering;

import dev.floe.flink.tiering.internal.TieringSettings;
import dev.floe.flink.tiering.internal.TieringSource;
import java.util.List;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * A Flink job that compacts the committed segment objects of one, several or every stream into
 * Parquet objects, apart from the sinks that write them (sinks with {@code floe.sink.tier.mode:
 * EXTERNAL}) and with its own parallelism. Its subtasks share the streams' partitions; each claims
 * a partition in the manifest before tiering it, so two tiering jobs never tier one partition at
 * once, and a partition claimed elsewhere is tried again each round. Each Parquet object replaces
 * the segment objects of its range in one manifest swap that compares exactly those objects, so the
 * swap is safe while the sink commits, and a job killed mid-object leaves at most an unfinished
 * upload for the orphan cleaner. Subtask 0 also deletes replaced objects once their grace has
 * passed. The job keeps no progress of its own (the manifest says what is tiered), so it needs no
 * checkpoints.
 *
 * <pre>{@code
 * FloeTieringJob.builder()
 *         .streams("orders", "payments")
 *         .s3(URI.create("http://minio:9000"), "floe-raw")
 *         .etcd("http://etcd:2379")
 *         .parallelism(4)
 *         .build()
 *         .execute(StreamExecutionEnvironment.getExecutionEnvironment());
 * }</pre>
 *
 * Immutable.
 */
@PublicEvolving
public final class FloeTieringJob {

    private final Configuration config;
    private final int parallelism;

    FloeTieringJob(Configuration config, int parallelism) {
        this.config = config;
        this.parallelism = parallelism;
    }

    public static FloeTieringJobBuilder builder() {
        return new FloeTieringJobBuilder();
    }

    /**
     * Adds the tiering to {@code env}: a source whose records are the Parquet objects committed,
     * and a sink that discards them.
     *
     * @return the committed Parquet objects, for a caller that wants to see them
     */
    public DataStream<TieredObject> addTo(StreamExecutionEnvironment env) {
        SingleOutputStreamOperator<TieredObject> tiered =
                env.fromSource(new TieringSource(config), WatermarkStrategy.noWatermarks(), name())
                        .uid("floe-tiering");
        if (parallelism > 0) {
            tiered.setParallelism(parallelism);
        }
        tiered.sinkTo(new DiscardingSink<>())
                .name("tiered objects")
                .uid("floe-tiering-discard")
                .setParallelism(tiered.getParallelism());
        return tiered;
    }

    /** Adds the tiering to {@code env} and runs it; returns when a bounded job has finished. */
    public JobExecutionResult execute(StreamExecutionEnvironment env) throws Exception {
        addTo(env);
        return env.execute(name());
    }

    /** The job's name: which streams it tiers. */
    public String name() {
        List<String> streams = TieringSettings.streams(config);
        return "Floe tiering of "
                + (streams.isEmpty() ? "every stream" : String.join(", ", streams))
                + (config.get(FloeTieringOptions.BOUNDED) ? " (bounded)" : "");
    }
}
