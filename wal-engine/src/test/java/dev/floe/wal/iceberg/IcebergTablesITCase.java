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

import dev.floe.wal.admin.FloeAdmin;
import dev.floe.wal.admin.VerifyLevel;
import dev.floe.wal.admin.VerifyReport;
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.ManifestStores;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.etcd.EtcdManifestConfig;
import dev.floe.wal.object.S3ObjectStore;
import dev.floe.wal.object.S3ObjectStoreConfig;
import dev.floe.wal.testing.EtcdExtension;
import dev.floe.wal.testing.S3ProxyExtension;
import dev.floe.wal.tier.TableCommits;
import dev.floe.wal.tier.TierStores;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Streams' Iceberg tables against a real etcd (table pointers) and a real S3 server (objects and
 * metadata): tiering rounds, a shared object one partition has not swapped, a crash between swaps
 * and table commits, and two processes committing to one table at once; read back with Iceberg's
 * own reader through {@code s3://} locations.
 */
class IcebergTablesITCase {

    @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();
    @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();

    private static final AtomicInteger RUNS = new AtomicInteger();

    private String run;
    private ManifestStore manifest;
    private S3ObjectStore store;
    private IcebergFixture fixture;

    @BeforeEach
    void open() throws Exception {
        run = "iceberg-" + RUNS.incrementAndGet();
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
        manifest =
                ManifestStores.etcd(
                        EtcdManifestConfig.builder()
                                .endpoints(ETCD.endpoint())
                                .namespace(run)
                                .build());
        fixture = new IcebergFixture(manifest, store, 3);
    }

    @AfterEach
    void close() throws Exception {
        manifest.close();
        store.close();
    }

    @Test
    void theTableHoldsExactlyTheCommittedRowsThroughRoundsASharedObjectAndACrash()
            throws Exception {
        TableCommits.Factory commits = IcebergTables.commits(Duration.ofHours(1));
        for (int round = 0; round < 3; round++) {
            for (int p = 0; p < 2; p++) {
                fixture.commit(p, 40 + p);
                fixture.tier(p, commits);
            }
        }
        // Partition 2 is small: a shared object holds its rows and partition 0's next ones, and
        // only partition 0 has swapped it in so far.
        fixture.commit(0, 9);
        fixture.commit(2, 12);
        Map<Integer, ObjectDescriptor> shared =
                fixture.streams.tierShared(
                        STREAM, List.of(0, 2), java.util.Set.of(0), Duration.ZERO);
        // The process stopped after that swap, before its table commit; a new one starts.
        IcebergTables restarted = new IcebergTables(manifest, store);
        assertThat(restarted.reconcileTable(STREAM).added()).isEqualTo(1);
        Table table = restarted.load(STREAM).orElseThrow();

        List<Record> rows = IcebergFixture.rows(table);

        assertThat(countByPartition(rows)).isEqualTo(Map.of(0, 129L, 1, 123L));
        assertThat(rows.stream().map(r -> r.getField("_partition") + "/" + r.getField("_offset")))
                .doesNotHaveDuplicates();
        assertThat(rows)
                .allSatisfy(
                        r ->
                                assertThat(r.getField("id"))
                                        .isEqualTo(
                                                IcebergFixture.id(
                                                        (Integer) r.getField("_partition"),
                                                        (Long) r.getField("_offset"))));
        assertThat(IcebergFixture.dataFiles(table))
                .doesNotHaveDuplicates()
                .allMatch(location -> location.startsWith("s3://" + run + "/orders/"))
                .containsExactlyInAnyOrderElementsOf(fixture.committedParquet(restarted.io()));
        assertThat(IcebergFixture.linear(table)).isTrue();
        assertThat(shared).containsOnlyKeys(0);

        FloeAdmin admin = FloeAdmin.over(TierStores.single(store), manifest);
        VerifyReport report = admin.verify(List.of(STREAM), VerifyLevel.SHALLOW);
        assertThat(report.tableProblems()).isEmpty();
        assertThat(admin.icebergTable(STREAM).orElseThrow())
                .satisfies(
                        info -> {
                            assertThat(info.dataFiles()).isEqualTo(7);
                            assertThat(info.deleteFiles()).isEqualTo(1);
                            assertThat(info.metadataLocation())
                                    .startsWith("s3://" + run + "/orders/iceberg/metadata/");
                        });
        assertThat(manifest.tablePointer(STREAM).orElseThrow().metadataLocation())
                .isEqualTo(admin.icebergTable(STREAM).orElseThrow().metadataLocation());
    }

    @Test
    void twoProcessesTieringIntoOneTableLandEveryObjectOnce() throws Exception {
        IcebergTables[] processes = {
            new IcebergTables(manifest, store), new IcebergTables(manifest, store)
        };
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int p = 0; p < 2; p++) {
                int partition = p;
                done.add(
                        threads.submit(
                                () -> {
                                    for (int round = 0; round < 4; round++) {
                                        fixture.commit(partition, 11);
                                        fixture.tier(partition, (m, s) -> processes[partition]);
                                    }
                                    return null;
                                }));
            }
            for (Future<?> f : done) {
                f.get(3, TimeUnit.MINUTES);
            }
        } finally {
            threads.shutdownNow();
        }
        Table table = processes[1].load(STREAM).orElseThrow();

        assertThat(IcebergFixture.dataFiles(table))
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(fixture.committedParquet(processes[0].io()));
        assertThat(IcebergFixture.rows(table)).hasSize(2 * 4 * 11);
        assertThat(IcebergFixture.linear(table)).isTrue();
        FloeAdmin admin = FloeAdmin.over(TierStores.single(store), manifest);
        assertThat(admin.verify(List.of(STREAM), VerifyLevel.SHALLOW).tableProblems()).isEmpty();
    }

    private static Map<Integer, Long> countByPartition(List<Record> rows) {
        return rows.stream()
                .collect(
                        Collectors.groupingBy(
                                r -> (Integer) r.getField("_partition"), Collectors.counting()));
    }
}
