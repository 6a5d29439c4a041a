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

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.flink.connection.FloeConnection;
import dev.floe.flink.connection.FloeConnectionOptions;
import dev.floe.flink.sink.FloeRecordSerializers;
import dev.floe.flink.sink.FloeRouting;
import dev.floe.flink.sink.FloeSinkOptions;
import dev.floe.flink.sink.testing.TestWriterContext;
import dev.floe.wal.manifest.ObjectDescriptor;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a {@link FloeWriter} tiers its partitions from their WALs: a thread per partition when it
 * owns few, one pool for all when it owns more than {@code floe.sink.tier.streaming-partitions}.
 */
class FloeWriterTieringTest {

    private static final SinkWriter.Context CONTEXT = TestWriterContext.elementContext(1_000L);

    @TempDir Path dir;

    @Test
    void aWriterOwningManyPartitionsTiersThemOnItsPoolAndEndsWithEveryRecordInParquet()
            throws Exception {
        Configuration config = config(12);
        config.set(FloeSinkOptions.TIER_THREADS, 3);
        FloeWriter<String> writer = writer(config);
        assertThat(tieringThreads())
                .containsExactlyInAnyOrder(
                        "floe-tier-pool-orders-0-0",
                        "floe-tier-pool-orders-0-1",
                        "floe-tier-pool-orders-0-2",
                        "floe-tier-pool-orders-0-complete-0",
                        "floe-tier-pool-orders-0-complete-1",
                        "floe-tier-pool-orders-0-complete-2",
                        "floe-tier-pool-orders-0-commits");

        endWith(writer, 120);

        assertThat(tieringThreads()).isEmpty();
        assertEveryPartitionIsParquet(config);
    }

    @Test
    void aWriterOwningFewPartitionsGivesEachItsOwnTierer() throws Exception {
        Configuration config = config(8);
        FloeWriter<String> writer = writer(config);
        assertThat(tieringThreads())
                .hasSize(8)
                .allMatch(name -> name.startsWith("floe-tier-orders-"));

        endWith(writer, 80);

        assertThat(tieringThreads()).isEmpty();
        assertEveryPartitionIsParquet(config);
    }

    private Configuration config(int partitions) {
        Configuration config = new Configuration();
        config.set(FloeConnectionOptions.LOCAL_PATH, dir.resolve("store").toString());
        config.set(FloeSinkOptions.WAL_DIRECTORY, dir.resolve("wal").toString());
        config.set(FloeSinkOptions.STREAM, "orders");
        config.set(FloeSinkOptions.PARTITIONS, partitions);
        config.set(FloeSinkOptions.TAIL_ENABLED, false);
        config.set(FloeSinkOptions.DELIVERY_GUARANTEE, DeliveryGuarantee.AT_LEAST_ONCE);
        return config;
    }

    private static FloeWriter<String> writer(Configuration config) throws Exception {
        return new FloeWriter<>(
                config,
                FloeRecordSerializers.strings(),
                FloeRouting.bySubtask(),
                new TestWriterContext(0, 1),
                List.of());
    }

    /** Writes {@code count} elements as a bounded input and closes the writer. */
    private static void endWith(FloeWriter<String> writer, int count) throws Exception {
        try (writer) {
            for (int i = 0; i < count; i++) {
                writer.write(String.valueOf(i), CONTEXT);
            }
            writer.flush(true);
            writer.prepareCommit();
        }
    }

    private static List<String> tieringThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName)
                .filter(name -> name.startsWith("floe-tier-"))
                .toList();
    }

    private static void assertEveryPartitionIsParquet(Configuration config) {
        try (FloeConnection connection = FloeConnection.open(config)) {
            for (int p = 0; p < config.get(FloeSinkOptions.PARTITIONS); p++) {
                assertThat(connection.manifest().objects("orders", p, 0, Long.MAX_VALUE))
                        .as("objects of partition %d", p)
                        .isNotEmpty()
                        .allMatch(o -> o.kind() == ObjectDescriptor.Kind.PARQUET);
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
