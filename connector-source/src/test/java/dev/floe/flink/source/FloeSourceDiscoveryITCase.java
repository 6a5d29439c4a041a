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
package dev.floe.flink.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.flink.sink.FloeRecordSerializers;
import dev.floe.flink.sink.FloeRouting;
import dev.floe.flink.sink.FloeSink;
import dev.floe.flink.sink.FloeSinkOptions;
import dev.floe.flink.sink.testing.FloeTestStores;
import dev.floe.wal.testing.EtcdExtension;
import dev.floe.wal.testing.S3ProxyExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running unbounded FloeSource discovers partitions added to its stream and reads them from their
 * first record, while it goes on following the partitions it had.
 */
class FloeSourceDiscoveryITCase {

    @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();
    @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(6)
                            .build());

    @TempDir Path wal;

    @Test
    @Timeout(240)
    void aRunningSourceReadsPartitionsAddedToItsStream() throws Exception {
        try (FloeTestStores floe = new FloeTestStores(ETCD, S3)) {
            write(floe, "a", 1_000, 2);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(2);
            List<String> seen = new ArrayList<>();
            try (CloseableIterator<String> it =
                    env.fromSource(
                                    floe.connect(FloeSource.<String>builder()).stream("grows")
                                            .deserializer(FloeDeserializers.strings())
                                            .set(
                                                    FloeSourceOptions.PARTITION_DISCOVERY_INTERVAL,
                                                    Duration.ofMillis(200))
                                            .build(),
                                    WatermarkStrategy.noWatermarks(),
                                    "floe")
                            .executeAndCollect("reader of a growing stream")) {
                while (seen.size() < 1_000) {
                    seen.add(it.next());
                }
                floe.manifest().growPartitions("grows", 3);
                write(floe, "b", 900, 3);
                assertThat(floe.committedValues("grows", 0)).hasSize(500 + 300);
                assertThat(floe.committedValues("grows", 2)).hasSize(300);
                while (seen.size() < 1_900) {
                    seen.add(it.next());
                }
            }
            Set<String> expected = new HashSet<>();
            for (int i = 0; i < 1_000; i++) {
                expected.add("a-" + i);
            }
            for (int i = 0; i < 900; i++) {
                expected.add("b-" + i);
            }
            assertThat(seen).hasSize(1_900).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    /** Writes {@code prefix-0} to {@code prefix-(count-1)}, {@code prefix-i} to partition i % n. */
    private void write(FloeTestStores floe, String prefix, int count, int partitions)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(partitions);
        env.enableCheckpointing(100);
        env.fromSequence(0, count - 1)
                .map(v -> prefix + "-" + v)
                .sinkTo(
                        floe.connect(FloeSink.<String>builder()).stream("grows")
                                .partitions(partitions)
                                .serializer(FloeRecordSerializers.strings())
                                .routing(
                                        FloeRouting.custom(
                                                (value, n) ->
                                                        Integer.parseInt(value.substring(2)) % n))
                                .walDirectory(wal.resolve(prefix).toString())
                                .set(FloeSinkOptions.TIER_ENABLED, false)
                                .build());
        env.execute("write " + prefix);
    }
}
