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

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.wal.log.WalOptions;
import dev.floe.wal.log.WriteAheadLog;
import dev.floe.wal.manifest.CommitRequest;
import dev.floe.wal.manifest.CommitResult;
import dev.floe.wal.manifest.CommitStateUnknownException;
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.ManifestStores;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.PartitionClaim;
import dev.floe.wal.manifest.StreamConfig;
import dev.floe.wal.object.InMemoryObjectStore;
import dev.floe.wal.object.ObjectStore;
import dev.floe.wal.object.ObjectStoreException;
import dev.floe.wal.record.Header;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.record.WalRecord;
import dev.floe.wal.testing.TestStreams;
import dev.floe.wal.tier.parquet.ParquetObjectSchema;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
    private BatchStager stager;
    private long written;

    @BeforeEach
    void open() throws Exception {
        manifest = ManifestStores.embedded(dir.resolve("manifest"), "test");
        stream = manifest.createStream(new StreamConfig("orders", 1, null, null));
        claim = manifest.acquire("orders", 0, "test", Duration.ofMinutes(1));
        wal = WriteAheadLog.open(dir.resolve("wal"), WalOptions.defaults());
        stager = BatchStagerTest.singleLog(wal, store, "orders", 0, claim.epoch(), 0);
    }

    @AfterEach
    void close() throws Exception {
        stager.close();
        wal.close();
        claim.close();
        manifest.close();
    }

    private StreamingTierer tierer(long targetBytes) {
        return tierer(targetBytes, store, Duration.ofMinutes(10));
    }

    private StreamingTierer tierer(long targetBytes, ObjectStore parquetStore) {
        return tierer(targetBytes, parquetStore, Duration.ofMinutes(10));
    }

    private StreamingTierer tierer(long targetBytes, ObjectStore parquetStore, Duration maxAge) {
        TierOptions options =
                TierOptions.builder()
                        .targetObjectBytes(targetBytes)
                        .maxSegmentAge(maxAge)
                        .supersededGrace(Duration.ZERO)
                        .build();
        return new StreamingTierer(
                wal,
                manifest,
                parquetStore,
                stream,
                ParquetObjectSchema.forValueSchema(stream.valueSchema()),
                0,
                claim.epoch(),
                0,
                options,
                TableCommits.NONE,
                Clock.systemUTC());
    }

    /** Appends {@code count} records and seals them into a segment object; returns it. */
    private ObjectDescriptor writeAndSeal(StreamingTierer tierer, int count) throws Exception {
        return writeAndSeal(tierer, TestStreams.texts((int) written, count));
    }

    private ObjectDescriptor writeAndSeal(StreamingTierer tierer, List<WalRecord> records)
            throws Exception {
        records.forEach(wal::append);
        written += records.size();
        tierer.sealed(wal.endOffset());
        return BatchStagerTest.sealOne(stager).orElseThrow();
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
    void anObjectPastItsAgeEndsAtTheNextBoundaryWhileTheWriterKeepsAppending() throws Exception {
        try (StreamingTierer tierer = tierer(1L << 30, store, Duration.ZERO)) {
            ObjectDescriptor first = writeAndSeal(tierer, 100);
            ObjectDescriptor second = writeAndSeal(tierer, 100);
            commit(first);
            commit(second);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (tierer.tieredEnd() < 200 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(tierer.tieredEnd()).isEqualTo(200);
        }
        assertThat(objects())
                .allMatch(o -> o.kind() == ObjectDescriptor.Kind.PARQUET)
                .extracting(ObjectDescriptor::endOffset)
                .last()
                .isEqualTo(200L);
    }

    @Test
    void anObjectNeverSpansMoreSegmentObjectsThanOneSwapMayReplace() throws Exception {
        // 70 checkpoints of a small partition: one object would replace 70 segment objects, a
        // transaction over etcd's 128 operations; the object ends at the 50th instead.
        try (StreamingTierer tierer = tierer(1L << 30)) {
            for (int i = 0; i < 70; i++) {
                commit(writeAndSeal(tierer, 10));
            }
            tierer.finish(written).get(30, TimeUnit.SECONDS);
        }
        assertThat(objects())
                .allMatch(o -> o.kind() == ObjectDescriptor.Kind.PARQUET)
                .extracting(ObjectDescriptor::startOffset, ObjectDescriptor::endOffset)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0L, 500L),
                        org.assertj.core.groups.Tuple.tuple(500L, 700L));
        assertThat(committedRecords()).hasSize(700);
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
    void aSwapAppliedWhoseAnswerWasLostIsNotRepeatedNorItsObjectDeleted() throws Exception {
        ManifestStore real = manifest;
        AtomicBoolean lost = new AtomicBoolean();
        manifest =
                (ManifestStore)
                        Proxy.newProxyInstance(
                                ManifestStore.class.getClassLoader(),
                                new Class<?>[] {ManifestStore.class},
                                (proxy, method, args) -> {
                                    Object result;
                                    try {
                                        result = method.invoke(real, args);
                                    } catch (InvocationTargetException e) {
                                        throw e.getCause();
                                    }
                                    if (method.getName().equals("swap")
                                            && lost.compareAndSet(false, true)) {
                                        throw new CommitStateUnknownException(
                                                "injected: the swap's answer was lost", null);
                                    }
                                    return result;
                                });
        try (StreamingTierer tierer = tierer(1)) {
            commit(writeAndSeal(tierer, 1_000));
            tierer.finish(written).get(30, TimeUnit.SECONDS);
            assertThat(tierer.objectsTiered()).isOne();
        } finally {
            manifest = real;
        }
        assertThat(lost).isTrue();
        ObjectDescriptor parquet = objects().get(0);
        assertThat(parquet.kind()).isEqualTo(ObjectDescriptor.Kind.PARQUET);
        assertThat(store.head(parquet.key())).isPresent();
        assertThat(committedRecords()).hasSize(1_000);
    }

    @Test
    void aFencedWriterNeverSwapsAndLeavesNoObjectBehind() throws Exception {
        try (StreamingTierer tierer = tierer(1)) {
            ObjectDescriptor segment = writeAndSeal(tierer, 1_000);
            // Another writer takes the partition and commits the range before this one could.
            try (PartitionClaim other =
                    manifest.acquire("orders", 0, "other", Duration.ofMinutes(1))) {
                CommitResult result =
                        manifest.commit(
                                new CommitRequest(
                                        "orders", 0, other.epoch(), 0, List.of(segment), "other"));
                assertThat(result.status()).isEqualTo(CommitResult.Status.COMMITTED);
            }
            assertThatThrownBy(() -> tierer.finish(written).get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasMessageContaining("stopped");
            assertThat(tierer.isRunning()).isFalse();
        }
        assertThat(objects()).containsExactly(segmentOnly());
        assertThat(store.list("orders/00000/parquet/")).isEmpty();
    }

    @Test
    void aFailedUploadIsAbortedAndTheObjectRebuiltFromTheWal() throws Exception {
        ObjectStore flaky =
                BatchStagerTest.failingUploads(
                        store, 2, new ObjectStoreException("injected failure: store down"));
        try (StreamingTierer tierer = tierer(1L << 30, flaky)) {
            commit(writeAndSeal(tierer, 10_000));
            tierer.finish(written).get(60, TimeUnit.SECONDS);
        }
        assertThat(objects())
                .singleElement()
                .extracting(ObjectDescriptor::kind)
                .isEqualTo(ObjectDescriptor.Kind.PARQUET);
        assertThat(committedRecords()).hasSize(10_000);
    }

    @Test
    void everyObjectReadsBackEqualInFloeAndInDuckDb() throws Exception {
        List<WalRecord> records = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            records.add(
                    new WalRecord(
                            5_000L + i,
                            ("k" + i % 7).getBytes(StandardCharsets.UTF_8),
                            ("v" + i).getBytes(StandardCharsets.UTF_8),
                            List.of(Header.of("trace", "t" + i))));
        }
        try (StreamingTierer tierer = tierer(1)) {
            for (int from = 0; from < records.size(); from += 1_000) {
                commit(writeAndSeal(tierer, records.subList(from, from + 1_000)));
            }
            tierer.finish(written).get(30, TimeUnit.SECONDS);
        }
        List<ObjectDescriptor> parquet = objects();
        assertThat(parquet).hasSize(3).allMatch(o -> o.kind() == ObjectDescriptor.Kind.PARQUET);
        assertThat(committedRecords())
                .extracting(LoggedRecord::record)
                .containsExactlyElementsOf(records);
        for (ObjectDescriptor o : parquet) {
            Path file = dir.resolve(o.startOffset() + ".parquet");
            try (InputStream in = store.open(o.key(), 0)) {
                Files.copy(in, file);
            }
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                    Statement st = c.createStatement();
                    ResultSet rs =
                            st.executeQuery(
                                    "SELECT _offset, epoch_ms(_timestamp), decode(_key),"
                                            + " decode(_value), decode(_headers['trace'])"
                                            + " FROM read_parquet('"
                                            + file
                                            + "') ORDER BY _offset")) {
                long expected = o.startOffset();
                while (rs.next()) {
                    WalRecord r = records.get((int) expected);
                    assertThat(rs.getLong(1)).isEqualTo(expected);
                    assertThat(rs.getLong(2)).isEqualTo(r.timestamp());
                    assertThat(rs.getString(3)).isEqualTo(new String(r.key(), UTF_8));
                    assertThat(rs.getString(4)).isEqualTo(new String(r.value(), UTF_8));
                    assertThat(rs.getString(5)).isEqualTo("t" + expected);
                    expected++;
                }
                assertThat(expected).isEqualTo(o.endOffset());
            }
        }
    }

    private ObjectDescriptor segmentOnly() {
        return objects().get(0);
    }
}
