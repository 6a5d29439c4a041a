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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.flink.sink.FloeFencedException;
import dev.floe.wal.format.SegmentObjectOptions;
import dev.floe.wal.log.WalIoPool;
import dev.floe.wal.log.WalOptions;
import dev.floe.wal.manifest.CommitResult;
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.ManifestStores;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.PartitionClaim;
import dev.floe.wal.manifest.StreamConfig;
import dev.floe.wal.manifest.WriterInfo;
import dev.floe.wal.object.InMemoryObjectStore;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.record.WalRecord;
import dev.floe.wal.tier.BatchStager;
import dev.floe.wal.tier.CommittedReader;
import dev.floe.wal.tier.TierStores;
import dev.floe.wal.tier.parquet.ParquetObjectSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sink writer's partition of stream "orders" (two partitions) writing to an embedded manifest and
 * an in-memory bucket, committed the way the committer does.
 */
class PartitionWriterTest {

    @TempDir Path dir;
    private ManifestStore manifest;
    private TierStores stores;
    private StreamConfig stream;
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final Map<PartitionWriter, BatchStager> stagers = new HashMap<>();
    private final WalIoPool walIo = WalIoPool.create("test", 2);

    @BeforeEach
    void createStream() {
        manifest = ManifestStores.embedded(dir.resolve("manifest"), "test");
        stores = TierStores.single(new InMemoryObjectStore());
        stream = manifest.createStream(StreamConfig.of("orders", 2));
    }

    @AfterEach
    void close() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
        walIo.close();
        manifest.close();
    }

    @Test
    void stagesWhatWasAppendedAsOneObjectThatExtendsTheCommittedEnd() throws Exception {
        PartitionWriter writer = start(0, dir.resolve("wal"));
        append(writer, "a", "b", "c");

        FloeCommittable committable = stage(writer).orElseThrow();
        assertThat(committable.stream()).isEqualTo("orders");
        assertThat(committable.partition()).isZero();
        assertThat(committable.epoch()).isEqualTo(writer.epoch());
        assertThat(committable.expectedEnd()).isZero();
        assertThat(committable.newEnd()).isEqualTo(3);
        assertThat(committable.objects()).hasSize(1);
        assertThat(committable.commitId()).isEqualTo("job-0-" + writer.epoch() + "-0");
        assertThat(writer.state()).isEqualTo(new FloeWriterState("orders", 0, 3, writer.epoch()));

        commit(committable);
        assertThat(committedValues(0)).containsExactly("a", "b", "c");
    }

    @Test
    void eachStageContinuesWhereThePreviousEndedAndNothingNewStagesNothing() throws Exception {
        PartitionWriter writer = start(1, dir.resolve("wal"));
        append(writer, "a", "b");
        FloeCommittable first = stage(writer).orElseThrow();
        append(writer, "c", "d", "e");
        FloeCommittable second = stage(writer).orElseThrow();

        assertThat(second.expectedEnd()).isEqualTo(first.newEnd()).isEqualTo(2);
        assertThat(second.newEnd()).isEqualTo(5);
        assertThat(second.commitId()).isNotEqualTo(first.commitId());
        assertThat(stage(writer)).isEmpty();
        assertThat(writer.state().end()).isEqualTo(5);

        commit(first);
        commit(second);
        assertThat(committedValues(1)).containsExactly("a", "b", "c", "d", "e");
    }

    @Test
    void aWriterRestartedOnItsOldLogDropsTheRecordsThatWereNeverCommitted() throws Exception {
        Path wal = dir.resolve("wal");
        PartitionWriter first = start(0, wal);
        append(first, "a", "b", "c");
        commit(stage(first).orElseThrow());
        append(first, "lost-3", "lost-4");
        first.close();

        PartitionWriter second = start(0, wal);
        append(second, "d");
        FloeCommittable committable = stage(second).orElseThrow();
        assertThat(committable.expectedEnd()).isEqualTo(3);
        assertThat(committable.newEnd()).isEqualTo(4);

        commit(committable);
        assertThat(committedValues(0)).containsExactly("a", "b", "c", "d");
    }

    @Test
    void aWriterOnANewDiskContinuesAtTheCommittedEnd() throws Exception {
        PartitionWriter first = start(0, dir.resolve("old-disk"));
        append(first, "a", "b");
        commit(stage(first).orElseThrow());
        first.close();

        PartitionWriter second = start(0, dir.resolve("new-disk"));
        append(second, "c");
        commit(stage(second).orElseThrow());
        assertThat(committedValues(0)).containsExactly("a", "b", "c");
    }

    @Test
    void refusesToStageOnceAnotherWriterTookThePartition() {
        PartitionWriter writer = start(0, dir.resolve("wal"));
        append(writer, "a");
        PartitionClaim other = manifest.acquire("orders", 0, "other job", Duration.ofMinutes(1));
        closing.add(other);

        assertThatThrownBy(() -> stage(writer))
                .isInstanceOf(FloeFencedException.class)
                .hasMessageStartingWith(
                        "Another writer has taken orders/0 (epoch "
                                + other.epoch()
                                + ", this writer has "
                                + writer.epoch());
    }

    @Test
    void advertisesItsLogToReadersUntilItCloses() {
        Path wal = dir.resolve("wal");
        PartitionWriter writer = start(1, wal);
        manifest.advertiseAll(List.of(writer.advertisement("127.0.0.1:4000")));

        WriterInfo info = manifest.writer("orders", 1).orElseThrow();
        assertThat(info.epoch()).isEqualTo(writer.epoch());
        assertThat(info.tailEndpoint()).isEqualTo("127.0.0.1:4000");
        assertThat(info.walDirectory()).isEqualTo(wal.toAbsolutePath().toString());
        assertThat(info.walHolder()).isEqualTo(writer.wal().holder());

        writer.close();
        assertThat(manifest.writer("orders", 1)).isEmpty();
    }

    private PartitionWriter start(int partition, Path wal) {
        PartitionClaim claim = manifest.acquire("orders", partition, "test", Duration.ofMinutes(1));
        PartitionWriter writer =
                PartitionWriter.start(
                        stream,
                        ParquetObjectSchema.forValueSchema(stream.valueSchema()),
                        claim,
                        claim.head().committedEnd(),
                        wal,
                        WalOptions.defaults(),
                        walIo,
                        null,
                        "job");
        closing.add(writer);
        BatchStager stager =
                new BatchStager(
                        stores.segments(),
                        "orders",
                        List.of(
                                new BatchStager.StagedLog(
                                        partition,
                                        writer.wal(),
                                        writer.epoch(),
                                        writer.stagedEnd())),
                        SegmentObjectOptions.defaults(),
                        8 << 20,
                        Clock.systemUTC());
        closing.add(stager);
        stagers.put(writer, stager);
        return writer;
    }

    /** Stages the partition as its sink writer does at a checkpoint. */
    private Optional<FloeCommittable> stage(PartitionWriter writer) throws Exception {
        writer.checkNotFenced(manifest.head("orders", writer.partition()));
        writer.sealing();
        Map<Integer, List<ObjectDescriptor>> staged =
                stagers.get(writer).seal().get(30, TimeUnit.SECONDS);
        return writer.staged(staged.getOrDefault(writer.partition(), List.of()));
    }

    private static void append(PartitionWriter writer, String... values) {
        for (String v : values) {
            writer.append(List.of(WalRecord.of(0, null, v.getBytes(StandardCharsets.UTF_8))));
        }
    }

    private void commit(FloeCommittable committable) {
        assertThat(manifest.commit(committable.toRequest()).status())
                .isEqualTo(CommitResult.Status.COMMITTED);
    }

    private List<String> committedValues(int partition) throws IOException {
        long end = manifest.head("orders", partition).committedEnd();
        List<String> values = new ArrayList<>();
        for (LoggedRecord r :
                new CommittedReader(manifest, stores, "orders", partition).read(0, end)) {
            values.add(new String(r.value(), StandardCharsets.UTF_8));
        }
        return values;
    }
}
