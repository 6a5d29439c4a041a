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
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch object shared by two partitions of stream "orders": the garbage collector and the orphan
 * cleaner delete it only once neither partition needs it.
 */
class BatchObjectCleanupTest {

    @TempDir Path dir;
    private final InMemoryObjectStore store = new InMemoryObjectStore();
    private final TierStores stores = TierStores.single(store);
    private ManifestStore manifest;
    private PartitionClaim claim0;
    private PartitionClaim claim1;
    private WriteAheadLog wal0;
    private WriteAheadLog wal1;
    private BatchStager stager;

    @BeforeEach
    void open() {
        manifest = ManifestStores.embedded(dir.resolve("manifest"), "test");
        manifest.createStream(StreamConfig.of("orders", 2));
        claim0 = manifest.acquire("orders", 0, "test", Duration.ofMinutes(1));
        claim1 = manifest.acquire("orders", 1, "test", Duration.ofMinutes(1));
        wal0 = WriteAheadLog.open(dir.resolve("wal0"), WalOptions.defaults());
        wal1 = WriteAheadLog.open(dir.resolve("wal1"), WalOptions.defaults());
        stager =
                new BatchStager(
                        store,
                        "orders",
                        List.of(
                                new BatchStager.StagedLog(0, wal0, claim0.epoch(), 0),
                                new BatchStager.StagedLog(1, wal1, claim1.epoch(), 0)),
                        SegmentObjectOptions.defaults(),
                        8 << 20,
                        Clock.systemUTC());
    }

    @AfterEach
    void close() throws Exception {
        stager.close();
        wal0.close();
        wal1.close();
        claim0.close();
        claim1.close();
        manifest.close();
    }

    @Test
    void theCollectorKeepsABatchObjectUntilItsLastSectionIsReplaced() throws Exception {
        Map<Integer, List<ObjectDescriptor>> staged = stageBoth();
        commit(0, claim0, staged.get(0));
        commit(1, claim1, staged.get(1));
        String batch = staged.get(0).get(0).key();

        replaceByParquet(0, claim0, staged.get(0).get(0));
        new GarbageCollector(manifest, stores, Clock.systemUTC()).collect();
        assertThat(store.head(batch)).isPresent();
        assertThat(manifest.gcDue(Instant.now(), 10)).isEmpty();

        replaceByParquet(1, claim1, staged.get(1).get(0));
        new GarbageCollector(manifest, stores, Clock.systemUTC()).collect();
        assertThat(store.head(batch)).isEmpty();
    }

    @Test
    void aSectionThatMayStillBeCommittedKeepsItsObjectUntilItsWriterIsFenced() throws Exception {
        Map<Integer, List<ObjectDescriptor>> staged = stageBoth();
        commit(0, claim0, staged.get(0));
        String batch = staged.get(0).get(0).key();
        replaceByParquet(0, claim0, staged.get(0).get(0));
        new GarbageCollector(manifest, stores, Clock.systemUTC()).collect();
        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofHours(1));
        OrphanCleaner cleaner = new OrphanCleaner(manifest, stores, Duration.ofMinutes(10), later);

        OrphanCleaner.Report kept = cleaner.clean("orders", false);
        assertThat(kept.awaitingCommit()).extracting(o -> o.key()).containsExactly(batch);
        assertThat(store.head(batch)).isPresent();

        manifest.acquire("orders", 1, "next writer", Duration.ofMinutes(1)).close();
        OrphanCleaner.Report cleaned = cleaner.clean("orders", false);
        assertThat(cleaned.orphans()).extracting(o -> o.key()).containsExactly(batch);
        assertThat(store.head(batch)).isEmpty();
    }

    private Map<Integer, List<ObjectDescriptor>> stageBoth() throws Exception {
        for (int i = 0; i < 100; i++) {
            wal0.append(BatchStagerTest.record(i));
            wal1.append(BatchStagerTest.record(i));
        }
        Map<Integer, List<ObjectDescriptor>> staged = stager.seal().get(30, TimeUnit.SECONDS);
        assertThat(staged.keySet()).containsExactly(0, 1);
        return staged;
    }

    private void commit(int partition, PartitionClaim claim, List<ObjectDescriptor> sections) {
        assertThat(
                        manifest.commit(
                                        new CommitRequest(
                                                "orders",
                                                partition,
                                                claim.epoch(),
                                                0,
                                                sections,
                                                "cp-" + partition))
                                .status())
                .isEqualTo(CommitResult.Status.COMMITTED);
    }

    /** Swaps a section out for a Parquet object, due for deletion at once. */
    private void replaceByParquet(int partition, PartitionClaim claim, ObjectDescriptor section)
            throws Exception {
        String key = BucketLayout.newParquetKey("orders", partition, 0, claim.epoch());
        store.putIfAbsent(key, new byte[] {1, 2, 3});
        ObjectDescriptor parquet =
                new ObjectDescriptor(
                        ObjectDescriptor.Kind.PARQUET,
                        key,
                        section.startOffset(),
                        section.endOffset(),
                        3,
                        section.minTimestamp(),
                        section.maxTimestamp(),
                        claim.epoch());
        assertThat(
                        manifest.swap(
                                "orders",
                                partition,
                                claim.epoch(),
                                List.of(section),
                                parquet,
                                Instant.now().minusSeconds(1)))
                .isTrue();
    }
}
