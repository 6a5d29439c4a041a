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
package dev.floe.wal.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.wal.manifest.CommitResult.Status;
import dev.floe.wal.manifest.ManifestEvent.HeadChanged;
import dev.floe.wal.manifest.ManifestEvent.ObjectAdded;
import dev.floe.wal.manifest.ManifestEvent.ObjectRemoved;
import dev.floe.wal.manifest.kv.KvStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link ManifestStore} must have; subclasses say how to open one. */
abstract class ManifestStoreContract {

    static final Duration LEASE = Duration.ofSeconds(10);
    static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    protected ManifestStore store;
    protected String namespace;

    /** Opens a store on a namespace of its own. */
    protected abstract ManifestStore open(String namespace);

    /**
     * Lets {@code d} pass for lease expiry: moves a manual clock, or does nothing where real time
     * has to pass (callers then wait on a condition).
     */
    protected abstract void letTimePass(Duration d);

    @BeforeEach
    void openStore() {
        namespace = "ns-" + uuid();
        store = open(namespace);
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    static ObjectDescriptor segment(long start, long end, long epoch) {
        return new ObjectDescriptor(
                ObjectDescriptor.Kind.SEGMENT,
                String.format("s/0/segments/%020d-%020d-%d-%s.seg", start, end, epoch, uuid()),
                start,
                end,
                100 * (end - start),
                1_000 + start,
                1_000 + end,
                epoch);
    }

    static ObjectDescriptor parquet(long start, long end, long epoch) {
        return new ObjectDescriptor(
                ObjectDescriptor.Kind.PARQUET,
                String.format("s/0/parquet/%020d-%020d-%d-%s.parquet", start, end, epoch, uuid()),
                start,
                end,
                50 * (end - start),
                1_000 + start,
                1_000 + end,
                epoch);
    }

    private static String uuid() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    static CommitRequest request(
            String stream, int partition, long epoch, String commitId, ObjectDescriptor... objs) {
        return new CommitRequest(
                stream, partition, epoch, objs[0].startOffset(), List.of(objs), commitId);
    }

    @Test
    void theTablePointerMovesOnlyFromTheRevisionItWasReadAt() {
        store.createStream(StreamConfig.of("orders", 1));
        assertThat(store.tablePointer("orders")).isEmpty();

        assertThat(store.swapTablePointer("orders", Optional.empty(), "file:/m/1.json")).isTrue();
        assertThat(store.swapTablePointer("orders", Optional.empty(), "file:/m/x.json")).isFalse();
        TablePointer first = store.tablePointer("orders").orElseThrow();
        assertThat(first.metadataLocation()).isEqualTo("file:/m/1.json");

        assertThat(store.swapTablePointer("orders", Optional.of(first), "file:/m/2.json")).isTrue();
        assertThat(store.swapTablePointer("orders", Optional.of(first), "file:/m/3.json"))
                .isFalse();
        assertThat(store.tablePointer("orders").orElseThrow().metadataLocation())
                .isEqualTo("file:/m/2.json");

        store.deleteStream("orders");
        assertThat(store.tablePointer("orders")).isEmpty();
    }

    @Test
    void createsStreamsOnceAndRefusesAPartitionMismatch() {
        StreamConfig orders =
                new StreamConfig("orders", 3, "{\"type\":\"string\"}", Map.of("owner", "team-a"));
        assertThat(store.createStream(orders)).isEqualTo(orders);
        assertThat(store.createStream(orders)).isEqualTo(orders);
        assertThat(store.createStream(StreamConfig.of("orders", 3))).isEqualTo(orders);
        assertThat(store.stream("orders")).contains(orders);
        assertThat(store.stream("missing")).isEmpty();

        assertThatThrownBy(() -> store.createStream(StreamConfig.of("orders", 4)))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("orders")
                .hasMessageContaining("3 partitions, not 4");

        store.createStream(StreamConfig.of("orders-eu", 1));
        store.createStream(StreamConfig.of("clicks", 2));
        store.acquire("clicks", 1, "w", LEASE).close();
        assertThat(store.streams()).containsExactly("clicks", "orders", "orders-eu");
    }

    @Test
    void aStreamsSchemaHistoryStartsWithItsCreationSchemaAndGrowsByCompareAndSet() {
        String v1 = "{\"type\":\"record\",\"name\":\"Order\",\"fields\":[]}";
        String v2 =
                "{\"type\":\"record\",\"name\":\"Order\",\"fields\":"
                        + "[{\"name\":\"note\",\"type\":\"string\",\"default\":\"\"}]}";
        store.createStream(new StreamConfig("orders", 2, v1, Map.of()));
        assertThat(store.schemaHistory("orders").versions())
                .containsExactly(new SchemaVersion(1, v1, null));

        SchemaVersion second = new SchemaVersion(2, v2, T0);
        assertThat(store.registerSchema("orders", second)).isTrue();
        assertThat(store.registerSchema("orders", new SchemaVersion(2, v1, T0))).isFalse();
        assertThat(store.schemaHistory("orders").versions())
                .containsExactly(new SchemaVersion(1, v1, null), second);
        assertThat(store.schemaHistory("orders").latest()).isEqualTo(second);

        store.growPartitions("orders", 3);
        assertThat(store.schemaHistory("orders").latest()).isEqualTo(second);
        assertThatThrownBy(() -> store.schemaHistory("missing"))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("missing");

        store.deleteStream("orders");
        store.createStream(new StreamConfig("orders", 1, v2, Map.of()));
        assertThat(store.schemaHistory("orders").versions())
                .containsExactly(new SchemaVersion(1, v2, null));
    }

    @Test
    void descriptorsKeepTheirSchemaVersionAndOldOnesReadAsVersionOne() {
        store.createStream(StreamConfig.of("orders", 1));
        long epoch = store.acquire("orders", 0, "w", LEASE).epoch();
        ObjectDescriptor old = segment(0, 10, epoch);
        ObjectDescriptor evolved = segment(10, 20, epoch).withSchemaVersion(3);
        assertThat(store.commit(request("orders", 0, epoch, "c1", old)).status())
                .isEqualTo(Status.COMMITTED);
        assertThat(store.commit(request("orders", 0, epoch, "c2", evolved)).status())
                .isEqualTo(Status.COMMITTED);

        assertThat(store.objects("orders", 0, 0, 20))
                .extracting(ObjectDescriptor::schemaVersion)
                .containsExactly(1, 3);
    }

    @Test
    void growsAStreamsPartitionsButNeverShrinksThem() {
        StreamConfig orders =
                new StreamConfig("orders", 2, "{\"type\":\"string\"}", Map.of("owner", "team-a"));
        store.createStream(orders);
        StreamConfig grown = store.growPartitions("orders", 5);
        assertThat(grown)
                .isEqualTo(
                        new StreamConfig("orders", 5, orders.valueSchema(), orders.properties()));
        assertThat(store.stream("orders")).contains(grown);
        assertThat(store.head("orders", 4).committedEnd()).isZero();
        assertThat(store.growPartitions("orders", 5)).isEqualTo(grown);

        assertThatThrownBy(() -> store.growPartitions("orders", 3))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("has 5 partitions")
                .hasMessageContaining("cannot have 3");
        assertThatThrownBy(() -> store.growPartitions("missing", 3))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("stream missing does not exist");
    }

    @Test
    void deletingAStreamRemovesAllItsKeysAndLeavesOthersAlone() {
        store.createStream(StreamConfig.of("orders", 2));
        store.createStream(StreamConfig.of("orders-eu", 1));
        PartitionClaim claim = store.acquire("orders", 1, "w", LEASE);
        store.commit(request("orders", 1, claim.epoch(), "c1", segment(0, 10, claim.epoch())));
        store.putConsumerPosition("orders", "reader", Map.of(1, 4L), LEASE);
        store.putRestorePoint("orders", 1, "job-1", 10, LEASE);
        long otherEpoch = store.acquire("orders-eu", 0, "w", LEASE).epoch();
        ObjectDescriptor kept = segment(0, 5, otherEpoch);
        store.commit(request("orders-eu", 0, otherEpoch, "c1", kept));

        assertThat(store.deleteStream("orders")).isTrue();

        assertThat(store.stream("orders")).isEmpty();
        assertThat(store.streams()).containsExactly("orders-eu");
        assertThat(store.writer("orders", 1)).isEmpty();
        assertThat(store.consumers("orders")).isEmpty();
        assertThat(store.restorePoint("orders", 1, "job-1")).isEmpty();
        assertThatThrownBy(() -> store.head("orders", 1)).isInstanceOf(ManifestException.class);
        assertThat(store.objects("orders-eu", 0, 0, Long.MAX_VALUE)).containsExactly(kept);
        assertThat(store.deleteStream("orders")).isFalse();

        store.createStream(StreamConfig.of("orders", 3));
        assertThat(store.head("orders", 1)).isEqualTo(PartitionHead.EMPTY);
        assertThat(store.objects("orders", 1, 0, Long.MAX_VALUE)).isEmpty();
        claim.close();
    }

    @Test
    void acquireRaisesTheEpochAndFencesTheEarlierWriter() {
        store.createStream(StreamConfig.of("s", 2));
        PartitionClaim first = store.acquire("s", 0, "writer-1", LEASE);
        assertThat(first.epoch()).isEqualTo(1);
        assertThat(first.head()).isEqualTo(new PartitionHead(0, 1, null));
        assertThat(first.isAlive()).isTrue();
        ObjectDescriptor a = segment(0, 10, 1);
        assertThat(store.commit(request("s", 0, 1, "c1", a)).status()).isEqualTo(Status.COMMITTED);

        PartitionClaim second = store.acquire("s", 0, "writer-2", LEASE);
        assertThat(second.epoch()).isEqualTo(2);
        assertThat(second.head()).isEqualTo(new PartitionHead(10, 2, "c1"));

        CommitResult fenced = store.commit(request("s", 0, 1, "c2", segment(10, 20, 1)));
        assertThat(fenced.status()).isEqualTo(Status.FENCED);
        assertThat(fenced.head()).isEqualTo(new PartitionHead(10, 2, "c1"));
        assertThat(store.head("s", 0)).isEqualTo(new PartitionHead(10, 2, "c1"));
        assertThat(store.objects("s", 0, 0, Long.MAX_VALUE)).containsExactly(a);
        assertThat(store.head("s", 1)).isEqualTo(PartitionHead.EMPTY);

        first.close();
        assertThat(first.isAlive()).isFalse();
        assertThat(second.isAlive()).isTrue();
        second.close();

        assertThatThrownBy(() -> store.acquire("s", 2, "w", LEASE))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("no partition 2");
        assertThatThrownBy(() -> store.acquire("nope", 0, "w", LEASE))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("stream nope does not exist");
        assertThatThrownBy(() -> store.head("nope", 0))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("nope");
    }

    @Test
    void commitsAChainAndRecognisesReplaysAndConflicts() {
        store.createStream(StreamConfig.of("s", 1));
        long epoch;
        try (PartitionClaim claim = store.acquire("s", 0, "w", LEASE)) {
            epoch = claim.epoch();
        }
        ObjectDescriptor a = segment(0, 10, epoch);
        ObjectDescriptor b = segment(10, 25, epoch);
        ObjectDescriptor c1 = segment(25, 30, epoch);
        ObjectDescriptor c2 = segment(30, 40, epoch);
        CommitRequest first = request("s", 0, epoch, "job/op/1", a);
        CommitRequest second = request("s", 0, epoch, "job/op/2", b);
        CommitRequest third = request("s", 0, epoch, "job/op/3", c1, c2);
        assertThat(store.commit(first).status()).isEqualTo(Status.COMMITTED);
        assertThat(store.commit(second).status()).isEqualTo(Status.COMMITTED);
        CommitResult last = store.commit(third);
        assertThat(last.status()).isEqualTo(Status.COMMITTED);
        assertThat(last.head()).isEqualTo(new PartitionHead(40, epoch, "job/op/3"));
        assertThat(store.head("s", 0)).isEqualTo(last.head());
        assertThat(store.objects("s", 0, 0, 40)).containsExactly(a, b, c1, c2);

        assertThat(store.commit(third).status()).isEqualTo(Status.ALREADY_COMMITTED);
        assertThat(store.commit(second).status()).isEqualTo(Status.ALREADY_COMMITTED);
        assertThat(store.commit(first).status()).isEqualTo(Status.ALREADY_COMMITTED);

        CommitResult behind = store.commit(request("s", 0, epoch, "x", segment(30, 50, epoch)));
        assertThat(behind.status()).isEqualTo(Status.CONFLICT);
        assertThat(behind.head().committedEnd()).isEqualTo(40);
        CommitResult ahead = store.commit(request("s", 0, epoch, "y", segment(50, 60, epoch)));
        assertThat(ahead.status()).isEqualTo(Status.CONFLICT);
        assertThat(store.head("s", 0)).isEqualTo(new PartitionHead(40, epoch, "job/op/3"));
        assertThat(store.objects("s", 0, 0, 100)).containsExactly(a, b, c1, c2);
    }

    @Test
    void commitsManyPartitionsTogetherAndDecidesEachOnItsOwn() {
        int partitions = 300;
        store.createStream(StreamConfig.of("s", partitions));
        List<PartitionClaim> claims = new ArrayList<>();
        try {
            for (int p = 0; p < partitions; p++) {
                claims.add(store.acquire("s", p, "w", LEASE));
            }
            String batch = "s/batches/00000000000000000001-a.seg";
            List<CommitRequest> first = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                first.add(
                        new CommitRequest(
                                "s",
                                p,
                                claims.get(p).epoch(),
                                0,
                                List.of(section(batch, p, 0, 1 + p % 5, claims.get(p).epoch())),
                                "cp-1-" + p));
            }
            assertThat(store.commitAll(first))
                    .extracting(CommitResult::status)
                    .containsOnly(Status.COMMITTED)
                    .hasSize(partitions);
            List<Integer> all = java.util.stream.IntStream.range(0, partitions).boxed().toList();
            Map<Integer, PartitionHead> heads = store.heads("s", all);
            for (int p = 0; p < partitions; p++) {
                assertThat(heads.get(p))
                        .isEqualTo(
                                new PartitionHead(1 + p % 5, claims.get(p).epoch(), "cp-1-" + p));
            }
            assertThat(
                            store.objectsAt(
                                    "s", all.stream().map(p -> new ObjectPosition(p, 0)).toList()))
                    .containsExactlyElementsOf(
                            first.stream().map(r -> Optional.of(r.objects().get(0))).toList());

            PartitionClaim taker = store.acquire("s", 5, "other", LEASE);
            claims.add(taker);
            String next = "s/batches/00000000000000000002-b.seg";
            List<CommitRequest> second = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                long start = 1 + p % 5;
                second.add(
                        p == 7
                                ? first.get(7)
                                : new CommitRequest(
                                        "s",
                                        p,
                                        claims.get(p).epoch(),
                                        start,
                                        List.of(
                                                section(
                                                        next,
                                                        p,
                                                        start,
                                                        start + 3,
                                                        claims.get(p).epoch())),
                                        "cp-2-" + p));
            }
            List<CommitResult> results = store.commitAll(second);
            assertThat(results.get(5).status()).isEqualTo(Status.FENCED);
            assertThat(results.get(7).status()).isEqualTo(Status.ALREADY_COMMITTED);
            for (int p = 0; p < partitions; p++) {
                if (p != 5 && p != 7) {
                    assertThat(results.get(p).status())
                            .as("partition %d", p)
                            .isEqualTo(Status.COMMITTED);
                    assertThat(store.head("s", p).committedEnd()).isEqualTo(4 + p % 5);
                }
            }
            assertThat(store.head("s", 5).committedEnd()).isEqualTo(1);
        } finally {
            claims.forEach(PartitionClaim::close);
        }
    }

    @Test
    void swapReplacesSeveralSectionsOfOneBatchObjectAndQueuesItOnce() {
        store.createStream(StreamConfig.of("s", 1));
        long epoch;
        try (PartitionClaim claim = store.acquire("s", 0, "w", LEASE)) {
            epoch = claim.epoch();
        }
        String batch = "s/batches/00000000000000000001-a.seg";
        ObjectDescriptor first = section(batch, 0, 0, 10, epoch);
        ObjectDescriptor second =
                new ObjectDescriptor(
                        ObjectDescriptor.Kind.SEGMENT,
                        batch,
                        10,
                        20,
                        64,
                        1_010,
                        1_020,
                        epoch,
                        5_000);
        assertThat(
                        store.commit(
                                        new CommitRequest(
                                                "s", 0, epoch, 0, List.of(first, second), "c"))
                                .status())
                .isEqualTo(Status.COMMITTED);
        ObjectDescriptor parquet = parquet(0, 20, epoch);
        Instant after = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(store.swap("s", 0, epoch, List.of(first, second), parquet, after)).isTrue();
        assertThat(store.objects("s", 0, 0, 20)).containsExactly(parquet);
        assertThat(store.gcDue(after, 10))
                .containsExactly(new GcEntry(ObjectDescriptor.Kind.SEGMENT, batch, after));
    }

    @Test
    void swapsManyPartitionsToOneSharedObjectAndDecidesEachOnItsOwn() {
        int partitions = 100;
        store.createStream(StreamConfig.of("s", partitions));
        List<Integer> all = java.util.stream.IntStream.range(0, partitions).boxed().toList();
        List<PartitionClaim> claims = store.acquireAll("s", all, "w", LEASE);
        try {
            List<List<ObjectDescriptor>> committed = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                long epoch = claims.get(p).epoch();
                List<ObjectDescriptor> sections = new ArrayList<>();
                for (int c = 0; c < 1 + p % 4; c++) {
                    String batch = String.format("s/batches/%020d-b.seg", c);
                    sections.add(section(batch, p, c * 10, c * 10 + 10, epoch));
                }
                assertThat(
                                store.commit(
                                                new CommitRequest(
                                                        "s", p, epoch, 0, sections, "c-" + p))
                                        .status())
                        .isEqualTo(Status.COMMITTED);
                committed.add(sections);
            }
            assertThat(
                            store.objects(
                                    "s",
                                    all.stream()
                                            .map(p -> new ObjectRange(p, 0, Long.MAX_VALUE))
                                            .toList()))
                    .containsExactlyElementsOf(committed);
            assertThat(store.objects("s", List.of(new ObjectRange(3, 15, 25))))
                    .containsExactly(committed.get(3).subList(1, 3));

            store.acquire("s", 9, "other", LEASE).close();
            String shared = "s/parquet/00000000000000000001-1-c.parquet";
            Instant after = T0.plusSeconds(600);
            List<SwapRequest> swaps = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                List<ObjectDescriptor> replaced = committed.get(p);
                if (p == 11) {
                    replaced = List.of(section("s/batches/gone.seg", p, 0, 10, 1));
                }
                ObjectDescriptor whole =
                        new ObjectDescriptor(
                                ObjectDescriptor.Kind.PARQUET,
                                shared,
                                0,
                                replaced.get(replaced.size() - 1).endOffset(),
                                4_096,
                                1_000,
                                2_000,
                                claims.get(p).epoch());
                swaps.add(
                        new SwapRequest(
                                p,
                                SwapFence.writerEpoch(claims.get(p).epoch()),
                                replaced,
                                whole,
                                after));
            }
            List<Boolean> results = store.swapAll("s", swaps);
            for (int p = 0; p < partitions; p++) {
                boolean expected = p != 9 && p != 11;
                assertThat(results.get(p)).as("partition %d", p).isEqualTo(expected);
                assertThat(store.objects("s", p, 0, Long.MAX_VALUE))
                        .as("partition %d", p)
                        .containsExactlyElementsOf(
                                expected ? List.of(swaps.get(p).replacement()) : committed.get(p));
            }
            assertThat(store.gcDue(after, 100))
                    .extracting(GcEntry::objectKey)
                    .containsExactlyInAnyOrder(
                            java.util.stream.IntStream.range(0, 4)
                                    .mapToObj(c -> String.format("s/batches/%020d-b.seg", c))
                                    .toArray(String[]::new));
        } finally {
            claims.forEach(PartitionClaim::close);
        }
    }

    @Test
    void acquiresManyPartitionsTogetherUnderOneLeaseReleasedByTheLastClaim() {
        int partitions = 150;
        store.createStream(StreamConfig.of("s", partitions));
        List<Integer> all = java.util.stream.IntStream.range(0, partitions).boxed().toList();
        try (PartitionClaim early = store.acquire("s", 7, "early", LEASE)) {
            assertThat(early.epoch()).isEqualTo(1);
        }
        List<PartitionClaim> claims = store.acquireAll("s", all, "w", LEASE);
        assertThat(claims).extracting(PartitionClaim::partition).containsExactlyElementsOf(all);
        for (PartitionClaim c : claims) {
            assertThat(c.epoch()).isEqualTo(c.partition() == 7 ? 2 : 1);
            assertThat(store.writer("s", c.partition()).orElseThrow().owner()).isEqualTo("w");
        }
        store.advertiseAll(
                claims.stream()
                        .map(c -> new Advertisement(c, "127.0.0.1:" + c.partition(), "/wal", null))
                        .toList());
        assertThat(store.writer("s", 42).orElseThrow().tailEndpoint()).isEqualTo("127.0.0.1:42");

        claims.get(0).close();
        assertThat(store.writer("s", 1)).isPresent();
        assertThatThrownBy(() -> claims.get(0).advertise(null, null, null))
                .isInstanceOf(IllegalStateException.class);
        assertThat(claims.get(1).isAlive()).isTrue();
        claims.subList(1, partitions).forEach(PartitionClaim::close);
        for (int p : all) {
            assertThat(store.writer("s", p)).as("partition %d", p).isEmpty();
        }
        List<PartitionClaim> next = store.acquireAll("s", all, "w2", LEASE);
        assertThat(next.get(7).epoch()).isEqualTo(3);
        next.forEach(PartitionClaim::close);
    }

    /** A partition's section of batch object {@code key}. */
    static ObjectDescriptor section(String key, int partition, long start, long end, long epoch) {
        return new ObjectDescriptor(
                ObjectDescriptor.Kind.SEGMENT,
                key,
                start,
                end,
                64 + partition,
                1_000 + start,
                1_000 + end,
                epoch,
                1_000L * partition);
    }

    @Test
    void refusesCommitsThatCannotWorkWithAClearMessage() {
        store.createStream(StreamConfig.of("s", 1));
        assertThatThrownBy(() -> store.commit(request("s", 0, 0, "c", segment(0, 1, 0))))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("acquire");
        long epoch;
        try (PartitionClaim claim = store.acquire("s", 0, "w", LEASE)) {
            epoch = claim.epoch();
        }
        List<ObjectDescriptor> many = new ArrayList<>();
        for (int i = 0; i < KvStore.MAX_TXN_OPS; i++) {
            many.add(segment(i, i + 1, epoch));
        }
        assertThatThrownBy(
                        () -> store.commit(new CommitRequest("s", 0, epoch, 0, many, "too-many")))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("129 operations")
                .hasMessageContaining("128");
        assertThat(store.head("s", 0).committedEnd()).isZero();
        assertThatThrownBy(() -> store.commit(request("nope", 0, 1, "c", segment(0, 1, 1))))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("nope");
    }

    @Test
    void concurrentCommittersOnOnePartitionHaveExactlyOneWinnerPerStep() throws Exception {
        store.createStream(StreamConfig.of("s", 1));
        long epoch = store.acquire("s", 0, "w", LEASE).epoch();
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long end = 0;
            for (int step = 0; step < 8; step++) {
                CountDownLatch go = new CountDownLatch(1);
                List<Callable<CommitResult>> tasks = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    CommitRequest r =
                            request(
                                    "s",
                                    0,
                                    epoch,
                                    "step" + step + "-t" + t,
                                    segment(end, end + 5, epoch));
                    tasks.add(
                            () -> {
                                go.await();
                                return store.commit(r);
                            });
                }
                List<Future<CommitResult>> futures = new ArrayList<>();
                for (Callable<CommitResult> task : tasks) {
                    futures.add(pool.submit(task));
                }
                go.countDown();
                List<Status> statuses = new ArrayList<>();
                for (Future<CommitResult> f : futures) {
                    statuses.add(f.get().status());
                }
                assertThat(statuses).filteredOn(s -> s == Status.COMMITTED).hasSize(1);
                assertThat(statuses).filteredOn(s -> s == Status.CONFLICT).hasSize(threads - 1);
                end += 5;
                assertThat(store.head("s", 0).committedEnd()).isEqualTo(end);
            }
            assertThat(store.objects("s", 0, 0, end)).hasSize(8);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void findsTheObjectsOverlappingAnOffsetRange() {
        store.createStream(StreamConfig.of("s", 2));
        long epoch = store.acquire("s", 1, "w", LEASE).epoch();
        ObjectDescriptor a = segment(0, 10, epoch);
        ObjectDescriptor b = segment(10, 25, epoch);
        ObjectDescriptor c = segment(25, 40, epoch);
        store.commit(request("s", 1, epoch, "1", a));
        store.commit(request("s", 1, epoch, "2", b, c));

        assertThat(store.objects("s", 1, 5, 12)).containsExactly(a, b);
        assertThat(store.objects("s", 1, 10, 11)).containsExactly(b);
        assertThat(store.objects("s", 1, 24, 26)).containsExactly(b, c);
        assertThat(store.objects("s", 1, 0, 40)).containsExactly(a, b, c);
        assertThat(store.objects("s", 1, 39, Long.MAX_VALUE)).containsExactly(c);
        assertThat(store.objects("s", 1, 40, 50)).isEmpty();
        assertThat(store.objects("s", 1, 100, 200)).isEmpty();
        assertThat(store.objects("s", 1, 12, 12)).isEmpty();
        assertThat(store.objects("s", 0, 0, 100)).isEmpty();
    }

    @Test
    void swapReplacesObjectsAndQueuesTheReplacedOnesForDeletion() {
        store.createStream(StreamConfig.of("s", 1));
        long epoch = store.acquire("s", 0, "w", LEASE).epoch();
        ObjectDescriptor a = segment(0, 10, epoch);
        ObjectDescriptor b = segment(10, 25, epoch);
        ObjectDescriptor c = segment(25, 40, epoch);
        store.commit(request("s", 0, epoch, "1", a));
        store.commit(request("s", 0, epoch, "2", b));
        store.commit(request("s", 0, epoch, "3", c));
        ObjectDescriptor merged = parquet(0, 25, epoch);
        Instant after = T0.plusSeconds(600);

        assertThat(store.swap("s", 0, epoch + 1, List.of(a, b), merged, after)).isFalse();
        assertThat(store.swap("s", 0, epoch, List.of(a, b), merged, after)).isTrue();
        assertThat(store.objects("s", 0, 0, 40)).containsExactly(merged, c);
        assertThat(store.objects("s", 0, 12, 13)).containsExactly(merged);
        assertThat(store.head("s", 0).committedEnd()).isEqualTo(40);
        assertThat(store.gcDue(after, 10))
                .containsExactlyInAnyOrder(
                        new GcEntry(ObjectDescriptor.Kind.SEGMENT, a.key(), after),
                        new GcEntry(ObjectDescriptor.Kind.SEGMENT, b.key(), after));
        assertThat(store.gcDue(after.minusMillis(1), 10)).isEmpty();

        assertThat(store.swap("s", 0, epoch, List.of(a, b), parquet(0, 25, epoch), after))
                .isFalse();
        assertThat(store.objects("s", 0, 0, 40)).containsExactly(merged, c);
        assertThatThrownBy(() -> store.swap("s", 0, epoch, List.of(a, c), merged, after))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("contiguous");
        assertThatThrownBy(
                        () -> store.swap("s", 0, epoch, List.of(c), parquet(25, 39, epoch), after))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cover exactly [25, 40)");
        // A commit after the swap builds on the same head.
        assertThat(store.commit(request("s", 0, epoch, "4", segment(40, 41, epoch))).status())
                .isEqualTo(Status.COMMITTED);
    }

    @Test
    void aSwapFencedByTheReplacedObjectsOnlyGoesThroughWhileANewWriterCommits() {
        store.createStream(StreamConfig.of("s", 1));
        long epoch = store.acquire("s", 0, "w", LEASE).epoch();
        ObjectDescriptor a = segment(0, 10, epoch);
        ObjectDescriptor b = segment(10, 25, epoch);
        store.commit(request("s", 0, epoch, "1", a));
        store.commit(request("s", 0, epoch, "2", b));
        long next = store.acquire("s", 0, "w2", LEASE).epoch();
        ObjectDescriptor c = segment(25, 30, next);
        store.commit(request("s", 0, next, "3", c));
        ObjectDescriptor merged = parquet(0, 25, epoch);
        Instant after = T0.plusSeconds(600);

        assertThat(store.swap("s", 0, epoch, List.of(a, b), merged, after)).isFalse();
        assertThat(
                        store.swap(
                                "s",
                                0,
                                SwapFence.replacedObjectsOnly(),
                                List.of(a, b),
                                merged,
                                after))
                .isTrue();

        assertThat(store.objects("s", 0, 0, 30)).containsExactly(merged, c);
        assertThat(store.head("s", 0)).isEqualTo(new PartitionHead(30, next, "3"));
        assertThat(store.gcDue(after, 10))
                .extracting(GcEntry::objectKey)
                .containsExactlyInAnyOrder(a.key(), b.key());
        assertThat(store.commit(request("s", 0, next, "4", segment(30, 31, next))).status())
                .isEqualTo(Status.COMMITTED);
    }

    @Test
    void aSwapFencedByTheReplacedObjectsOnlyIsRefusedWhenOneOfThemChanged() {
        store.createStream(StreamConfig.of("s", 1));
        long epoch = store.acquire("s", 0, "w", LEASE).epoch();
        ObjectDescriptor a = segment(0, 10, epoch);
        ObjectDescriptor b = segment(10, 20, epoch);
        ObjectDescriptor c = segment(20, 30, epoch);
        store.commit(request("s", 0, epoch, "1", a));
        store.commit(request("s", 0, epoch, "2", b));
        store.commit(request("s", 0, epoch, "3", c));
        SwapFence objectsOnly = SwapFence.replacedObjectsOnly();
        Instant after = T0.plusSeconds(600);
        ObjectDescriptor first = parquet(0, 20, epoch);
        assertThat(store.swap("s", 0, objectsOnly, List.of(a, b), first, after)).isTrue();

        // b is gone, and a's key now holds the other tierer's object.
        assertThat(store.swap("s", 0, objectsOnly, List.of(b, c), parquet(10, 30, epoch), after))
                .isFalse();
        assertThat(store.swap("s", 0, objectsOnly, List.of(a), parquet(0, 10, epoch), after))
                .isFalse();

        assertThat(store.objects("s", 0, 0, 30)).containsExactly(first, c);
        assertThat(store.gcDue(after, 10))
                .extracting(GcEntry::objectKey)
                .containsExactlyInAnyOrder(a.key(), b.key());
    }

    @Test
    void watchDeliversManifestChangesInOrder() throws Exception {
        store.createStream(StreamConfig.of("s", 2));
        List<ManifestEvent> events = new CopyOnWriteArrayList<>();
        AutoCloseable watch = store.watch("s", events::add);
        long epoch = store.acquire("s", 0, "w", LEASE).epoch();
        ObjectDescriptor a = segment(0, 10, epoch);
        ObjectDescriptor b = segment(10, 20, epoch);
        store.commit(request("s", 0, epoch, "1", a));
        store.commit(request("s", 0, epoch, "2", b));
        ObjectDescriptor merged = parquet(0, 20, epoch);
        store.swap("s", 0, epoch, List.of(a, b), merged, T0);
        store.putConsumerPosition("s", "reader", Map.of(0, 5L), LEASE);
        store.acquire("s", 1, "w", LEASE);

        List<ManifestEvent> expected =
                List.of(
                        new HeadChanged(0, new PartitionHead(0, epoch, null)),
                        new ObjectAdded(0, a),
                        new HeadChanged(0, new PartitionHead(10, epoch, "1")),
                        new ObjectAdded(0, b),
                        new HeadChanged(0, new PartitionHead(20, epoch, "2")),
                        new ObjectRemoved(0, 0),
                        new ObjectAdded(0, merged),
                        new ObjectRemoved(0, 10),
                        new HeadChanged(1, new PartitionHead(0, 1, null)));
        Conditions.await("all events arrived", () -> events.size() >= expected.size());
        assertThat(events).containsExactlyElementsOf(expected);

        watch.close();
        List<ManifestEvent> later = new CopyOnWriteArrayList<>();
        AutoCloseable second = store.watch("s", later::add);
        store.commit(request("s", 0, epoch, "3", segment(20, 30, epoch)));
        Conditions.await("the second watch saw the commit", () -> later.size() >= 2);
        second.close();
        assertThat(events).hasSize(expected.size());
    }

    @Test
    void consumerPositionsLiveAsLongAsTheirTtl() {
        store.createStream(StreamConfig.of("s", 2));
        Duration shortTtl = Duration.ofSeconds(1);
        store.putConsumerPosition("s", "fast", Map.of(0, 5L, 1, 7L), shortTtl);
        store.putConsumerPosition("s", "steady", Map.of(0, 1L), Duration.ofMinutes(5));
        assertThat(store.consumerPosition("s", "fast"))
                .contains(new ConsumerPosition("fast", Map.of(0, 5L, 1, 7L)));
        store.putConsumerPosition("s", "fast", Map.of(0, 6L), shortTtl);
        assertThat(store.consumers("s"))
                .containsExactly(
                        new ConsumerPosition("fast", Map.of(0, 6L, 1, 7L)),
                        new ConsumerPosition("steady", Map.of(0, 1L)));

        letTimePass(Duration.ofSeconds(2));
        Conditions.await(
                "the short-lived position expired",
                () -> store.consumerPosition("s", "fast").isEmpty());
        assertThat(store.consumers("s"))
                .containsExactly(new ConsumerPosition("steady", Map.of(0, 1L)));
        assertThatThrownBy(() -> store.putConsumerPosition("nope", "c", Map.of(0, 1L), shortTtl))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("nope");
    }

    @Test
    void aWriterAdvertisesItsTailEndpointWhileItHoldsThePartition() {
        store.createStream(StreamConfig.of("s", 1));
        assertThat(store.writer("s", 0)).isEmpty();
        PartitionClaim claim = store.acquire("s", 0, "writer-1", LEASE);
        assertThat(store.writer("s", 0)).contains(WriterInfo.of("writer-1", claim.epoch()));
        claim.advertise("127.0.0.1:4567", "/var/floe/wal/s/00000", "4242@host-a");
        assertThat(store.writer("s", 0))
                .contains(
                        new WriterInfo(
                                "writer-1",
                                claim.epoch(),
                                "127.0.0.1:4567",
                                "/var/floe/wal/s/00000",
                                "4242@host-a"));
        claim.close();
        Conditions.await(
                "the registration went with the lease", () -> store.writer("s", 0).isEmpty());
    }

    @Test
    void aTieringClaimIsHeldByOneOwnerUntilItIsReleased() {
        store.createStream(StreamConfig.of("s", 2));
        TieringClaim first = store.claimTiering("s", 0, "job-a subtask 0", LEASE).orElseThrow();
        assertThat(first.isAlive()).isTrue();
        assertThat(store.tieringOwner("s", 0)).contains("job-a subtask 0");

        assertThat(store.claimTiering("s", 0, "job-b subtask 0", LEASE)).isEmpty();
        assertThat(store.claimTiering("s", 0, "job-a subtask 0", LEASE)).isEmpty();
        TieringClaim otherPartition =
                store.claimTiering("s", 1, "job-b subtask 0", LEASE).orElseThrow();
        assertThat(store.tieringOwner("s", 0)).contains("job-a subtask 0");

        first.close();
        assertThat(first.isAlive()).isFalse();
        Conditions.await(
                "the claim went with its lease", () -> store.tieringOwner("s", 0).isEmpty());
        TieringClaim second = store.claimTiering("s", 0, "job-b subtask 0", LEASE).orElseThrow();
        assertThat(store.tieringOwner("s", 0)).contains("job-b subtask 0");
        second.close();
        otherPartition.close();

        assertThatThrownBy(() -> store.claimTiering("s", 2, "job-b subtask 0", LEASE))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("no partition 2");
        assertThatThrownBy(() -> store.claimTiering("nope", 0, "job-b subtask 0", LEASE))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("nope");
    }

    @Test
    void restorePointsHandAPositionOverUntilTheirTtlPasses() {
        store.createStream(StreamConfig.of("s", 2));
        store.putRestorePoint("s", 1, "job-7", 42, Duration.ofSeconds(1));
        store.putRestorePoint("s", 1, "job-8", 50, Duration.ofMinutes(5));
        assertThat(store.restorePoint("s", 1, "job-7")).hasValue(42);
        assertThat(store.restorePoint("s", 0, "job-7")).isEmpty();
        store.putRestorePoint("s", 1, "job-7", 43, Duration.ofSeconds(1));
        assertThat(store.restorePoint("s", 1, "job-7")).hasValue(43);

        letTimePass(Duration.ofSeconds(2));
        Conditions.await(
                "the short-lived restore point expired",
                () -> store.restorePoint("s", 1, "job-7").isEmpty());
        assertThat(store.restorePoint("s", 1, "job-8")).hasValue(50);
        assertThatThrownBy(() -> store.putRestorePoint("s", 2, "job-7", 1, Duration.ofSeconds(1)))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("s");
    }

    @Test
    void gcDueListsEntriesOldestFirstUntilDone() {
        store.createStream(StreamConfig.of("s", 1));
        long epoch = store.acquire("s", 0, "w", LEASE).epoch();
        ObjectDescriptor[] objs = {
            segment(0, 1, epoch), segment(1, 2, epoch), segment(2, 3, epoch), segment(3, 4, epoch)
        };
        for (ObjectDescriptor o : objs) {
            store.commit(request("s", 0, epoch, "c" + o.startOffset(), o));
        }
        Instant later = T0.plusSeconds(20);
        Instant sooner = T0.plusSeconds(10);
        assertThat(
                        store.swap(
                                "s",
                                0,
                                epoch,
                                List.of(objs[0], objs[1]),
                                parquet(0, 2, epoch),
                                later))
                .isTrue();
        assertThat(
                        store.swap(
                                "s",
                                0,
                                epoch,
                                List.of(objs[2], objs[3]),
                                parquet(2, 4, epoch),
                                sooner))
                .isTrue();

        assertThat(store.gcDue(T0, 10)).isEmpty();
        List<GcEntry> soonerOnes = store.gcDue(sooner, 10);
        assertThat(soonerOnes)
                .extracting(GcEntry::objectKey)
                .containsExactly(objs[2].key(), objs[3].key());
        List<GcEntry> firstThree = store.gcDue(T0.plusSeconds(60), 3);
        assertThat(firstThree).hasSize(3);
        assertThat(firstThree.subList(0, 2)).isEqualTo(soonerOnes);
        assertThat(firstThree.get(2).deleteAfter()).isEqualTo(later);

        store.gcDone(firstThree);
        List<GcEntry> rest = store.gcDue(T0.plusSeconds(60), 10);
        assertThat(rest).hasSize(1);
        assertThat(rest.get(0).deleteAfter()).isEqualTo(later);
        store.gcDone(rest);
        assertThat(store.gcDue(T0.plusSeconds(60), 10)).isEmpty();
    }
}
