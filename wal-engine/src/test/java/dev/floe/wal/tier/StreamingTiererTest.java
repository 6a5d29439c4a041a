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
package dev.floe.wal.tier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.wal.format.SegmentObjectOptions;
import dev.floe.wal.log.WalOptions;
import dev.floe.wal.log.WriteAheadLog;
import dev.floe.wal.manifest.CommitRequest;
import dev.floe.wal.manifest.CommitResult;
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.ManifestStores;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.PartitionClaim;
import dev.floe.wal.manifest.StreamConfig;
import dev.floe.wal.object.InMemoryObjectStore;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.testing.TestStreams;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamingTiererTest {

    @TempDir Path dir;

    private final InMemoryObjectStore store = new InMemoryObjectStore();
    private ManifestStore manifest;
    private StreamConfig stream;
    private PartitionClaim claim;
    private WriteAheadLog wal;
    private SegmentStager stager;
    private long written;

    @BeforeEach
    void open() throws Exception {
        manifest = ManifestStores.embedded(dir.resolve("manifest"), "test");
        stream = manifest.createStream(new StreamConfig("orders", 1, null, null));
        claim = manifest.acquire("orders", 0, "test", Duration.ofMinutes(1));
        wal = WriteAheadLog.open(dir.resolve("wal"), WalOptions.defaults());
        stager =
                new SegmentStager(
                        wal, store, "orders", 0, claim.epoch(), 0, SegmentObjectOptions.defaults());
    }

    @AfterEach
    void close() throws Exception {
        stager.close();
        wal.close();
        claim.close();
        manifest.close();
    }

    private StreamingTierer tierer(long targetBytes) {
        TierOptions options =
                TierOptions.builder()
                        .targetObjectBytes(targetBytes)
                        .supersededGrace(Duration.ZERO)
                        .build();
        return new StreamingTierer(
                wal, manifest, store, stream, 0, claim.epoch(), 0, options, Clock.systemUTC());
    }

    /** Appends {@code count} records and seals them into a segment object; returns it. */
    private ObjectDescriptor writeAndSeal(StreamingTierer tierer, int count) throws Exception {
        TestStreams.texts((int) written, count).forEach(wal::append);
        written += count;
        ObjectDescriptor object = stager.seal().get(30, TimeUnit.SECONDS).orElseThrow();
        tierer.sealed(object.endOffset());
        return object;
    }

    private void commit(ObjectDescriptor object) {
        CommitResult result =
                manifest.commit(
                        new CommitRequest(
                                "orders",
                                0,
                                claim.epoch(),
                                object.startOffset(),
                                List.of(object),
                                "c-" + object.startOffset()));
        assertThat(result.status()).isEqualTo(CommitResult.Status.COMMITTED);
    }

    private List<ObjectDescriptor> objects() {
        return manifest.objects("orders", 0, 0, Long.MAX_VALUE);
    }

    private List<LoggedRecord> committedRecords() throws Exception {
        return new CommittedReader(manifest, TierStores.single(store), "orders", 0)
                .read(0, written);
    }

    @Test
    void aFinishedRangeBecomesOneParquetObjectHoldingExactlyItsCommittedRecords() throws Exception {
        try (StreamingTierer tierer = tierer(1L << 30)) {
            for (int i = 0; i < 3; i++) {
                commit(writeAndSeal(tierer, 20_000));
            }
            tierer.finish(written).get(30, TimeUnit.SECONDS);

            assertThat(objects())
                    .singleElement()
                    .satisfies(
                            o -> {
                                assertThat(o.kind()).isEqualTo(ObjectDescriptor.Kind.PARQUET);
                                assertThat(o.startOffset()).isZero();
                                assertThat(o.endOffset()).isEqualTo(60_000);
                                assertThat(o.epoch()).isEqualTo(claim.epoch());
                            });
            assertThat(tierer.tieredEnd()).isEqualTo(60_000);
            assertThat(tierer.objectsTiered()).isOne();
        }
        List<LoggedRecord> back = committedRecords();
        assertThat(back).hasSize(60_000);
        for (int i = 0; i < back.size(); i += 997) {
            assertThat(back.get(i).offset()).isEqualTo(i);
            assertThat(back.get(i).record()).isEqualTo(TestStreams.texts(i, 1).get(0));
        }
    }

    @Test
    void anObjectEndsOnlyAtASegmentBoundaryOnceItReachesTheTargetSize() throws Exception {
        try (StreamingTierer tierer = tierer(1)) {
            ObjectDescriptor first = writeAndSeal(tierer, 5_000);
            ObjectDescriptor second = writeAndSeal(tierer, 5_000);
            commit(first);
            commit(second);
            tierer.finish(written).get(30, TimeUnit.SECONDS);
        }
        assertThat(objects())
                .extracting(ObjectDescriptor::kind, ObjectDescriptor::startOffset)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ObjectDescriptor.Kind.PARQUET, 0L),
                        org.assertj.core.groups.Tuple.tuple(ObjectDescriptor.Kind.PARQUET, 5_000L));
        assertThat(committedRecords()).hasSize(10_000);
    }

    @Test
    void nothingIsSwappedBeforeItsRangeIsCommittedAndTheLogKeepsItMeanwhile() throws Exception {
        try (StreamingTierer tierer = tierer(1)) {
            ObjectDescriptor segment = writeAndSeal(tierer, 10_000);
            var finished = tierer.finish(written);
            assertThat(finished).isNotDone();
            // The object is written and waits for the commit; the log must keep its records.
            assertThat(tierer.floor()).isZero();
            assertThat(objects()).isEmpty();

            commit(segment);
            finished.get(30, TimeUnit.SECONDS);
            assertThat(tierer.floor()).isEqualTo(10_000);
        }
        assertThat(objects())
                .singleElement()
                .extracting(ObjectDescriptor::kind)
                .isEqualTo(ObjectDescriptor.Kind.PARQUET);
    }

    @Test
    void aFencedWriterNeverSwapsAndLeavesNoObjectBehind() throws Exception {
        try (StreamingTierer tierer = tierer(1)) {
            ObjectDescriptor segment = writeAndSeal(tierer, 1_000);
            commit(segment);
            // Another writer takes the partition before the swap.
            manifest.acquire("orders", 0, "other", Duration.ofMinutes(1)).close();
            assertThatThrownBy(() -> tierer.finish(written).get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasMessageContaining("stopped");
            assertThat(tierer.isRunning()).isFalse();
        }
        assertThat(objects()).containsExactly(segmentOnly());
        assertThat(store.list("orders/00000/parquet/")).isEmpty();
    }

    private ObjectDescriptor segmentOnly() {
        return objects().get(0);
    }
}
