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

import dev.floe.wal.format.BatchObjectIndex;
import dev.floe.wal.format.RangeSource;
import dev.floe.wal.format.SegmentObjectOptions;
import dev.floe.wal.format.SegmentObjectReader;
import dev.floe.wal.log.WalOptions;
import dev.floe.wal.log.WriteAheadLog;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.object.InMemoryObjectStore;
import dev.floe.wal.object.ObjectAlreadyExistsException;
import dev.floe.wal.object.ObjectStore;
import dev.floe.wal.object.ObjectStoreException;
import dev.floe.wal.object.ObjectUpload;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.record.WalRecord;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchStagerTest {

    @TempDir Path dir;

    static WalRecord record(long i) {
        return WalRecord.of(i, null, ("record-" + i).getBytes(StandardCharsets.UTF_8));
    }

    static List<LoggedRecord> readObject(ObjectStore store, ObjectDescriptor d) throws IOException {
        SegmentObjectReader reader =
                SegmentObjectReader.open(d.key(), new ObjectRangeSource(store, d));
        return reader.read(d.startOffset(), d.endOffset());
    }

    private static final long SECTION_BYTES = 8 << 20;

    /** A stager of one partition's log. */
    static BatchStager singleLog(
            WriteAheadLog wal,
            ObjectStore store,
            String stream,
            int partition,
            long epoch,
            long from) {
        return new BatchStager(
                store,
                stream,
                List.of(new BatchStager.StagedLog(partition, wal, epoch, from)),
                SegmentObjectOptions.defaults(),
                SECTION_BYTES,
                Clock.systemUTC());
    }

    /** Seals a stager of one partition; the descriptor of its one section, if it had records. */
    static Optional<ObjectDescriptor> sealOne(BatchStager stager) throws Exception {
        Map<Integer, List<ObjectDescriptor>> staged = stager.seal().get(60, TimeUnit.SECONDS);
        assertThat(staged.size()).isLessThanOrEqualTo(1);
        List<ObjectDescriptor> sections = staged.values().stream().findFirst().orElse(List.of());
        assertThat(sections.size()).isLessThanOrEqualTo(1);
        return sections.stream().findFirst();
    }

    @Test
    void sealsEachRangeIntoOneObjectHoldingExactlyThoseRecords() throws Exception {
        InMemoryObjectStore store = new InMemoryObjectStore();
        try (WriteAheadLog wal = WriteAheadLog.open(dir, WalOptions.defaults());
                BatchStager stager = singleLog(wal, store, "orders", 3, 7, 0)) {
            long next = 0;
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < 10_000; i++) {
                    wal.append(record(next++));
                }
                ObjectDescriptor d = sealOne(stager).orElseThrow();
                assertThat(d.startOffset()).isEqualTo(round * 10_000L);
                assertThat(d.endOffset()).isEqualTo(next);
                assertThat(d.epoch()).isEqualTo(7);
                assertThat(d.key()).startsWith("orders/batches/");
                long objectSize = store.head(d.key()).orElseThrow().size();
                assertThat(d.sectionOffset() + d.sizeBytes()).isLessThan(objectSize);
                List<LoggedRecord> back = readObject(store, d);
                assertThat(back).hasSize(10_000);
                assertThat(back.get(0).record()).isEqualTo(record(d.startOffset()));
                BatchObjectIndex index =
                        BatchObjectIndex.read(
                                d.key(), RangeSource.of(store.read(d.key(), 0, (int) objectSize)));
                assertThat(index.sections())
                        .containsExactly(
                                new BatchObjectIndex.Section(
                                        3,
                                        7,
                                        d.startOffset(),
                                        d.endOffset(),
                                        d.sectionOffset(),
                                        d.sizeBytes(),
                                        d.minTimestamp(),
                                        d.maxTimestamp()));
            }
            assertThat(stager.seal().get(30, TimeUnit.SECONDS)).isEmpty();
            assertThat(stager.stats().objectsUploaded()).isEqualTo(3);
        }
    }

    @Test
    void sealsEveryPartitionIntoOneObjectPerSeal() throws Exception {
        InMemoryObjectStore store = new InMemoryObjectStore();
        int partitions = 200;
        List<WriteAheadLog> wals = new ArrayList<>();
        List<BatchStager.StagedLog> logs = new ArrayList<>();
        try {
            for (int p = 0; p < partitions; p++) {
                WriteAheadLog wal = WriteAheadLog.open(dir.resolve("p" + p), WalOptions.defaults());
                wals.add(wal);
                logs.add(new BatchStager.StagedLog(p, wal, 2, 0));
            }
            try (BatchStager stager =
                    new BatchStager(
                            store,
                            "orders",
                            logs,
                            SegmentObjectOptions.defaults(),
                            SECTION_BYTES,
                            Clock.systemUTC())) {
                for (int r = 0; r < 3; r++) {
                    int round = r;
                    for (int p = 0; p < partitions; p++) {
                        // Partitions p % 4 == round get nothing this round.
                        int count = p % 4 == round ? 0 : 1 + p % 7;
                        for (int i = 0; i < count; i++) {
                            wals.get(p).append(record(wals.get(p).endOffset()));
                        }
                    }
                    Map<Integer, List<ObjectDescriptor>> staged =
                            stager.seal().get(60, TimeUnit.SECONDS);
                    assertThat(staged.keySet())
                            .hasSize(
                                    (int)
                                            java.util.stream.IntStream.range(0, partitions)
                                                    .filter(p -> p % 4 != round)
                                                    .count());
                    assertThat(
                                    staged.values().stream()
                                            .flatMap(List::stream)
                                            .map(ObjectDescriptor::key)
                                            .distinct())
                            .hasSize(1);
                    for (var e : staged.entrySet()) {
                        ObjectDescriptor d = e.getValue().get(0);
                        assertThat(e.getValue()).hasSize(1);
                        assertThat(d.endOffset()).isEqualTo(wals.get(e.getKey()).endOffset());
                        List<LoggedRecord> back = readObject(store, d);
                        assertThat(back)
                                .extracting(LoggedRecord::offset)
                                .containsExactlyElementsOf(
                                        java.util.stream.LongStream.range(
                                                        d.startOffset(), d.endOffset())
                                                .boxed()
                                                .toList());
                        assertThat(back.get(0).record()).isEqualTo(record(d.startOffset()));
                    }
                }
                assertThat(store.list("orders/")).hasSize(3);
                assertThat(stager.stats().objectsUploaded()).isEqualTo(3);
            }
        } finally {
            for (WriteAheadLog wal : wals) {
                wal.close();
            }
        }
    }

    @Test
    void aLargePartitionStreamsSectionsBeforeTheSeal() throws Exception {
        InMemoryObjectStore store = new InMemoryObjectStore();
        try (WriteAheadLog big = WriteAheadLog.open(dir.resolve("big"), WalOptions.defaults());
                WriteAheadLog small =
                        WriteAheadLog.open(dir.resolve("small"), WalOptions.defaults());
                BatchStager stager =
                        new BatchStager(
                                store,
                                "s",
                                List.of(
                                        new BatchStager.StagedLog(0, big, 1, 0),
                                        new BatchStager.StagedLog(1, small, 1, 0)),
                                SegmentObjectOptions.defaults(),
                                64 * 1024,
                                Clock.systemUTC())) {
            for (int i = 0; i < 50_000; i++) {
                big.append(record(i));
            }
            small.append(record(0));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (stager.stats().sectionsWritten() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Map<Integer, List<ObjectDescriptor>> staged = stager.seal().get(60, TimeUnit.SECONDS);
            List<ObjectDescriptor> sections = staged.get(0);
            assertThat(sections.size()).isGreaterThan(2);
            long next = 0;
            for (ObjectDescriptor d : sections) {
                assertThat(d.startOffset()).isEqualTo(next);
                assertThat(readObject(store, d)).hasSize((int) d.recordCount());
                next = d.endOffset();
            }
            assertThat(next).isEqualTo(50_000);
            assertThat(staged.get(1))
                    .singleElement()
                    .satisfies(d -> assertThat(d.endOffset()).isEqualTo(1));
        }
    }

    @Test
    void appendsAfterASealGoToTheNextObject() throws Exception {
        InMemoryObjectStore store = new InMemoryObjectStore();
        try (WriteAheadLog wal = WriteAheadLog.open(dir, WalOptions.defaults());
                BatchStager stager = singleLog(wal, store, "s", 0, 1, 0)) {
            for (int i = 0; i < 50_000; i++) {
                wal.append(record(i));
            }
            var first = stager.seal();
            for (int i = 50_000; i < 60_000; i++) {
                wal.append(record(i));
            }
            ObjectDescriptor a = first.get(30, TimeUnit.SECONDS).get(0).get(0);
            ObjectDescriptor b = sealOne(stager).orElseThrow();
            assertThat(a.endOffset()).isEqualTo(50_000);
            assertThat(b.startOffset()).isEqualTo(50_000);
            assertThat(b.endOffset()).isEqualTo(60_000);
        }
    }

    @Test
    void aFailedUploadIsRetriedFromTheObjectsFirstRecord() throws Exception {
        InMemoryObjectStore real = new InMemoryObjectStore();
        ObjectStore flaky =
                failingUploads(real, 2, new ObjectStoreException("injected failure: store down"));
        try (WriteAheadLog wal = WriteAheadLog.open(dir, WalOptions.defaults());
                BatchStager stager = singleLog(wal, flaky, "s", 0, 1, 0)) {
            for (int i = 0; i < 1000; i++) {
                wal.append(record(i));
            }
            Optional<ObjectDescriptor> d = sealOne(stager);
            assertThat(d).isPresent();
            assertThat(readObject(real, d.get())).hasSize(1000);
            assertThat(stager.stats().failedAttempts()).isEqualTo(2);
            assertThat(real.list("s/")).hasSize(1);
        }
    }

    @Test
    void aBacklogAtItsLimitIsReleasedBeforeTheSealSoAppendsNeverWaitForOne() throws Exception {
        InMemoryObjectStore store = new InMemoryObjectStore();
        WalOptions limited = WalOptions.builder().backlogLimitBytes(1 << 20).build();
        int records = 10_000;
        byte[] kilobyte = new byte[1024];
        try (WriteAheadLog wal = WriteAheadLog.open(dir, limited);
                BatchStager stager = singleLog(wal, store, "s", 0, 1, 0)) {
            // About ten times the limit, with no seal: only objects completed early free the WAL.
            CompletableFuture<Void> appends =
                    CompletableFuture.runAsync(
                            () -> {
                                for (int i = 0; i < records; i++) {
                                    wal.append(WalRecord.of(i, null, kilobyte));
                                }
                            });
            appends.get(60, TimeUnit.SECONDS);
            assertThat(stager.stats().objectsUploaded()).isGreaterThan(1);

            List<ObjectDescriptor> staged = stager.seal().get(60, TimeUnit.SECONDS).get(0);
            long next = 0;
            List<LoggedRecord> back = new ArrayList<>();
            for (ObjectDescriptor d : staged) {
                assertThat(d.startOffset()).isEqualTo(next);
                next = d.endOffset();
                back.addAll(readObject(store, d));
            }
            assertThat(next).isEqualTo(records);
            assertThat(back).hasSize(records);
            assertThat(back.get(records - 1).record())
                    .isEqualTo(WalRecord.of(records - 1, null, kilobyte));
        }
    }

    @Test
    void anUploadThatFindsItsKeyTakenIsWrittenAgainUnderANewKey() throws Exception {
        InMemoryObjectStore real = new InMemoryObjectStore();
        ObjectStore late =
                failingUploads(real, 1, new ObjectAlreadyExistsException("s3://late", "s/b.seg"));
        try (WriteAheadLog wal = WriteAheadLog.open(dir, WalOptions.defaults());
                BatchStager stager = singleLog(wal, late, "s", 0, 1, 0)) {
            for (int i = 0; i < 1000; i++) {
                wal.append(record(i));
            }
            Optional<ObjectDescriptor> d = sealOne(stager);
            assertThat(d).isPresent();
            assertThat(readObject(real, d.get())).hasSize(1000);
            assertThat(stager.stats().failedAttempts()).isEqualTo(1);
        }
    }

    @Test
    void anErrorNoRetryCanFixFailsTheSealAtOnceAndEveryLaterOne() throws Exception {
        InMemoryObjectStore real = new InMemoryObjectStore();
        ObjectStoreException denied =
                new ObjectStoreException("injected failure: access denied", null, false);
        ObjectStore denying = failingUploads(real, Integer.MAX_VALUE, denied);
        try (WriteAheadLog wal = WriteAheadLog.open(dir, WalOptions.defaults());
                BatchStager stager = singleLog(wal, denying, "s", 0, 1, 0)) {
            for (int i = 0; i < 1000; i++) {
                wal.append(record(i));
            }
            assertThatThrownBy(() -> stager.seal().get(60, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isSameAs(denied);
            assertThat(stager.stats().failedAttempts()).isEqualTo(1);
            assertThatThrownBy(() -> stager.seal().get(60, TimeUnit.SECONDS))
                    .cause()
                    .isSameAs(denied);
            assertThat(real.list("s/")).isEmpty();
        }
    }

    /** A store whose first {@code failures} uploads fail with {@code error}. */
    static ObjectStore failingUploads(
            InMemoryObjectStore real, int failures, ObjectStoreException error) {
        AtomicInteger failuresLeft = new AtomicInteger(failures);
        return (ObjectStore)
                Proxy.newProxyInstance(
                        ObjectStore.class.getClassLoader(),
                        new Class<?>[] {ObjectStore.class},
                        (proxy, method, args) -> {
                            if (method.getName().equals("startUpload")
                                    && failuresLeft.getAndDecrement() > 0) {
                                return failingUpload(error);
                            }
                            try {
                                return method.invoke(real, args);
                            } catch (java.lang.reflect.InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
    }

    private static ObjectUpload failingUpload(ObjectStoreException error) {
        return (ObjectUpload)
                Proxy.newProxyInstance(
                        ObjectUpload.class.getClassLoader(),
                        new Class<?>[] {ObjectUpload.class},
                        (proxy, method, args) -> {
                            if (method.getName().equals("abort")) {
                                return null;
                            }
                            throw error;
                        });
    }
}
