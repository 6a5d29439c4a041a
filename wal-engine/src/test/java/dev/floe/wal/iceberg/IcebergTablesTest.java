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
package dev.floe.wal.iceberg;

import static dev.floe.wal.iceberg.IcebergFixture.STREAM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.ManifestStores;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.SchemaVersion;
import dev.floe.wal.object.LocalDirectoryObjectStore;
import dev.floe.wal.object.ObjectInfo;
import dev.floe.wal.tier.TableCommits;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IcebergTablesTest {

    @TempDir Path dir;
    private ManifestStore manifest;
    private LocalDirectoryObjectStore store;
    private IcebergFixture fixture;

    @BeforeEach
    void open() throws Exception {
        manifest = ManifestStores.embedded(dir.resolve("manifest"), "shop");
        store = LocalDirectoryObjectStore.open(dir.resolve("bucket"));
        fixture = new IcebergFixture(manifest, store, 2);
    }

    @AfterEach
    void close() throws Exception {
        manifest.close();
        store.close();
    }

    @Test
    void everyTieredRecordIsReadBackOnceWithTypedColumnsByName() throws Exception {
        TableCommits.Factory commits = IcebergTables.commits(Duration.ofHours(1));
        for (int round = 0; round < 3; round++) {
            for (int p = 0; p < 2; p++) {
                fixture.commit(p, 20 + 5 * p);
                assertThat(fixture.tier(p, commits)).hasSize(1);
            }
        }
        IcebergTables tables = new IcebergTables(manifest, store);
        Table table = tables.load(STREAM).orElseThrow();

        List<Record> rows = IcebergFixture.rows(table);

        assertThat(rows).hasSize(3 * 20 + 3 * 25);
        Set<String> ids = new HashSet<>();
        for (Record r : rows) {
            int partition = (Integer) r.getField("_partition");
            long offset = (Long) r.getField("_offset");
            assertThat(ids.add(partition + "/" + offset))
                    .as("%s/%s once", partition, offset)
                    .isTrue();
            assertThat(r.getField("id")).isEqualTo(IcebergFixture.id(partition, offset));
            assertThat(r.getField("item")).isEqualTo("item-" + offset);
            assertThat(r.getField("qty")).isEqualTo(offset % 3 == 0 ? null : (int) offset);
            assertThat(((OffsetDateTime) r.getField("_timestamp")).toInstant().toEpochMilli())
                    .isEqualTo(1_000L + offset);
        }
        assertThat(IcebergFixture.dataFiles(table))
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(fixture.committedParquet(tables.io()));
        assertThat(IcebergFixture.linear(table)).isTrue();
        assertThat(tables.describe(STREAM).orElseThrow())
                .satisfies(
                        info -> {
                            assertThat(info.dataFiles()).isEqualTo(6);
                            assertThat(info.records()).isEqualTo(rows.size());
                            assertThat(info.metadataLocation())
                                    .startsWith(
                                            dir.resolve("bucket").toUri()
                                                    + "orders/iceberg/metadata/")
                                    .endsWith(".metadata.json");
                        });
    }

    @Test
    void aNewSchemaVersionAddsItsFieldToTheTableWithANewIdAndOldRowsReadNull() throws Exception {
        TableCommits.Factory commits = IcebergTables.commits(Duration.ofHours(1));
        fixture.commit(0, 10);
        fixture.tier(0, commits);
        assertThat(
                        manifest.registerSchema(
                                STREAM,
                                new SchemaVersion(
                                        2,
                                        IcebergFixture.SCHEMA_V2,
                                        Instant.parse("2026-12-01T00:00:00Z"))))
                .isTrue();
        fixture.commit(0, 5, 2);
        List<ObjectDescriptor> tiered = fixture.tier(0, commits);

        assertThat(tiered).extracting(ObjectDescriptor::schemaVersion).containsExactly(2);
        Table table = new IcebergTables(manifest, store).load(STREAM).orElseThrow();
        table.refresh();
        // The fields of version 1 keep their IDs; the new one takes the next.
        assertThat(table.schema().findField("id").fieldId()).isEqualTo(100);
        assertThat(table.schema().findField("item").fieldId()).isEqualTo(101);
        assertThat(table.schema().findField("qty").fieldId()).isEqualTo(102);
        assertThat(table.schema().findField("note").fieldId()).isEqualTo(103);
        assertThat(table.properties()).containsEntry("floe.schema.version", "2");

        List<Record> rows = IcebergFixture.rows(table);
        assertThat(rows).hasSize(15);
        for (Record r : rows) {
            long offset = (Long) r.getField("_offset");
            assertThat(r.getField("item")).isEqualTo("item-" + offset);
            assertThat(r.getField("note")).isEqualTo(offset < 10 ? null : "note-" + offset);
        }
    }

    @Test
    void aStreamThatGrowsKeepsItsTableAndTheNewPartitionsJoinIt() throws Exception {
        TableCommits.Factory commits = IcebergTables.commits(Duration.ofHours(1));
        for (int p = 0; p < 2; p++) {
            fixture.commit(p, 10);
            fixture.tier(p, commits);
        }
        IcebergTables tables = new IcebergTables(manifest, store);
        String before = tables.describe(STREAM).orElseThrow().metadataLocation();

        manifest.growPartitions(STREAM, 3);
        fixture.commit(2, 7);
        fixture.tier(2, commits);
        fixture.commit(0, 5);
        fixture.tier(0, commits);

        Table table = tables.load(STREAM).orElseThrow();
        List<Record> rows = IcebergFixture.rows(table);
        assertThat(rows).hasSize(10 + 10 + 7 + 5);
        assertThat(rows.stream().map(r -> (Integer) r.getField("_partition")).distinct())
                .containsExactlyInAnyOrder(0, 1, 2);
        assertThat(IcebergFixture.dataFiles(table))
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(fixture.committedParquet(tables.io()));
        assertThat(IcebergFixture.linear(table)).isTrue();
        assertThat(tables.describe(STREAM).orElseThrow().metadataLocation())
                .as("the same table, moved on")
                .isNotEqualTo(before)
                .startsWith(before.substring(0, before.lastIndexOf('/')));
    }

    @Test
    void aCrashBetweenSwapsAndTableCommitsIsReconciledFromTheManifest() throws Exception {
        TableCommits.Factory commits = IcebergTables.commits(Duration.ofHours(1));
        fixture.commit(0, 10);
        fixture.tier(0, commits);
        // The process stops after each swap, before its table commit.
        for (int p = 0; p < 2; p++) {
            fixture.commit(p, 30);
            fixture.tier(p, TableCommits.Factory.NONE);
        }
        IcebergTables restarted = new IcebergTables(manifest, store);
        Table table = restarted.load(STREAM).orElseThrow();
        assertThat(IcebergFixture.dataFiles(table)).hasSize(1);
        DataFile stranger =
                DataFiles.builder(PartitionSpec.unpartitioned())
                        .withPath(restarted.location("orders/00000/parquet/not-committed.parquet"))
                        .withFormat(FileFormat.PARQUET)
                        .withFileSizeInBytes(100)
                        .withRecordCount(1)
                        .build();
        table.newAppend().appendFile(stranger).commit();

        IcebergReconcileReport report = restarted.reconcileTable(STREAM);

        assertThat(report.added()).isEqualTo(2);
        assertThat(report.removed()).isEqualTo(1);
        assertThat(IcebergFixture.dataFiles(table))
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(fixture.committedParquet(restarted.io()));
        assertThat(IcebergFixture.rows(table)).hasSize(10 + 30 + 30);
        assertThat(IcebergFixture.linear(table)).isTrue();
        assertThat(restarted.reconcileTable(STREAM).unchanged()).isTrue();
        // A later swap reported twice (its answer was lost) adds its object once.
        fixture.commit(1, 5);
        List<ObjectDescriptor> last = fixture.tier(1, commits);
        restarted.swapped(STREAM, Map.of(1, last.get(0)));
        assertThat(IcebergFixture.dataFiles(table)).hasSize(4).doesNotHaveDuplicates();
    }

    @Test
    void rowsOfPartitionsWhoseManifestDoesNotNameASharedObjectAreHidden() throws Exception {
        IcebergTables tables = new IcebergTables(manifest, store);
        fixture.commit(0, 10);
        fixture.commit(1, 11);
        // Partition 1's swap has not happened yet: its rows lie in the object, committed in
        // its segment objects.
        Map<Integer, ObjectDescriptor> shared =
                fixture.streams.writeSharedParquet(STREAM, List.of(0, 1));
        fixture.streams.swapIn(STREAM, 0, shared.get(0), Duration.ZERO);
        tables.swapped(STREAM, Map.of(0, shared.get(0)));
        Table table = tables.load(STREAM).orElseThrow();

        assertThat(partitionsOf(IcebergFixture.rows(table))).isEqualTo(Map.of(0, 10L));
        assertThat(IcebergFixture.dataFileRecords(table)).isEqualTo(21);
        assertThat(tables.describe(STREAM).orElseThrow().deleteFiles()).isEqualTo(1);

        // Its swap goes through later, alone: the delete file goes, its rows appear.
        fixture.streams.swapIn(STREAM, 1, shared.get(1), Duration.ZERO);
        tables.swapped(STREAM, Map.of(1, shared.get(1)));

        assertThat(partitionsOf(IcebergFixture.rows(table))).isEqualTo(Map.of(0, 10L, 1, 11L));
        assertThat(tables.describe(STREAM).orElseThrow())
                .satisfies(
                        info -> {
                            assertThat(info.deleteFiles()).isZero();
                            assertThat(info.dataFiles()).isEqualTo(1);
                        });
        assertThat(tables.reconcileTable(STREAM).unchanged()).isTrue();
        assertThat(IcebergFixture.linear(table)).isTrue();
    }

    @Test
    void ofTwoCatalogsCommittingOnTheSameMetadataOneLosesTheCompareAndSetAndBothAppendsLand()
            throws Exception {
        IcebergTables first = new IcebergTables(manifest, store);
        IcebergTables second = new IcebergTables(manifest, store);
        first.reconcileTable(STREAM);
        List<DataFile> files = new java.util.ArrayList<>();
        for (int p = 0; p < 2; p++) {
            fixture.commit(p, 10);
            ObjectDescriptor d = fixture.tier(p, TableCommits.Factory.NONE).get(0);
            files.add(ObjectDataFile.read(store, first.io(), d.key(), d.sizeBytes()).dataFile());
        }
        Table a = first.catalog().loadTable(first.catalog().identifier(STREAM));
        Table b = second.catalog().loadTable(second.catalog().identifier(STREAM));
        org.apache.iceberg.TableOperations staleOps =
                ((org.apache.iceberg.HasTableOperations) b).operations();
        org.apache.iceberg.TableMetadata stale = staleOps.current();

        a.newAppend().appendFile(files.get(0)).commit();

        org.apache.iceberg.TableMetadata changed =
                org.apache.iceberg.TableMetadata.buildFrom(stale)
                        .setProperties(Map.of("lost", "race"))
                        .build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> staleOps.commit(stale, changed))
                .isInstanceOf(org.apache.iceberg.exceptions.CommitFailedException.class);
        // The loser reads the new metadata and commits on top of it.
        b.newAppend().appendFile(files.get(1)).commit();

        assertThat(IcebergFixture.dataFiles(a))
                .containsExactlyInAnyOrderElementsOf(fixture.committedParquet(first.io()));
        assertThat(IcebergFixture.linear(a)).isTrue();
        assertThat(first.describe(STREAM).orElseThrow().snapshots()).isEqualTo(2);
        assertThat(a.properties()).doesNotContainKey("lost");
    }

    @Test
    void twoProcessesSyncingOneTableConcurrentlyCommitEveryObjectOnce() throws Exception {
        IcebergTables[] processes = {
            new IcebergTables(manifest, store), new IcebergTables(manifest, store)
        };
        java.util.concurrent.ExecutorService threads =
                java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int p = 0; p < 2; p++) {
                int partition = p;
                done.add(
                        threads.submit(
                                () -> {
                                    for (int round = 0; round < 5; round++) {
                                        fixture.commit(partition, 7);
                                        fixture.tier(partition, (m, s) -> processes[partition]);
                                    }
                                    return null;
                                }));
            }
            for (var f : done) {
                f.get(2, java.util.concurrent.TimeUnit.MINUTES);
            }
        } finally {
            threads.shutdownNow();
        }
        Table table = processes[0].load(STREAM).orElseThrow();

        assertThat(IcebergFixture.dataFiles(table))
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(fixture.committedParquet(processes[0].io()));
        assertThat(IcebergFixture.rows(table)).hasSize(2 * 5 * 7);
        assertThat(IcebergFixture.linear(table)).isTrue();
    }

    @Test
    void expiryKeepsTheCurrentSnapshotAndFloesObjectsAndCleaningFindsOnlyUnreferencedFiles()
            throws Exception {
        TableCommits.Factory commits = IcebergTables.commits(Duration.ofHours(1));
        for (int round = 0; round < 3; round++) {
            fixture.commit(0, 10);
            fixture.tier(0, commits);
        }
        IcebergTables tables = new IcebergTables(manifest, store);
        Table table = tables.load(STREAM).orElseThrow();
        int snapshots = tables.describe(STREAM).orElseThrow().snapshots();
        assertThat(snapshots).isEqualTo(3);
        String lost = "orders/iceberg/metadata/00099-left-by-an-unknown-outcome.metadata.json";
        store.putIfAbsent(lost, new byte[] {'{', '}'});
        Instant later = Instant.now().plusSeconds(60);
        assertThat(tables.unreferencedFiles(STREAM, later))
                .extracting(ObjectInfo::key)
                .containsExactly(lost);

        assertThat(tables.expireSnapshots(STREAM, Duration.ZERO)).isEqualTo(2);

        assertThat(tables.describe(STREAM).orElseThrow().snapshots()).isEqualTo(1);
        assertThat(IcebergFixture.rows(table)).hasSize(30);
        for (String location : fixture.committedParquet(tables.io())) {
            assertThat(store.head(tables.io().key(location))).isPresent();
        }
        assertThat(tables.unreferencedFiles(STREAM, later))
                .extracting(ObjectInfo::key)
                .containsExactly(lost);
        assertThat(tables.unreferencedFiles(STREAM, Instant.now().minusSeconds(60))).isEmpty();
    }

    @Test
    void duckDbReadingTheFilesTheTableScanPlansCountsWhatIcebergReads() throws Exception {
        TableCommits.Factory commits = IcebergTables.commits(Duration.ofHours(1));
        for (int round = 0; round < 2; round++) {
            for (int p = 0; p < 2; p++) {
                fixture.commit(p, 15 + p);
                fixture.tier(p, commits);
            }
        }
        IcebergTables tables = new IcebergTables(manifest, store);
        Table table = tables.load(STREAM).orElseThrow();
        String files =
                IcebergFixture.dataFiles(table).stream()
                        .map(l -> "'" + Path.of(java.net.URI.create(l)) + "'")
                        .collect(Collectors.joining(", "));

        try (java.sql.Connection db = java.sql.DriverManager.getConnection("jdbc:duckdb:");
                java.sql.Statement sql = db.createStatement();
                java.sql.ResultSet r =
                        sql.executeQuery(
                                "SELECT count(*), count(DISTINCT (_partition, _offset)),"
                                        + " count(*) FILTER (WHERE item = 'item-' || _offset)"
                                        + " FROM read_parquet(["
                                        + files
                                        + "])")) {
            r.next();
            long rows = IcebergFixture.rows(table).size();
            assertThat(rows).isEqualTo(2 * 15 + 2 * 16);
            assertThat(r.getLong(1)).isEqualTo(rows);
            assertThat(r.getLong(2)).isEqualTo(rows);
            assertThat(r.getLong(3)).isEqualTo(rows);
        }
    }

    @Test
    void theCatalogHasTheFloeNamespaceAndAStreamOnceItHasATable() throws Exception {
        manifest.createStream(new dev.floe.wal.manifest.StreamConfig("clicks", 1, null, null));
        IcebergTables tables = new IcebergTables(manifest, store);
        FloeCatalog catalog = tables.catalog();
        org.apache.iceberg.catalog.Namespace shop = org.apache.iceberg.catalog.Namespace.of("shop");
        assertThat(catalog.listNamespaces()).containsExactly(shop);
        assertThat(catalog.listTables(shop)).isEmpty();

        fixture.commit(0, 3);
        fixture.tier(0, IcebergTables.commits(Duration.ofHours(1)));

        assertThat(catalog.listTables(shop))
                .containsExactly(org.apache.iceberg.catalog.TableIdentifier.of("shop", "orders"));
        assertThat(
                        catalog.loadTable(catalog.identifier(STREAM))
                                .schema()
                                .findField("item")
                                .fieldId())
                .isEqualTo(101);
        assertThat(catalog.loadNamespaceMetadata(shop)).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> catalog.listTables(org.apache.iceberg.catalog.Namespace.of("other")))
                .isInstanceOf(org.apache.iceberg.exceptions.NoSuchNamespaceException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> catalog.loadTable(catalog.identifier("clicks")))
                .isInstanceOf(org.apache.iceberg.exceptions.NoSuchTableException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> catalog.dropTable(catalog.identifier(STREAM), true))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("floe streams delete");
    }

    private static Map<Integer, Long> partitionsOf(List<Record> rows) {
        return rows.stream()
                .collect(
                        Collectors.groupingBy(
                                r -> (Integer) r.getField("_partition"), Collectors.counting()));
    }

    @Test
    void writersOfOneTableInOneJvmCommitInTurnInsteadOfRacing() throws Exception {
        fixture.commit(0, 10);
        fixture.tier(0, IcebergTables.commits(Duration.ofHours(1)));
        // Two writers' own views of the table, as two sink subtasks in one TaskManager have.
        StreamTable first = writersView();
        StreamTable second = writersView();
        CountDownLatch firstReading = new CountDownLatch(1);
        CountDownLatch firstMayGoOn = new CountDownLatch(1);
        AtomicBoolean secondRead = new AtomicBoolean();
        ExecutorService writers = Executors.newFixedThreadPool(2);
        try {
            Future<?> a =
                    writers.submit(
                            () ->
                                    first.sync(
                                            () -> {
                                                firstReading.countDown();
                                                await(firstMayGoOn);
                                                return Map.of();
                                            },
                                            false));
            assertThat(firstReading.await(10, TimeUnit.SECONDS)).isTrue();
            Future<?> b =
                    writers.submit(
                            () ->
                                    second.sync(
                                            () -> {
                                                secondRead.set(true);
                                                return Map.of();
                                            },
                                            false));
            Thread.sleep(300);
            assertThat(secondRead).as("the second writer waits for the first's turn").isFalse();
            firstMayGoOn.countDown();
            a.get(10, TimeUnit.SECONDS);
            b.get(10, TimeUnit.SECONDS);
            assertThat(secondRead).isTrue();
        } finally {
            firstMayGoOn.countDown();
            writers.shutdownNow();
        }
    }

    private StreamTable writersView() {
        return new StreamTable(
                STREAM,
                new IcebergTables(manifest, store).load(STREAM).orElseThrow(),
                store,
                new ObjectStoreFileIO(store));
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
