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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.iceberg.inmemory.InMemoryFileIO;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The read-only REST endpoint over an in-memory catalog, driven by Iceberg's own {@link
 * RESTCatalog} client as Spark and Trino drive it.
 */
class IcebergRestServerTest {

    static final Schema SCHEMA =
            new Schema(
                    Types.NestedField.required(1, "id", Types.LongType.get()),
                    Types.NestedField.optional(2, "name", Types.StringType.get()));
    static final Namespace STREAMS = Namespace.of("streams");
    static final Namespace DAILY = Namespace.of("analytics", "daily");
    static final TableIdentifier ORDERS = TableIdentifier.of(STREAMS, "orders");

    private InMemoryCatalog catalog;
    private IcebergRestServer server;
    private RESTCatalog client;
    private List<DataFile> appended;

    @BeforeEach
    void start() throws Exception {
        catalog = new InMemoryCatalog();
        catalog.initialize(
                "floe",
                Map.of(CatalogProperties.WAREHOUSE_LOCATION, "mem://rest-" + UUID.randomUUID()));
        catalog.createNamespace(STREAMS, Map.of("owner", "floe"));
        catalog.createNamespace(Namespace.of("analytics"));
        catalog.createNamespace(DAILY);
        catalog.createTable(TableIdentifier.of(DAILY, "revenue"), SCHEMA);
        Table orders = catalog.createTable(ORDERS, SCHEMA, PartitionSpec.unpartitioned());
        appended = List.of(dataFile(orders, "a"), dataFile(orders, "b"));
        orders.newAppend().appendFile(appended.get(0)).appendFile(appended.get(1)).commit();

        server =
                IcebergRestServer.builder(catalog)
                        .port(0)
                        // The client reads the metadata and manifests the in-memory catalog wrote.
                        .clientDefaults(
                                Map.of(
                                        CatalogProperties.FILE_IO_IMPL,
                                        InMemoryFileIO.class.getName()))
                        .start();
        client = new RESTCatalog();
        client.initialize("floe", Map.of(CatalogProperties.URI, server.uri().toString()));
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.close();
        catalog.close();
    }

    @Test
    void listsNamespacesAndTablesOfEveryLevel() {
        assertThat(client.listNamespaces())
                .containsExactlyInAnyOrder(STREAMS, Namespace.of("analytics"));
        assertThat(client.listNamespaces(Namespace.of("analytics"))).containsExactly(DAILY);
        assertThat(client.loadNamespaceMetadata(STREAMS)).containsEntry("owner", "floe");
        assertThat(client.namespaceExists(DAILY)).isTrue();
        assertThat(client.namespaceExists(Namespace.of("nothing"))).isFalse();

        assertThat(client.listTables(STREAMS)).containsExactly(ORDERS);
        assertThat(client.listTables(DAILY)).containsExactly(TableIdentifier.of(DAILY, "revenue"));
        assertThatThrownBy(() -> client.listTables(Namespace.of("nothing")))
                .isInstanceOf(NoSuchNamespaceException.class);
    }

    @Test
    void loadsATableWhoseScanPlansExactlyTheAppendedFiles() throws Exception {
        Table served = catalog.loadTable(ORDERS);

        Table table = client.loadTable(ORDERS);

        assertThat(((HasTableOperations) table).operations().current().metadataFileLocation())
                .isEqualTo(
                        ((HasTableOperations) served)
                                .operations()
                                .current()
                                .metadataFileLocation());
        assertThat(table.schema().asStruct()).isEqualTo(SCHEMA.asStruct());
        assertThat(table.currentSnapshot().snapshotId())
                .isEqualTo(served.currentSnapshot().snapshotId());
        try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
            Set<String> planned =
                    StreamSupport.stream(tasks.spliterator(), false)
                            .map(task -> task.file().location())
                            .collect(Collectors.toSet());
            assertThat(planned)
                    .isEqualTo(
                            appended.stream().map(DataFile::location).collect(Collectors.toSet()));
        }
        assertThat(client.tableExists(ORDERS)).isTrue();
    }

    @Test
    void aMetadataTableLoadsOverItsBaseTable() {
        TableIdentifier snapshots = TableIdentifier.of("streams", "orders", "snapshots");

        Table table = client.loadTable(snapshots);

        assertThat(table.name()).endsWith("orders.snapshots");
        assertThat(table.currentSnapshot().snapshotId())
                .isEqualTo(catalog.loadTable(ORDERS).currentSnapshot().snapshotId());
    }

    @Test
    void aMissingTableIsNoSuchTable() {
        TableIdentifier missing = TableIdentifier.of(STREAMS, "payments");

        assertThatThrownBy(() -> client.loadTable(missing))
                .isInstanceOf(NoSuchTableException.class)
                .hasMessageContaining("streams.payments");
        assertThat(client.tableExists(missing)).isFalse();
    }

    @Test
    void writesThroughTheClientAreRefusedAsReadOnly() {
        Table table = client.loadTable(ORDERS);
        long snapshot = table.currentSnapshot().snapshotId();

        assertThatThrownBy(
                        () -> client.createTable(TableIdentifier.of(STREAMS, "payments"), SCHEMA))
                .hasMessageContaining("read-only");
        assertThatThrownBy(() -> table.newAppend().appendFile(dataFile(table, "c")).commit())
                .hasMessageContaining("read-only");
        assertThatThrownBy(() -> client.dropTable(ORDERS)).hasMessageContaining("read-only");
        assertThatThrownBy(() -> client.createNamespace(Namespace.of("more")))
                .hasMessageContaining("read-only");

        assertThat(catalog.loadTable(ORDERS).currentSnapshot().snapshotId()).isEqualTo(snapshot);
        assertThat(catalog.listTables(STREAMS)).containsExactly(ORDERS);
        assertThat(catalog.namespaceExists(Namespace.of("more"))).isFalse();
    }

    static DataFile dataFile(Table table, String name) {
        return DataFiles.builder(table.spec())
                .withPath(table.location() + "/data/" + name + ".parquet")
                .withFormat(FileFormat.PARQUET)
                .withFileSizeInBytes(1024)
                .withRecordCount(10)
                .build();
    }
}
