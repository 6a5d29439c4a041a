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

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.iceberg.inmemory.InMemoryFileIO;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.iceberg.rest.responses.ConfigResponseParser;
import org.apache.iceberg.rest.responses.ErrorResponse;
import org.apache.iceberg.rest.responses.ErrorResponseParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The endpoint's status codes and bodies for requests of any HTTP client, not only Iceberg's. */
class IcebergRestHttpTest {

    private static final Namespace STREAMS = IcebergRestServerTest.STREAMS;
    private static final Namespace DAILY = IcebergRestServerTest.DAILY;

    private final HttpClient http = HttpClient.newHttpClient();
    private InMemoryCatalog catalog;
    private IcebergRestServer server;

    @BeforeEach
    void start() throws IOException {
        catalog = new InMemoryCatalog();
        catalog.initialize(
                "floe",
                Map.of(CatalogProperties.WAREHOUSE_LOCATION, "mem://http-" + UUID.randomUUID()));
        catalog.createNamespace(STREAMS);
        catalog.createNamespace(Namespace.of("analytics"));
        catalog.createNamespace(DAILY);
        catalog.createTable(IcebergRestServerTest.ORDERS, IcebergRestServerTest.SCHEMA);
        catalog.createTable(TableIdentifier.of(DAILY, "revenue"), IcebergRestServerTest.SCHEMA);
        server = IcebergRestServer.builder(catalog).port(0).start();
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        catalog.close();
    }

    @Test
    void theConfigNamesThePrefixAndRefusesAnotherWarehouse() throws Exception {
        HttpResponse<String> config = send("GET", "/v1/config");
        HttpResponse<String> floe = send("GET", "/v1/config?warehouse=floe");
        HttpResponse<String> other = send("GET", "/v1/config?warehouse=lake");

        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(ConfigResponseParser.fromJson(config.body()).overrides())
                .containsEntry("prefix", "floe");
        assertThat(floe.statusCode()).isEqualTo(200);
        assertError(other, 404, "NoSuchWarehouseException", "no warehouse lake");
    }

    @Test
    void pathsWorkWithAndWithoutThePrefixAndNamespacesOfSeveralLevelsAreOneSegment()
            throws Exception {
        HttpResponse<String> plain = send("GET", "/v1/namespaces/analytics%1Fdaily/tables");
        HttpResponse<String> prefixed = send("GET", "/v1/floe/namespaces/analytics%1Fdaily/tables");
        HttpResponse<String> children = send("GET", "/v1/namespaces?parent=analytics");

        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.body())
                .contains("{\"namespace\":[\"analytics\",\"daily\"],\"name\":\"revenue\"}");
        assertThat(prefixed.body()).isEqualTo(plain.body());
        assertThat(children.body()).contains("[\"analytics\",\"daily\"]");
    }

    @Test
    void headAnswersWhetherANamespaceOrTableExists() throws Exception {
        assertThat(send("HEAD", "/v1/namespaces/streams").statusCode()).isEqualTo(204);
        assertThat(send("HEAD", "/v1/namespaces/nothing").statusCode()).isEqualTo(404);
        assertThat(send("HEAD", "/v1/namespaces/streams/tables/orders").statusCode())
                .isEqualTo(204);
        assertThat(send("HEAD", "/v1/floe/namespaces/streams/tables/payments").statusCode())
                .isEqualTo(404);
    }

    @Test
    void aPathThatNamesNothingIsABadRequest() throws Exception {
        for (String path :
                List.of(
                        "/v2/config",
                        "/v1/nothing",
                        "/v1/lake/namespaces",
                        "/v1/namespaces/streams/views",
                        "/v1/namespaces/streams/tables/orders/metrics",
                        "/v1/namespaces/analytics%1F%1Fdaily")) {
            assertError(send("GET", path), 400, "BadRequestException", path);
        }
    }

    @Test
    void everyWriteIsRefusedAsReadOnlyWhateverThePath() throws Exception {
        for (String method : List.of("POST", "PUT", "DELETE")) {
            for (String path :
                    List.of(
                            "/v1/floe/namespaces",
                            "/v1/namespaces/streams/tables",
                            "/v1/floe/namespaces/streams/tables/orders",
                            "/v1/tables/rename",
                            "/v1/transactions/commit")) {
                HttpResponse<String> response = send(method, path);
                assertError(response, 405, "UnsupportedOperationException", "read-only");
                assertThat(response.body()).contains(method + " " + path);
                assertThat(response.headers().firstValue("Allow")).contains("GET, HEAD");
            }
        }
        assertThat(catalog.listTables(STREAMS)).containsExactly(IcebergRestServerTest.ORDERS);
    }

    @Test
    void aCatalogWithoutNamespaceListingServesTheNamespacesItsTablesAreIn() throws Exception {
        try (IcebergRestServer tablesOnly =
                        IcebergRestServer.builder(new TablesOnly(catalog))
                                .port(0)
                                .clientDefaults(
                                        Map.of(
                                                CatalogProperties.FILE_IO_IMPL,
                                                InMemoryFileIO.class.getName()))
                                .start();
                RESTCatalog client = new RESTCatalog()) {
            client.initialize("floe", Map.of(CatalogProperties.URI, tablesOnly.uri().toString()));

            assertThat(client.listNamespaces()).isEmpty();
            assertThat(client.namespaceExists(STREAMS)).isTrue();
            assertThat(client.namespaceExists(Namespace.of("nothing"))).isFalse();
            assertThat(client.listTables(STREAMS)).containsExactly(IcebergRestServerTest.ORDERS);
            assertThat(client.loadTable(IcebergRestServerTest.ORDERS).schema().asStruct())
                    .isEqualTo(IcebergRestServerTest.SCHEMA.asStruct());
        }
    }

    private HttpResponse<String> send(String method, String pathAndQuery) throws Exception {
        HttpRequest.BodyPublisher body =
                method.equals("GET") || method.equals("HEAD")
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("{}");
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(server.uri() + pathAndQuery))
                        .method(method, body)
                        .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void assertError(
            HttpResponse<String> response, int status, String type, String messagePart) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        ErrorResponse error = ErrorResponseParser.fromJson(response.body());
        assertThat(error.code()).isEqualTo(status);
        assertThat(error.type()).isEqualTo(type);
        assertThat(error.message()).contains(messagePart);
    }

    /** A catalog of tables only, as a {@link Catalog} without namespace support is. */
    private static final class TablesOnly implements Catalog {
        private final Catalog tables;

        TablesOnly(Catalog tables) {
            this.tables = tables;
        }

        @Override
        public String name() {
            return tables.name();
        }

        @Override
        public List<TableIdentifier> listTables(Namespace namespace) {
            return tables.listTables(namespace);
        }

        @Override
        public Table loadTable(TableIdentifier identifier) {
            return tables.loadTable(identifier);
        }

        @Override
        public boolean dropTable(TableIdentifier identifier, boolean purge) {
            throw new UnsupportedOperationException("read-only");
        }

        @Override
        public void renameTable(TableIdentifier from, TableIdentifier to) {
            throw new UnsupportedOperationException("read-only");
        }
    }
}
