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

import dev.floe.wal.log.WalOptions;
import dev.floe.wal.log.WriteAheadLog;
import dev.floe.wal.manifest.CommitRequest;
import dev.floe.wal.manifest.CommitResult;
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.ManifestStores;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.PartitionClaim;
import dev.floe.wal.manifest.StreamConfig;
import dev.floe.wal.manifest.etcd.EtcdManifestConfig;
import dev.floe.wal.object.ObjectInfo;
import dev.floe.wal.object.S3ObjectStore;
import dev.floe.wal.object.S3ObjectStoreConfig;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.record.WalRecord;
import dev.floe.wal.testing.EtcdExtension;
import dev.floe.wal.testing.S3ProxyExtension;
import dev.floe.wal.testing.TestStreams;
import java.io.InputStream;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cloud tier end to end against a real etcd and a real S3 server: staging, commits, tiering to
 * Parquet, reading back (with Floe and with DuckDB), garbage collection, fencing and cleaning.
 */
class CloudTierITCase {

    @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();
    @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();

    private static final AtomicInteger RUNS = new AtomicInteger();

    @TempDir Path dir;

    private ManifestStore manifest;
    private S3ObjectStore store;
    private TierStores stores;

    @BeforeEach
    void open() throws Exception {
        String run = "tier-" + RUNS.incrementAndGet();
        S3.createBucket(run);
        store =
                S3ObjectStore.open(
                        S3ObjectStoreConfig.builder()
                                .endpoint(S3.endpoint())
                                .credentials(S3.accessKey(), S3.secretKey())
                                .bucket(run)
                                .partSize(S3ObjectStoreConfig.MIN_PART_SIZE)
                                .apiCallTimeout(Duration.ofSeconds(5))
                                .build());
        stores = TierStores.single(store);
        manifest =
                ManifestStores.etcd(
                        EtcdManifestConfig.builder()
                                .endpoints(ETCD.endpoint())
                                .namespace(run)
                                .build());
    }

    @AfterEach
    void close() throws Exception {
        manifest.close();
        store.close();
    }

    static WalRecord record(int partition, long offset) {
        return WalRecord.of(
                1_700_000_000_000L + offset,
                ("key-" + offset % 97).getBytes(StandardCharsets.UTF_8),
                ("{\"partition\":"
                                + partition
                                + ",\"offset\":"
                                + offset
                                + ",\"payload\":\""
                                + "x".repeat(60)
                                + "\"}")
                        .getBytes(StandardCharsets.UTF_8));
    }

    /** Appends {@code count} records, seals them into one object and commits it. */
    private ObjectDescriptor checkpoint(
            WriteAheadLog wal, BatchStager stager, PartitionClaim claim, int count, String id)
            throws Exception {
        long start = wal.endOffset();
        for (long o = start; o < start + count; o++) {
            wal.append(record(claim.partition(), o));
        }
        ObjectDescriptor d = BatchStagerTest.sealOne(stager).orElseThrow();
        CommitResult result =
                manifest.commit(
                        new CommitRequest(
                                claim.stream(),
                                claim.partition(),
                                claim.epoch(),
                                start,
                                List.of(d),
                                id));
        assertThat(result.status()).isEqualTo(CommitResult.Status.COMMITTED);
        return d;
    }

    @Test
    void stagesCommitsTiersAndReadsBackOneHundredThousandRecords() throws Exception {
        StreamConfig stream = manifest.createStream(StreamConfig.of("orders", 2));
        for (int p = 0; p < 2; p++) {
            try (PartitionClaim claim =
                            manifest.acquire("orders", p, "writer-" + p, Duration.ofSeconds(10));
                    WriteAheadLog wal =
                            WriteAheadLog.open(dir.resolve("p" + p), WalOptions.defaults());
                    BatchStager stager =
                            BatchStagerTest.singleLog(wal, store, "orders", p, claim.epoch(), 0)) {
                for (int cp = 0; cp < 5; cp++) {
                    checkpoint(wal, stager, claim, 10_000, "job-1/cp-" + cp);
                }
                assertThat(store.list(BucketLayout.batchPrefix("orders"))).hasSize(5);

                Tierer tierer =
                        new Tierer(
                                manifest,
                                stores,
                                stream,
                                p,
                                claim.epoch(),
                                TierOptions.builder().supersededGrace(Duration.ZERO).build(),
                                Clock.systemUTC());
                assertThat(tierer.tier(false)).as("5 small segments are not due yet").isEmpty();
                List<ObjectDescriptor> tiered = tierer.tier(true);
                assertThat(tiered).hasSize(1);
                assertThat(manifest.objects("orders", p, 0, Long.MAX_VALUE))
                        .extracting(
                                ObjectDescriptor::kind,
                                ObjectDescriptor::startOffset,
                                ObjectDescriptor::endOffset)
                        .containsExactly(
                                org.assertj.core.groups.Tuple.tuple(
                                        ObjectDescriptor.Kind.PARQUET, 0L, 50_000L));

                List<LoggedRecord> back =
                        new CommittedReader(manifest, stores, "orders", p).read(0, 50_000);
                assertThat(back).hasSize(50_000);
                for (int i = 0; i < back.size(); i += 997) {
                    assertThat(back.get(i).offset()).isEqualTo(i);
                    assertThat(back.get(i).record()).isEqualTo(record(p, i));
                }
                assertThat(back.get(49_999).record()).isEqualTo(record(p, 49_999));

                assertDuckDbReads(tiered.get(0), p);

                assertThat(new GarbageCollector(manifest, stores, Clock.systemUTC()).collect())
                        .isEqualTo(5);
                assertThat(store.list(BucketLayout.batchPrefix("orders"))).isEmpty();
                assertThat(new CommittedReader(manifest, stores, "orders", p).read(49_990, 50_000))
                        .hasSize(10);
            }
        }
    }

    private void assertDuckDbReads(ObjectDescriptor parquet, int partition) throws Exception {
        Path file = dir.resolve("object-" + partition + ".parquet");
        try (InputStream in = store.open(parquet.key(), 0)) {
            Files.copy(in, file);
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT count(*), min(_offset), max(_offset), count(DISTINCT _offset),"
                                        + " min(_partition), max(decode(_value))"
                                        + " FROM read_parquet('"
                                        + file
                                        + "')")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(50_000);
            assertThat(rs.getLong(2)).isZero();
            assertThat(rs.getLong(3)).isEqualTo(49_999);
            assertThat(rs.getLong(4)).isEqualTo(50_000);
            assertThat(rs.getInt(5)).isEqualTo(partition);
            assertThat(rs.getString(6)).startsWith("{\"partition\":" + partition);
        }
    }

    @Test
    void aFencedWriterCannotCommitAndTheCleanerDeletesOnlyItsOrphan() throws Exception {
        manifest.createStream(StreamConfig.of("fenced", 1));
        try (PartitionClaim zombie =
                        manifest.acquire("fenced", 0, "zombie", Duration.ofSeconds(10));
                WriteAheadLog zombieWal =
                        WriteAheadLog.open(dir.resolve("zombie"), WalOptions.defaults());
                BatchStager zombieStager =
                        BatchStagerTest.singleLog(
                                zombieWal, store, "fenced", 0, zombie.epoch(), 0)) {
            for (int i = 0; i < 1000; i++) {
                zombieWal.append(record(0, i));
            }
            ObjectDescriptor orphan = BatchStagerTest.sealOne(zombieStager).orElseThrow();

            try (PartitionClaim owner =
                            manifest.acquire("fenced", 0, "owner", Duration.ofSeconds(10));
                    WriteAheadLog wal =
                            WriteAheadLog.open(dir.resolve("owner"), WalOptions.defaults());
                    BatchStager stager =
                            BatchStagerTest.singleLog(wal, store, "fenced", 0, owner.epoch(), 0)) {
                CommitResult late =
                        manifest.commit(
                                new CommitRequest(
                                        "fenced",
                                        0,
                                        zombie.epoch(),
                                        0,
                                        List.of(orphan),
                                        "zombie/cp-1"));
                assertThat(late.status()).isEqualTo(CommitResult.Status.FENCED);
                assertThat(late.head().epoch()).isEqualTo(owner.epoch());

                ObjectDescriptor committed = checkpoint(wal, stager, owner, 2000, "owner/cp-1");

                OrphanCleaner cleaner =
                        new OrphanCleaner(manifest, stores, Duration.ZERO, Clock.systemUTC());
                OrphanCleaner.Report dry = cleaner.clean("fenced", true);
                assertThat(dry.orphans()).extracting(ObjectInfo::key).containsExactly(orphan.key());
                assertThat(store.head(orphan.key())).as("a dry run deletes nothing").isPresent();

                OrphanCleaner.Report done = cleaner.clean("fenced", false);
                assertThat(done.orphans())
                        .extracting(ObjectInfo::key)
                        .containsExactly(orphan.key());
                assertThat(store.head(orphan.key())).isEmpty();
                assertThat(store.head(committed.key())).isPresent();
                assertThat(new CommittedReader(manifest, stores, "fenced", 0).read(0, 2000))
                        .hasSize(2000);

                // A sealed checkpoint of the current writer whose commit has not happened yet (its
                // job stopped right after the checkpoint) is kept however old it is.
                for (long o = 2000; o < 2500; o++) {
                    wal.append(record(0, o));
                }
                ObjectDescriptor pending = BatchStagerTest.sealOne(stager).orElseThrow();
                OrphanCleaner.Report kept = cleaner.clean("fenced", false);
                assertThat(kept.orphans()).isEmpty();
                assertThat(kept.awaitingCommit())
                        .extracting(ObjectInfo::key)
                        .containsExactly(pending.key());
                assertThat(store.head(pending.key())).isPresent();

                OrphanCleaner young =
                        new OrphanCleaner(manifest, stores, Duration.ofHours(1), Clock.systemUTC());
                zombieWal.append(record(0, 1000));
                ObjectDescriptor fresh = BatchStagerTest.sealOne(zombieStager).orElseThrow();
                assertThat(young.clean("fenced", false).orphans())
                        .as("inside the grace period")
                        .isEmpty();
                assertThat(store.head(fresh.key())).isPresent();
            }
        }
    }

    @Test
    void theCleanerLeavesReplacedObjectsToTheirGracePeriod() throws Exception {
        StreamConfig stream = manifest.createStream(StreamConfig.of("graced", 1));
        try (PartitionClaim claim = manifest.acquire("graced", 0, "w", Duration.ofSeconds(10));
                WriteAheadLog wal = WriteAheadLog.open(dir.resolve("w"), WalOptions.defaults());
                BatchStager stager =
                        BatchStagerTest.singleLog(wal, store, "graced", 0, claim.epoch(), 0)) {
            ObjectDescriptor first = checkpoint(wal, stager, claim, 500, "cp-1");
            ObjectDescriptor second = checkpoint(wal, stager, claim, 500, "cp-2");
            new Tierer(
                            manifest,
                            stores,
                            stream,
                            0,
                            claim.epoch(),
                            TierOptions.defaults(),
                            Clock.systemUTC())
                    .tier(true);

            OrphanCleaner.Report report =
                    new OrphanCleaner(manifest, stores, Duration.ZERO, Clock.systemUTC())
                            .clean("graced", false);

            assertThat(report.orphans()).isEmpty();
            assertThat(store.head(first.key())).isPresent();
            assertThat(store.head(second.key())).isPresent();
        }
    }

    @Test
    void aSharedParquetObjectStaysWhileAnyPartitionNamesItAndOrphansOfItsKindGo() throws Exception {
        manifest.createStream(StreamConfig.of("shared", 3));
        TestStreams streams = new TestStreams(manifest, stores);
        List<Integer> all = List.of(0, 1, 2);
        for (int p : all) {
            streams.commit("shared", p, TestStreams.texts(0, 100));
        }
        Map<Integer, ObjectDescriptor> shared = streams.tierShared("shared", all, Duration.ZERO);
        String orphan = streams.writeSharedParquet("shared", all).get(0).key();
        // An hour ahead: every queued deletion is due, every object older than a minute's grace.
        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofHours(1));
        GarbageCollector collector = new GarbageCollector(manifest, stores, later);
        streams.supersede("shared", 0, shared.get(0), Duration.ZERO);
        streams.supersede("shared", 1, shared.get(1), Duration.ZERO);

        collector.collect();
        OrphanCleaner.Report report =
                new OrphanCleaner(manifest, stores, Duration.ofMinutes(1), later)
                        .clean("shared", false);

        assertThat(report.orphans()).extracting(ObjectInfo::key).containsExactly(orphan);
        assertThat(store.head(shared.get(2).key())).isPresent();
        long end = manifest.head("shared", 2).committedEnd();
        assertThat(new CommittedReader(manifest, stores, "shared", 2).read(0, end)).hasSize(100);

        streams.supersede("shared", 2, shared.get(2), Duration.ZERO);
        collector.collect();
        assertThat(store.head(shared.get(2).key())).isEmpty();
    }

    @Test
    void stagingSurvivesTheObjectStoreGoingDownMidUpload() throws Exception {
        manifest.createStream(StreamConfig.of("outage", 1));
        try (PartitionClaim claim = manifest.acquire("outage", 0, "w", Duration.ofSeconds(10));
                WriteAheadLog wal = WriteAheadLog.open(dir.resolve("w"), WalOptions.defaults());
                BatchStager stager =
                        BatchStagerTest.singleLog(wal, store, "outage", 0, claim.epoch(), 0)) {
            List<WalRecord> expected = new ArrayList<>();
            for (int i = 0; i < 200_000; i++) {
                WalRecord r = record(0, i);
                expected.add(r);
                wal.append(r);
            }
            S3.stop();
            var sealed = stager.seal();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (stager.stats().failedAttempts() == 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(stager.stats().failedAttempts()).isPositive();
            assertThat(sealed).isNotDone();
            S3.restart();
            List<ObjectDescriptor> sections = sealed.get(120, TimeUnit.SECONDS).get(0);
            assertThat(sections.get(sections.size() - 1).endOffset()).isEqualTo(200_000);
            assertThat(
                            manifest.commit(
                                            new CommitRequest(
                                                    "outage",
                                                    0,
                                                    claim.epoch(),
                                                    0,
                                                    sections,
                                                    "cp-1"))
                                    .status())
                    .isEqualTo(CommitResult.Status.COMMITTED);
            List<LoggedRecord> back =
                    new CommittedReader(manifest, stores, "outage", 0).read(0, 200_000);
            assertThat(back).extracting(LoggedRecord::record).isEqualTo(expected);
        }
    }
}
