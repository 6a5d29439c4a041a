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
import dev.floe.flink.sink.FloeSink;
import dev.floe.flink.sink.FloeSinkOptions;
import dev.floe.flink.sink.testing.FloeTestStores;
import dev.floe.wal.manifest.WriterInfo;
import dev.floe.wal.testing.EtcdExtension;
import dev.floe.wal.testing.S3ProxyExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Read-uncommitted: a reader follows a writer and gets records no checkpoint has committed, over
 * the writer's tail endpoint (the network path), or from the writer's WAL files when it sees them.
 */
class FloeSourceTailITCase {

    @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();
    @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(4)
                            .build());

    @TempDir Path wal;

    @Test
    @Timeout(180)
    void aReadUncommittedReaderSeesRecordsBeforeAnyCommitOverTheTailEndpoint() throws Exception {
        // The reader may not use the WAL files, so the endpoint is its only way to the records.
        readsUncommittedRecords(true, false);
    }

    @Test
    @Timeout(180)
    void aReadUncommittedReaderOnTheWritersHostReadsItsWalFiles() throws Exception {
        // The writer serves no endpoint, so the WAL files are the reader's only way to the records.
        readsUncommittedRecords(false, true);
    }

    @Test
    @Timeout(240)
    void aReaderTheTailEndpointCutsOffReadsOnFromCommittedRecordsEveryRecordOnce()
            throws Exception {
        int records = 30_000;
        try (FloeTestStores floe = new FloeTestStores(ETCD, S3);
                TailCutOffs cutOffs = TailCutOffs.watch()) {
            StreamExecutionEnvironment writerEnv =
                    StreamExecutionEnvironment.getExecutionEnvironment();
            writerEnv.setParallelism(1);
            writerEnv.enableCheckpointing(500);
            String padding = "x".repeat(1000);
            writerEnv
                    .fromSequence(0, records - 1)
                    .map(
                            v -> {
                                if (v % 20 == 0) {
                                    Thread.sleep(1);
                                }
                                return v + " " + padding;
                            })
                    .sinkTo(
                            floe.connect(FloeSink.<String>builder()).stream("cut")
                                    .partitions(1)
                                    .serializer(FloeRecordSerializers.strings())
                                    .walDirectory(wal.toString())
                                    .set(FloeSinkOptions.TAIL_MAX_LAG, Duration.ofMillis(50))
                                    .set(FloeSinkOptions.TAIL_WRITE_TIMEOUT, Duration.ofMillis(200))
                                    .build());
            JobClient writer = writerEnv.executeAsync("writer with checkpoints");
            awaitStream(floe, "cut", 0);

            // The reader takes 1 ms per 5 records, slower than the writer: it falls behind.
            StreamExecutionEnvironment readerEnv =
                    StreamExecutionEnvironment.getExecutionEnvironment();
            readerEnv.setParallelism(1);
            List<String> seen = new ArrayList<>();
            try (CloseableIterator<String> it =
                    readerEnv
                            .fromSource(
                                    floe.connect(FloeSource.<String>builder()).stream("cut")
                                            .deserializer(FloeDeserializers.strings())
                                            .isolation(FloeSourceOptions.Isolation.READ_UNCOMMITTED)
                                            .set(FloeSourceOptions.TAIL_LOCAL_FILES, false)
                                            .build(),
                                    WatermarkStrategy.noWatermarks(),
                                    "floe")
                            .map(
                                    v -> {
                                        if (v.hashCode() % 5 == 0) {
                                            Thread.sleep(1);
                                        }
                                        return v.substring(0, v.indexOf(' '));
                                    })
                            .executeAndCollect("slow uncommitted reader")) {
                while (seen.size() < records && it.hasNext()) {
                    seen.add(it.next());
                }
            } finally {
                writer.cancel().exceptionally(e -> null).get();
            }
            assertThat(cutOffs.count()).isPositive();
            assertThat(new HashSet<>(seen)).hasSize(records);
            assertThat(seen.stream().mapToLong(Long::parseLong)).isSorted();
        }
    }

    private void readsUncommittedRecords(boolean endpoint, boolean localFiles) throws Exception {
        try (FloeTestStores floe = new FloeTestStores(ETCD, S3)) {
            StreamExecutionEnvironment writerEnv =
                    StreamExecutionEnvironment.getExecutionEnvironment();
            writerEnv.setParallelism(2);
            writerEnv
                    .fromSequence(0, 1_000_000)
                    .map(
                            v -> {
                                if (v % 50 == 0) {
                                    Thread.sleep(1);
                                }
                                return String.valueOf(v);
                            })
                    .sinkTo(
                            floe.connect(FloeSink.<String>builder()).stream("tail")
                                    .partitions(2)
                                    .serializer(FloeRecordSerializers.strings())
                                    .walDirectory(wal.toString())
                                    .set(FloeSinkOptions.TAIL_TOKEN, "t0ken")
                                    .set(FloeSinkOptions.TAIL_ENABLED, endpoint)
                                    .build());
            JobClient writer = writerEnv.executeAsync("writer without checkpoints");
            awaitStream(floe, "tail", 1);

            StreamExecutionEnvironment readerEnv =
                    StreamExecutionEnvironment.getExecutionEnvironment();
            readerEnv.setParallelism(2);
            List<String> seen = new ArrayList<>();
            try (CloseableIterator<String> it =
                    readerEnv
                            .fromSource(
                                    floe.connect(FloeSource.<String>builder()).stream("tail")
                                            .deserializer(FloeDeserializers.strings())
                                            .isolation(FloeSourceOptions.Isolation.READ_UNCOMMITTED)
                                            .set(FloeSourceOptions.TAIL_TOKEN, "t0ken")
                                            .set(FloeSourceOptions.TAIL_LOCAL_FILES, localFiles)
                                            .build(),
                                    WatermarkStrategy.noWatermarks(),
                                    "floe")
                            .executeAndCollect("uncommitted reader")) {
                while (seen.size() < 3_000 && it.hasNext()) {
                    seen.add(it.next());
                }
                WriterInfo registered = floe.manifest().writer("tail", 0).orElseThrow();
                assertThat(registered.tailEndpoint() != null).isEqualTo(endpoint);
                assertThat(registered.walDirectory()).startsWith(wal.toString());
            } finally {
                writer.cancel().get();
            }
            assertThat(new HashSet<>(seen)).hasSize(3_000);
            assertThat(floe.head("tail", 0).committedEnd()).isZero();
            assertThat(floe.head("tail", 1).committedEnd()).isZero();
        }
    }

    private static void awaitStream(FloeTestStores floe, String stream, int lastPartition)
            throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (floe.manifest().stream(stream).isEmpty()
                || floe.manifest().writer(stream, lastPartition).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the writer never registered");
            }
            Thread.sleep(50);
        }
    }
}
