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

import java.util.List;
import java.util.function.Consumer;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.util.TestStreamEnvironment;

/**
 * The sink benchmarks' bounded job: {@link BenchRecords} payloads of sequence numbers {@code 0} to
 * {@code records - 1}, checkpointed every {@value #CHECKPOINT_INTERVAL_MS} ms, into the sink a
 * caller adds. Thread-safe (stateless).
 */
final class BoundedSinkJob {

    static final long CHECKPOINT_INTERVAL_MS = 1_000;

    private BoundedSinkJob() {}

    /** Submits the job to {@code cluster} with {@code parallelism} and returns at once. */
    static JobClient start(
            MiniCluster cluster,
            Configuration conf,
            int parallelism,
            String name,
            long records,
            Consumer<DataStream<byte[]>> sink)
            throws Exception {
        StreamExecutionEnvironment env =
                new TestStreamEnvironment(cluster, conf, parallelism, List.of(), List.of());
        env.enableCheckpointing(CHECKPOINT_INTERVAL_MS);
        DataStream<byte[]> stream =
                env.fromSource(
                                new NumberSequenceSource(0, records - 1),
                                WatermarkStrategy.<Long>noWatermarks()
                                        .withTimestampAssigner(
                                                (id, previous) -> BenchRecords.timestampOf(id)),
                                "records")
                        .map(BenchRecords::payload)
                        .returns(PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO)
                        .name("payload");
        sink.accept(stream);
        return env.executeAsync(name);
    }
}
