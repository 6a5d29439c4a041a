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
package dev.floe.cli.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.wal.admin.FloeAdmin;
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.ManifestStores;
import dev.floe.wal.object.LocalDirectoryObjectStore;
import dev.floe.wal.testing.TestStreams;
import dev.floe.wal.tier.TierStores;
import java.io.File;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Files;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.rest.RESTCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The endpoint serving Floe's own catalog, as {@code floe iceberg-rest} does: Iceberg's REST client
 * finds the namespace and the stream's table, and its scan plans exactly the stream's committed
 * Parquet objects.
 */
class IcebergRestFloeCatalogTest {

    @TempDir Path dir;

    @Test
    void icebergsRestClientScansExactlyTheStreamsCommittedParquetObjects() throws Exception {
        try (ManifestStore manifest = ManifestStores.embedded(dir.resolve("manifest"), "shop");
                LocalDirectoryObjectStore store =
                        LocalDirectoryObjectStore.open(dir.resolve("bucket"))) {
            TierStores stores = TierStores.single(store);
            TestStreams streams = new TestStreams(manifest, stores);
            streams.create("orders", 2, null);
            for (int p = 0; p < 2; p++) {
                streams.commit("orders", p, TestStreams.texts(0, 10 + p));
                streams.tier("orders", p, Duration.ofHours(1));
            }
            FloeAdmin admin = FloeAdmin.over(stores, manifest);
            admin.reconcileIcebergTable("orders");
            List<String> committed = new ArrayList<>();
            for (int p = 0; p < 2; p++) {
                streams.objects("orders", p).forEach(o -> committed.add(o.key()));
            }

            try (IcebergRestServer server =
                            IcebergRestServer.builder(admin.icebergCatalog()).port(0).start();
                    RESTCatalog client = new RESTCatalog()) {
                client.initialize(
                        "floe",
                        Map.of(
                                CatalogProperties.URI,
                                server.uri().toString(),
                                CatalogProperties.FILE_IO_IMPL,
                                LocalFiles.class.getName()));

                assertThat(client.listNamespaces()).contains(Namespace.of("shop"));
                assertThat(client.listTables(Namespace.of("shop")))
                        .containsExactly(TableIdentifier.of("shop", "orders"));
                Table orders = client.loadTable(TableIdentifier.of("shop", "orders"));
                List<String> planned = new ArrayList<>();
                long records = 0;
                try (CloseableIterable<FileScanTask> tasks = orders.newScan().planFiles()) {
                    for (FileScanTask task : tasks) {
                        planned.add(task.file().location());
                        records += task.file().recordCount();
                    }
                }
                assertThat(planned)
                        .hasSize(committed.size())
                        .allSatisfy(
                                location ->
                                        assertThat(committed)
                                                .anyMatch(key -> location.endsWith("/" + key)));
                assertThat(records).isEqualTo(21);
            }
        }
    }

    /** Reads {@code file:} locations from the local disk, as a client's own FileIO would. */
    public static final class LocalFiles implements FileIO {
        @Override
        public InputFile newInputFile(String path) {
            return Files.localInput(new File(URI.create(path)));
        }

        @Override
        public OutputFile newOutputFile(String path) {
            throw new UnsupportedOperationException("a reader writes nothing");
        }

        @Override
        public void deleteFile(String path) {
            throw new UnsupportedOperationException("a reader deletes nothing");
        }
    }
}
