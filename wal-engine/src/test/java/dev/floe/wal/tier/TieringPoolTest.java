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

import dev.floe.wal.log.WalOptions;
import dev.floe.wal.log.WriteAheadLog;
import dev.floe.wal.manifest.CommitRequest;
import dev.floe.wal.manifest.CommitResult;
import dev.floe.wal.manifest.CommitStateUnknownException;
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.ManifestStores;
import dev.floe.wal.manifest.ManualClock;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.PartitionClaim;
import dev.floe.wal.manifest.StreamConfig;
import dev.floe.wal.object.InMemoryObjectStore;
import dev.floe.wal.object.ObjectInfo;
import dev.floe.wal.object.ObjectStore;
import dev.floe.wal.object.ObjectStoreException;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.record.WalRecord;
import dev.floe.wal.testing.TestStreams;
import dev.floe.wal.tier.parquet.ParquetObjectOptions;
import dev.floe.wal.tier.parquet.ParquetObjectSchema;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class TieringPoolTest {

    private static final Logger LOG = LoggerFactory.getLogger(TieringPoolTest.class);
    private static final String POOL = "floe-tier-pool-test";
    private static final Duration MAX_AGE = Duration.ofMinutes(10);
    private static final WalOptions SMALL_WAL =
            WalOptions.builder().writeBufferBytes(64 * 1024).maxRecordBytes(4096).build();

    @TempDir Path dir;

    private final InMemoryObjectStore store = new InMemoryObjectStore();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T00:00:00Z"));
    private final List<Partition> partitions = new ArrayList<>();
    private ManifestStore manifest;
    private StreamConfig stream;
    private TieringPool pool;

    @BeforeEach
    void open() {
        manifest = ManifestStores.embedded(dir.resolve("manifest"), "test");
    }

    @AfterEach
    void close() throws Exception {
        if (pool != null) {
            pool.close();
        }
        for (Partition p : partitions) {
            p.wal.close();
            p.claim.close();
        }
        manifest.close();
    }

    /** A writer's partition: its WAL and claim, tiered on the pool, committed by the test. */
    private final class Partition {
        final int partition;
        final WriteAheadLog wal;
        final PartitionClaim claim;
        final PartitionTiering tiering;
        long committedEnd;

        Partition(int partition) {
            this.partition = partition;
            this.claim = manifest.acquire("orders", partition, "test", Duration.ofMinutes(1));
            this.wal = WriteAheadLog.open(dir.resolve("wal-" + partition), SMALL_WAL);
            this.tiering =
                    pool.start(
                            wal,
                            stream,
                            ParquetObjectSchema.forValueSchema(stream.valueSchema()),
                            partition,
                            claim.epoch(),
                            0);
        }

        /** Appends records, seals them as one segment object and commits it, as a checkpoint. */
        void checkpoint(int records) {
            checkpoint(TestStreams.texts((int) wal.endOffset(), records));
        }

        void checkpoint(List<WalRecord> batch) {
            batch.forEach(wal::append);
            long end = wal.endOffset();
            tiering.sealed(end);
            wal.sync();
            commit(committedEnd, end);
            committedEnd = end;
        }

        void commit(long start, long end) {
            ObjectDescriptor segment =
                    new ObjectDescriptor(
                            ObjectDescriptor.Kind.SEGMENT,
                            BucketLayout.newSegmentKey("orders", partition, start, claim.epoch()),
                            start,
                            end,
                            end - start,
                            0,
                            0,
                            claim.epoch());
            CommitResult result =
                    manifest.commit(
                            new CommitRequest(
                                    "orders",
                                    partition,
                                    claim.epoch(),
                                    start,
                                    List.of(segment),
                                    "c-" + partition + "-" + start));
            assertThat(result.status()).isEqualTo(CommitResult.Status.COMMITTED);
        }

        CompletableFuture<Void> finish() {
            return tiering.finish(committedEnd);
        }

        List<ObjectDescriptor> objects() {
            return manifest.objects("orders", partition, 0, Long.MAX_VALUE);
        }

        List<ObjectDescriptor> parquetObjects() {
            return objects().stream()
                    .filter(o -> o.kind() == ObjectDescriptor.Kind.PARQUET)
                    .toList();
        }
    }

    private void startPool(int partitionCount, int threads, TierOptions options) {
        startPool(partitionCount, threads, options, store);
    }

    private void startPool(
            int partitionCount, int threads, TierOptions options, ObjectStore parquetStore) {
        stream = manifest.createStream(new StreamConfig("orders", partitionCount, null, null));
        pool = new TieringPool(POOL, threads, manifest, parquetStore, options, clock);
        for (int p = 0; p < partitionCount; p++) {
            partitions.add(new Partition(p));
        }
    }

    private static TierOptions options(long targetBytes) {
        return options(targetBytes, 64);
    }

    private static TierOptions options(long targetBytes, int partitionsPerObject) {
        return TierOptions.builder()
                .targetObjectBytes(targetBytes)
                .maxSegmentAge(MAX_AGE)
                .supersededGrace(Duration.ZERO)
                .maxPartitionsPerObject(partitionsPerObject)
                .build();
    }

    private List<LoggedRecord> committedRecords(Partition p) throws Exception {
        return new CommittedReader(manifest, TierStores.single(store), "orders", p.partition)
                .read(0, p.committedEnd);
    }

    private static long poolThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("floe-tier"))
                .count();
    }

    private static void await(String what, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    @Test
    void twoHundredPartitionsOnTwoThreadsEndWithEveryCommittedRecordInExactlyOneObject()
            throws Exception {
        startPool(200, 2, options(1L << 30));
        // Two that encode, two that end uploads and swap, one that waits for commits.
        assertThat(poolThreads()).isEqualTo(5);
        for (int round = 0; round < 3; round++) {
            for (Partition p : partitions) {
                p.checkpoint(50 + p.partition % 7 * 10);
            }
        }
        List<CompletableFuture<Void>> finishing = new ArrayList<>();
        partitions.forEach(p -> finishing.add(p.finish()));
        CompletableFuture.allOf(finishing.toArray(CompletableFuture[]::new))
                .get(120, TimeUnit.SECONDS);
        assertThat(poolThreads()).isEqualTo(5);

        Map<String, Integer> partitionsByKey = new HashMap<>();
        for (Partition p : partitions) {
            assertThat(p.objects())
                    .as("objects of partition %d", p.partition)
                    .singleElement()
                    .satisfies(
                            o -> {
                                assertThat(o.kind()).isEqualTo(ObjectDescriptor.Kind.PARQUET);
                                assertThat(o.startOffset()).isZero();
                                assertThat(o.endOffset()).isEqualTo(p.committedEnd);
                                partitionsByKey.merge(o.key(), 1, Integer::sum);
                            });
            List<LoggedRecord> back = committedRecords(p);
            assertThat(back).extracting(LoggedRecord::offset).hasSize((int) p.committedEnd);
            assertThat(back)
                    .extracting(LoggedRecord::record)
                    .containsExactlyElementsOf(TestStreams.texts(0, (int) p.committedEnd));
            assertThat(p.tiering.floor()).isEqualTo(p.committedEnd);
        }
        // Small partitions share objects of at most 64 partitions; the bucket holds only those.
        assertThat(partitionsByKey.values()).allMatch(n -> n <= 64);
        assertThat(partitionsByKey.size()).isLessThan(20);
        assertThat(store.list("orders/"))
                .extracting(ObjectInfo::key)
                .containsExactlyInAnyOrderElementsOf(partitionsByKey.keySet());
        pool.close();
        assertThat(poolThreads()).isZero();
    }

    @Test
    void aDuePartitionCarriesTheCommittedRangesOfSmallOnesIntoOneSharedObject() throws Exception {
        startPool(3, 1, options(1L << 30));
        Partition due = partitions.get(0);
        due.checkpoint(300);
        partitions.get(1).checkpoint(20);
        partitions.get(2).checkpoint(30);
        partitions.get(2).checkpoint(40);
        due.finish().get(30, TimeUnit.SECONDS);

        await(
                "the small partitions to be tiered with it",
                () -> partitions.stream().allMatch(p -> p.tiering.tieredEnd() == p.committedEnd));
        String key = due.objects().get(0).key();
        assertThat(BucketLayout.isSharedParquetKey(key)).as(key).isTrue();
        for (Partition p : partitions) {
            assertThat(p.objects())
                    .singleElement()
                    .satisfies(
                            o -> {
                                assertThat(o.key()).isEqualTo(key);
                                assertThat(o.endOffset()).isEqualTo(p.committedEnd);
                            });
            assertThat(committedRecords(p))
                    .extracting(LoggedRecord::record)
                    .containsExactlyElementsOf(TestStreams.texts(0, (int) p.committedEnd));
            assertThat(p.tiering.floor()).isEqualTo(p.committedEnd);
        }
        assertThat(store.list("orders/")).singleElement();
    }

    @Test
    void aSharedObjectHoldsAtMostTheConfiguredNumberOfPartitions() throws Exception {
        startPool(10, 1, options(1L << 30, 4));
        for (Partition p : partitions) {
            p.checkpoint(100);
        }
        List<CompletableFuture<Void>> finishing = new ArrayList<>();
        partitions.forEach(p -> finishing.add(p.finish()));
        CompletableFuture.allOf(finishing.toArray(CompletableFuture[]::new))
                .get(60, TimeUnit.SECONDS);

        Map<String, Integer> partitionsByKey = new HashMap<>();
        for (Partition p : partitions) {
            partitionsByKey.merge(p.objects().get(0).key(), 1, Integer::sum);
            assertThat(committedRecords(p)).hasSize(100);
        }
        assertThat(partitionsByKey.values()).allMatch(n -> n <= 4);
        assertThat(partitionsByKey).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void largePartitionsGetObjectsOfTheTargetSizeEndingAtSealBoundaries() throws Exception {
        long target = 512 * 1024;
        // Row groups far below the target, as 16 MiB are below 128 MiB: an object's size is then
        // mostly encoded bytes, not a buffered row group.
        TierOptions options =
                TierOptions.builder()
                        .targetObjectBytes(target)
                        .maxSegmentAge(MAX_AGE)
                        .parquet(
                                ParquetObjectOptions.builder()
                                        .rowGroupBytes(64 * 1024)
                                        .pageBytes(16 * 1024)
                                        .build())
                        .build();
        startPool(3, 2, options);
        Random random = new Random(42);
        for (int checkpoint = 0; checkpoint < 60; checkpoint++) {
            for (Partition p : partitions) {
                List<WalRecord> batch = new ArrayList<>();
                for (int i = 0; i < 1_000; i++) {
                    byte[] id = new byte[24];
                    random.nextBytes(id);
                    batch.add(
                            WalRecord.of(
                                    i,
                                    null,
                                    ("order-" + i + "-" + HexFormat.of().formatHex(id))
                                            .getBytes(StandardCharsets.UTF_8)));
                }
                p.checkpoint(batch);
            }
        }
        // Due by size alone: the clock does not move, and nothing is finished.
        await(
                "objects of the target size",
                () -> partitions.stream().allMatch(p -> p.tiering.objectsTiered() >= 3));
        List<CompletableFuture<Void>> finishing = new ArrayList<>();
        partitions.forEach(p -> finishing.add(p.finish()));
        CompletableFuture.allOf(finishing.toArray(CompletableFuture[]::new))
                .get(60, TimeUnit.SECONDS);

        for (Partition p : partitions) {
            List<ObjectDescriptor> objects = p.objects();
            assertThat(objects).allMatch(o -> o.kind() == ObjectDescriptor.Kind.PARQUET);
            assertThat(objects).allMatch(o -> o.startOffset() % 1_000 == 0);
            List<ObjectDescriptor> full = objects.subList(0, objects.size() - 1);
            long segmentBytes = objects.get(0).sizeBytes() * 1_000 / objects.get(0).recordCount();
            LOG.info(
                    "Partition {}: objects of {} KiB for a target of {} KiB",
                    p.partition,
                    objects.stream().map(o -> o.sizeBytes() / 1024).toList(),
                    target / 1024);
            for (ObjectDescriptor o : full.subList(1, full.size())) {
                // Past the first, whose estimate knows no ratio yet: the target, give or take one
                // segment object's worth.
                assertThat(o.sizeBytes())
                        .as("size of %s", o)
                        .isBetween(target - 2 * segmentBytes, target + segmentBytes);
            }
            assertThat(committedRecords(p)).hasSize(60_000);
        }
    }

    @Test
    void smallPartitionsWaitForTheMaximumAgeWhileTheWalKeepsTheirRecords() throws Exception {
        startPool(2, 2, options(1L << 30, 1));
        Partition small = partitions.get(0);
        Partition finished = partitions.get(1);
        small.checkpoint(100);
        small.checkpoint(100);
        finished.checkpoint(100);
        // The pool looks at every partition before it takes one: once the finished one is
        // tiered, it has seen the small one not yet due.
        finished.finish().get(30, TimeUnit.SECONDS);
        assertThat(small.parquetObjects()).isEmpty();
        assertThat(small.tiering.floor()).isZero();

        clock.advance(MAX_AGE);
        await("the aged partition to be tiered", () -> small.tiering.tieredEnd() == 200);
        assertThat(small.objects())
                .singleElement()
                .satisfies(
                        o -> {
                            assertThat(o.kind()).isEqualTo(ObjectDescriptor.Kind.PARQUET);
                            assertThat(o.endOffset()).isEqualTo(200);
                        });
        assertThat(small.tiering.floor()).isEqualTo(200);
        assertThat(committedRecords(small)).hasSize(200);
    }

    @Test
    void finishedRangesAreEncodedWhileTheirLastCommitIsPendingIntoOneObjectEach() throws Exception {
        startPool(8, 2, options(1L << 30));
        partitions.forEach(p -> p.checkpoint(100));
        List<CompletableFuture<Void>> finishing = new ArrayList<>();
        // Under the pool's lock, so that no thread takes a partition before all have finished.
        synchronized (pool) {
            for (Partition p : partitions) {
                TestStreams.texts(100, 50).forEach(p.wal::append);
                finishing.add(p.tiering.finish(150));
            }
        }
        await("the finished ranges to be encoded", () -> pool.commitWaiter().waiting() > 0);
        // Uploaded, not swapped in.
        assertThat(store.list("orders/")).isNotEmpty();
        for (Partition p : partitions) {
            assertThat(p.parquetObjects()).isEmpty();
            assertThat(p.tiering.floor()).isZero();
        }
        assertThat(finishing).noneMatch(CompletableFuture::isDone);

        for (Partition p : partitions) {
            p.commit(100, 150);
            p.committedEnd = 150;
        }
        CompletableFuture.allOf(finishing.toArray(CompletableFuture[]::new))
                .get(60, TimeUnit.SECONDS);
        Set<String> keys = new HashSet<>();
        for (Partition p : partitions) {
            assertThat(p.objects())
                    .singleElement()
                    .satisfies(
                            o -> {
                                assertThat(o.kind()).isEqualTo(ObjectDescriptor.Kind.PARQUET);
                                assertThat(o.startOffset()).isZero();
                                assertThat(o.endOffset()).isEqualTo(150);
                                keys.add(o.key());
                            });
            assertThat(committedRecords(p))
                    .extracting(LoggedRecord::record)
                    .containsExactlyElementsOf(TestStreams.texts(0, 150));
        }
        assertThat(store.list("orders/"))
                .extracting(ObjectInfo::key)
                .containsExactlyElementsOf(keys);
        assertThat(pool.commitWaiter().waiting()).isZero();
    }

    @Test
    void aSwapWaitingForItsCommitIsDroppedWhenThePoolCloses() throws Exception {
        startPool(2, 1, options(1));
        Partition pending = partitions.get(0);
        pending.wal.append(TestStreams.texts(0, 100));
        CompletableFuture<Void> finishing = pending.tiering.finish(100);
        await(
                "the finished range to wait for its commit",
                () -> pool.commitWaiter().waiting() == 1);

        pool.close();
        assertThat(pool.commitWaiter().waiting()).isZero();
        assertThat(finishing).isCompletedExceptionally();
        assertThat(pending.objects()).isEmpty();
        assertThat(poolThreads()).isZero();
    }

    @Test
    void nothingIsTieredBeforeItIsCommittedAndTheWalKeepsItMeanwhile() throws Exception {
        startPool(2, 1, options(1));
        Partition pending = partitions.get(0);
        Partition committed = partitions.get(1);
        pending.wal.append(TestStreams.texts(0, 100));
        CompletableFuture<Void> finishing = pending.tiering.finish(100);
        committed.checkpoint(100);
        // The only thread encodes the pending partition's finished range, leaves the object to
        // wait for the commit, and tiers the other partition, in either order.
        committed.finish().get(30, TimeUnit.SECONDS);
        await("the pending range to wait for its commit", () -> pool.commitWaiter().waiting() == 1);
        assertThat(finishing).isNotDone();
        assertThat(pending.objects()).isEmpty();
        assertThat(pending.tiering.floor()).isZero();

        pending.commit(0, 100);
        pending.committedEnd = 100;
        finishing.get(30, TimeUnit.SECONDS);
        assertThat(pending.objects())
                .singleElement()
                .extracting(ObjectDescriptor::kind)
                .isEqualTo(ObjectDescriptor.Kind.PARQUET);
        assertThat(pending.tiering.floor()).isEqualTo(100);
    }

    @Test
    void partitionsWaitingForTheSameCommitsAreReadTogetherNotOneByOne() throws Exception {
        ManifestStore real = manifest;
        AtomicInteger headReads = new AtomicInteger();
        manifest =
                proxy(
                        real,
                        (method, args) -> {
                            if (method.equals("heads")) {
                                headReads.incrementAndGet();
                            }
                        });
        startPool(128, 2, options(1L << 30));
        List<CompletableFuture<Void>> finishing = new ArrayList<>();
        for (Partition p : partitions) {
            TestStreams.texts(0, 20).forEach(p.wal::append);
            p.tiering.sealed(p.wal.endOffset());
            // Due at once, but its range is not committed yet: as at the end of a bounded job,
            // before its last commit lands.
            finishing.add(p.tiering.finish(p.wal.endOffset()));
        }
        Thread.sleep(200);
        headReads.set(0);
        Thread.sleep(1000);
        // Two groups of 64, each read again after every pause (50 ms, doubling up to 1 s);
        // one by one, each of the 128 would be taken, and its group read, as often.
        assertThat(headReads.get()).as("reads of heads while the commits wait").isLessThan(40);

        for (Partition p : partitions) {
            p.commit(0, p.wal.endOffset());
            p.committedEnd = p.wal.endOffset();
        }
        CompletableFuture.allOf(finishing.toArray(CompletableFuture[]::new))
                .get(60, TimeUnit.SECONDS);
        for (Partition p : partitions) {
            assertThat(p.parquetObjects())
                    .singleElement()
                    .satisfies(o -> assertThat(o.endOffset()).isEqualTo(20));
        }
    }

    @Test
    void aFencedPartitionStopsAndKeepsEveryObjectTheManifestReferences() throws Exception {
        ManifestStore real = manifest;
        AtomicInteger swaps = new AtomicInteger();
        List<PartitionClaim> taken = new CopyOnWriteArrayList<>();
        manifest =
                proxy(
                        real,
                        (method, args) -> {
                            if (method.equals("swap") && swaps.incrementAndGet() == 2) {
                                // Another writer takes the partition while this one swaps its
                                // second object.
                                taken.add(
                                        real.acquire("orders", 0, "other", Duration.ofMinutes(1)));
                            }
                        });
        try {
            startPool(1, 2, options(1));
            Partition p = partitions.get(0);
            p.checkpoint(100);
            p.checkpoint(100);
            assertThatThrownBy(() -> p.finish().get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasMessageContaining("stopped");
            assertThat(p.tiering.isRunning()).isFalse();
            assertThat(p.tiering.floor()).isEqualTo(Long.MAX_VALUE);

            List<ObjectDescriptor> objects = p.objects();
            assertThat(objects)
                    .extracting(ObjectDescriptor::kind)
                    .containsExactly(ObjectDescriptor.Kind.PARQUET, ObjectDescriptor.Kind.SEGMENT);
            assertThat(store.list("orders/00000/parquet/"))
                    .singleElement()
                    .satisfies(info -> assertThat(info.key()).isEqualTo(objects.get(0).key()));
        } finally {
            taken.forEach(PartitionClaim::close);
        }
    }

    @Test
    void aSwapAppliedWhoseAnswerWasLostIsNotRepeatedNorItsObjectDeleted() throws Exception {
        ManifestStore real = manifest;
        AtomicBoolean lost = new AtomicBoolean();
        manifest =
                proxy(
                        real,
                        (method, args) -> {},
                        method -> method.equals("swap") && lost.compareAndSet(false, true));
        startPool(1, 1, options(1L << 30));
        Partition p = partitions.get(0);
        p.checkpoint(1_000);
        p.finish().get(30, TimeUnit.SECONDS);

        assertThat(lost).isTrue();
        assertThat(p.tiering.objectsTiered()).isOne();
        ObjectDescriptor parquet = p.objects().get(0);
        assertThat(parquet.kind()).isEqualTo(ObjectDescriptor.Kind.PARQUET);
        assertThat(store.head(parquet.key())).isPresent();
        assertThat(committedRecords(p)).hasSize(1_000);
    }

    @Test
    void aFailingPartitionBacksOffWhileTheOthersAreTiered() throws Exception {
        AtomicBoolean failing = new AtomicBoolean(true);
        List<Long> attempts = new CopyOnWriteArrayList<>();
        ObjectStore flaky =
                (ObjectStore)
                        Proxy.newProxyInstance(
                                ObjectStore.class.getClassLoader(),
                                new Class<?>[] {ObjectStore.class},
                                (proxy, method, args) -> {
                                    if (method.getName().equals("startUpload")
                                            && ((String) args[0]).startsWith("orders/00000/")
                                            && failing.get()) {
                                        attempts.add(System.nanoTime());
                                        throw new ObjectStoreException("injected: store down");
                                    }
                                    try {
                                        return method.invoke(store, args);
                                    } catch (InvocationTargetException e) {
                                        throw e.getCause();
                                    }
                                });
        startPool(4, 1, options(1L << 30, 1), flaky);
        for (Partition p : partitions) {
            p.checkpoint(500);
        }
        CompletableFuture<Void> failingPartition = partitions.get(0).finish();
        for (Partition p : partitions.subList(1, 4)) {
            p.finish().get(30, TimeUnit.SECONDS);
        }
        await("four attempts on the failing partition", () -> attempts.size() >= 4);
        assertThat(failingPartition).isNotDone();
        assertThat(partitions.get(0).tiering.isRunning()).isTrue();
        // Pauses of 100, 200 and 400 ms, less up to 20% of jitter.
        assertThat(attempts.get(1) - attempts.get(0)).isGreaterThan(ms(80));
        assertThat(attempts.get(2) - attempts.get(1)).isGreaterThan(ms(160));
        assertThat(attempts.get(3) - attempts.get(2)).isGreaterThan(ms(320));

        failing.set(false);
        failingPartition.get(30, TimeUnit.SECONDS);
        for (Partition p : partitions) {
            assertThat(committedRecords(p)).hasSize(500);
            assertThat(p.objects()).singleElement();
        }
    }

    @Test
    void closingAPartitionFailsItsFinishAndLeavesNoObject() throws Exception {
        startPool(1, 1, options(1L << 30));
        Partition p = partitions.get(0);
        p.wal.append(TestStreams.texts(0, 100));
        CompletableFuture<Void> finishing = p.tiering.finish(100);

        p.tiering.close();
        assertThat(finishing).isCompletedExceptionally();
        assertThat(p.tiering.isRunning()).isFalse();
        assertThat(store.list("orders/")).isEmpty();
    }

    private static long ms(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }

    /** Calls {@code before} ahead of every call to {@code real}. */
    private static ManifestStore proxy(
            ManifestStore real, java.util.function.BiConsumer<String, Object[]> before) {
        return proxy(real, before, method -> false);
    }

    /**
     * Calls {@code before} ahead of every call to {@code real}, and loses the answer of the calls
     * {@code loseAnswer} picks: they are applied, then fail with an unknown outcome.
     */
    private static ManifestStore proxy(
            ManifestStore real,
            java.util.function.BiConsumer<String, Object[]> before,
            java.util.function.Predicate<String> loseAnswer) {
        return (ManifestStore)
                Proxy.newProxyInstance(
                        ManifestStore.class.getClassLoader(),
                        new Class<?>[] {ManifestStore.class},
                        (proxy, method, args) -> {
                            before.accept(method.getName(), args);
                            Object result;
                            try {
                                result = method.invoke(real, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                            if (loseAnswer.test(method.getName())) {
                                throw new CommitStateUnknownException(
                                        "injected: the answer was lost", null);
                            }
                            return result;
                        });
    }
}
