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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.flink.sink.FloeRecordSerializers;
import dev.floe.flink.sink.FloeSink;
import dev.floe.flink.sink.FloeSinkOptions;
import dev.floe.flink.sink.testing.FloeTestStores;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.StreamConfig;
import dev.floe.wal.testing.EtcdExtension;
import dev.floe.wal.testing.S3ProxyExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * FloeSource reading streams that FloeSink wrote, in a MiniCluster against a real etcd and S3
 * server: Parquet and segment objects, start positions, bounded and unbounded reads.
 */
class FloeSourceITCase {

    @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();
    @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(4)
                            .build());

    private static final int TIERED = 12_000;
    private static final int RAW = 8_000;

    @TempDir static Path wal;
    private static FloeTestStores floe;

    /** Stream "orders": a first job's records tiered to Parquet, then a second job's segments. */
    @BeforeAll
    static void writeStream() throws Exception {
        floe = new FloeTestStores(ETCD, S3);
        write(0, TIERED, true);
        write(TIERED, RAW, false);
    }

    @AfterAll
    static void close() throws Exception {
        floe.close();
    }

    private static void write(long from, int count, boolean tier) throws Exception {
        write("orders", from, count, tier);
    }

    private static void write(String stream, long from, int count, boolean tier) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(100);
        env.fromSequence(from, from + count - 1)
                .map(String::valueOf)
                // Every partition gets records even if one source subtask reads every split.
                .rebalance()
                .sinkTo(
                        floe.connect(FloeSink.<String>builder()).stream(stream)
                                .partitions(4)
                                .serializer(FloeRecordSerializers.strings())
                                .walDirectory(wal.toString())
                                .set(FloeSinkOptions.TIER_ENABLED, tier)
                                .build());
        env.execute("write " + from);
    }

    @Test
    void theStreamHoldsBothKindsOfObjects() {
        List<ObjectDescriptor.Kind> kinds = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            floe.objects("orders", p).forEach(o -> kinds.add(o.kind()));
        }
        assertThat(kinds).contains(ObjectDescriptor.Kind.PARQUET, ObjectDescriptor.Kind.SEGMENT);
    }

    @Test
    void aBoundedReadReturnsEveryCommittedRecordOnceAndEachPartitionInOrder() throws Exception {
        List<String> all = read(source().bounded().build(), 3);
        assertThat(all).hasSize(TIERED + RAW);
        assertThat(new HashSet<>(all)).hasSize(TIERED + RAW);

        for (int p = 0; p < 4; p++) {
            assertThat(read(source().bounded().partitions(p).build(), 1))
                    .as("partition %d in offset order", p)
                    .containsExactlyElementsOf(floe.committedValues("orders", p));
        }
    }

    @Test
    void startsAtOffsetsLatestOrATimestamp() throws Exception {
        List<String> committed = floe.committedValues("orders", 1);
        assertThat(
                        read(
                                source().bounded()
                                        .partitions(1)
                                        .startFromOffsets(Map.of(1, 100L))
                                        .build(),
                                1))
                .containsExactlyElementsOf(committed.subList(100, committed.size()));
        assertThat(read(source().bounded().startFromLatest().build(), 2)).isEmpty();
        assertThat(
                        read(
                                source().bounded()
                                        .startFromTimestamp(Instant.now().plusSeconds(3600))
                                        .build(),
                                2))
                .isEmpty();
        assertThat(read(source().bounded().startFromTimestamp(Instant.EPOCH).build(), 2))
                .hasSize(TIERED + RAW);
    }

    @Test
    @Timeout(180)
    void anUnboundedReadFollowsNewCommits() throws Exception {
        floe.manifest().createStream(StreamConfig.of("live", 4));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        List<String> seen = new ArrayList<>();
        try (CloseableIterator<String> it =
                env.fromSource(
                                floe.connect(FloeSource.<String>builder()).stream("live")
                                        .deserializer(FloeDeserializers.strings())
                                        .build(),
                                WatermarkStrategy.noWatermarks(),
                                "floe")
                        .executeAndCollect("follow")) {
            Thread writer =
                    new Thread(
                            () -> {
                                try {
                                    write("live", 0, 2_000, false);
                                } catch (Exception e) {
                                    throw new RuntimeException(e);
                                }
                            });
            writer.start();
            while (seen.size() < 2_000 && it.hasNext()) {
                seen.add(it.next());
            }
            writer.join();
        }
        assertThat(new HashSet<>(seen)).hasSize(2_000);
    }

    @Test
    void aConsumerStoresItsPositionsAndANewJobStartsFromThem() throws Exception {
        read(source().bounded().consumerId("analytics").build(), 2, 100);
        Map<Integer, Long> committedEnds = new HashMap<>();
        for (int p = 0; p < 4; p++) {
            committedEnds.put(p, floe.head("orders", p).committedEnd());
        }
        assertThat(floe.manifest().consumerPosition("orders", "analytics"))
                .hasValueSatisfying(c -> assertThat(c.offsets()).isEqualTo(committedEnds));
        assertThat(
                        read(
                                source().bounded()
                                        .consumerId("analytics")
                                        .startFromConsumer()
                                        .build(),
                                2,
                                0))
                .isEmpty();

        floe.manifest()
                .putConsumerPosition("orders", "reporting", Map.of(1, 100L), Duration.ofHours(1));
        List<String> committed = floe.committedValues("orders", 1);
        assertThat(
                        read(
                                source().bounded()
                                        .partitions(1)
                                        .consumerId("reporting")
                                        .startFromConsumer()
                                        .build(),
                                1,
                                0))
                .containsExactlyElementsOf(committed.subList(100, committed.size()));
    }

    @Test
    void aStartOffsetPastTheCommittedEndFailsNamingIt() {
        assertThatThrownBy(
                        () ->
                                read(
                                        source().bounded()
                                                .startFromOffsets(Map.of(2, 1_000_000L))
                                                .build(),
                                        1))
                .satisfies(
                        e ->
                                assertThat(ExceptionUtils.stringifyException(e))
                                        .contains("Start offset 1000000 of orders/2"));
    }

    private static FloeSourceBuilder<String> source() {
        return floe.connect(FloeSource.<String>builder()).stream("orders")
                .deserializer(FloeDeserializers.strings());
    }

    private static List<String> read(FloeSource<String> source, int parallelism) throws Exception {
        return read(source, parallelism, 0);
    }

    private static List<String> read(
            FloeSource<String> source, int parallelism, long checkpointMillis) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        if (checkpointMillis > 0) {
            env.enableCheckpointing(checkpointMillis);
        }
        List<String> out = new ArrayList<>();
        try (CloseableIterator<String> it =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "floe")
                        .executeAndCollect("read")) {
            it.forEachRemaining(out::add);
        }
        return out;
    }
}
