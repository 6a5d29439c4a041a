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

import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.ManifestStores;
import dev.floe.wal.manifest.ManualClock;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.StreamConfig;
import dev.floe.wal.object.InMemoryObjectStore;
import dev.floe.wal.object.ObjectInfo;
import dev.floe.wal.object.PendingUpload;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.testing.TestStreams;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shared Parquet object holding partitions 0, 1 and 2 of stream "orders", in a Parquet store of
 * its own: the garbage collector and the orphan cleaner delete it only once no partition's
 * descriptor names it.
 */
class SharedParquetCleanupTest {

    private static final List<Integer> ALL = List.of(0, 1, 2);
    private static final Duration GRACE = Duration.ofHours(1);

    /** Takes the collector's clock past every deletion queued so far, however slow the test. */
    private static final Duration STEP = Duration.ofMinutes(5);

    @TempDir Path dir;
    private final ManualClock clock = new ManualClock(Instant.now());
    private final InMemoryObjectStore segments = new InMemoryObjectStore(clock);
    private final InMemoryObjectStore parquet = new InMemoryObjectStore(clock);
    private final TierStores stores = new TierStores(segments, parquet);
    private ManifestStore manifest;
    private TestStreams streams;
    private GarbageCollector collector;

    @BeforeEach
    void open() throws Exception {
        manifest = ManifestStores.embedded(dir.resolve("manifest"), "test");
        manifest.createStream(StreamConfig.of("orders", ALL.size()));
        streams = new TestStreams(manifest, stores);
        for (int p : ALL) {
            streams.commit("orders", p, TestStreams.texts(0, 10 + p));
        }
        collector = new GarbageCollector(manifest, stores, clock);
    }

    @AfterEach
    void close() {
        manifest.close();
    }

    @Test
    void theCollectorKeepsASharedObjectUntilTheLastPartitionNamingItIsReplaced() throws Exception {
        Map<Integer, ObjectDescriptor> shared = streams.tierShared("orders", ALL, Duration.ZERO);
        String key = shared.get(0).key();
        assertThat(shared.values()).extracting(ObjectDescriptor::key).containsOnly(key);
        clock.advance(STEP);
        assertThat(collector.collect()).isEqualTo(3);
        assertThat(segments.list("orders/")).isEmpty();

        for (int p : List.of(0, 1)) {
            streams.supersede("orders", p, shared.get(p), Duration.ZERO);
            clock.advance(STEP);
            assertThat(collector.collect()).as("entries after replacing %d", p).isEqualTo(1);
            assertThat(parquet.head(key)).as("after replacing %d", p).isPresent();
            assertThat(manifest.gcDue(Instant.ofEpochMilli(Long.MAX_VALUE), 10)).isEmpty();
        }
        assertThat(read(2)).hasSize(12);

        streams.supersede("orders", 2, shared.get(2), Duration.ZERO);
        clock.advance(STEP);
        collector.collect();
        assertThat(parquet.head(key)).isEmpty();
        assertThat(parquet.list("orders/")).hasSize(3);
    }

    @Test
    void anObjectSwappedIntoOnePartitionOnlyGoesWhenThatPartitionNoLongerNamesIt()
            throws Exception {
        // The swaps of partitions 0 and 2 were refused, or their tierer stopped before them.
        Map<Integer, ObjectDescriptor> shared = streams.writeSharedParquet("orders", ALL);
        String key = shared.get(1).key();
        streams.swapIn("orders", 1, shared.get(1), Duration.ZERO);
        clock.advance(STEP);
        collector.collect();
        assertThat(parquet.head(key)).isPresent();

        streams.supersede("orders", 1, shared.get(1), Duration.ZERO);
        clock.advance(STEP);
        collector.collect();

        assertThat(parquet.head(key)).isEmpty();
        assertThat(read(0)).hasSize(10);
        assertThat(read(1)).hasSize(11);
    }

    @Test
    void theCleanerDeletesOnlyOldSharedObjectsNoPartitionNamesOrQueues() throws Exception {
        String orphan = streams.writeSharedParquet("orders", ALL).get(0).key();
        Map<Integer, ObjectDescriptor> namedByOne = streams.writeSharedParquet("orders", ALL);
        streams.swapIn("orders", 1, namedByOne.get(1), GRACE);
        Map<Integer, ObjectDescriptor> queued = streams.writeSharedParquet("orders", List.of(0));
        streams.swapIn("orders", 0, queued.get(0), GRACE);
        streams.supersede("orders", 0, queued.get(0), Duration.ofDays(1));
        PendingUpload unfinished = sharedUploadLeftOpen();
        clock.advance(GRACE.multipliedBy(2));
        String young = streams.writeSharedParquet("orders", ALL).get(0).key();
        OrphanCleaner cleaner = new OrphanCleaner(manifest, stores, GRACE, clock);

        OrphanCleaner.Report dry = cleaner.clean("orders", true);
        OrphanCleaner.Report done = cleaner.clean("orders", false);

        for (OrphanCleaner.Report report : List.of(dry, done)) {
            assertThat(report.orphans()).extracting(ObjectInfo::key).containsExactly(orphan);
            assertThat(report.abandonedUploads()).containsExactly(unfinished);
            assertThat(report.awaitingCommit()).isEmpty();
        }
        assertThat(parquet.head(orphan)).isEmpty();
        assertThat(parquet.pendingUploads("orders/")).isEmpty();
        assertThat(parquet.list(BucketLayout.sharedParquetPrefix("orders")))
                .extracting(ObjectInfo::key)
                .containsExactlyInAnyOrder(namedByOne.get(1).key(), queued.get(0).key(), young);
        assertThat(read(1)).hasSize(11);
    }

    private List<LoggedRecord> read(int partition) throws Exception {
        long end = manifest.head("orders", partition).committedEnd();
        return new CommittedReader(manifest, stores, "orders", partition).read(0, end);
    }

    private PendingUpload sharedUploadLeftOpen() throws Exception {
        String key = BucketLayout.newSharedParquetKey("orders", clock.millis(), 1);
        parquet.startUpload(key).write(new byte[] {1, 2, 3}, 0, 3);
        return parquet.pendingUploads(BucketLayout.sharedParquetPrefix("orders")).get(0);
    }
}
