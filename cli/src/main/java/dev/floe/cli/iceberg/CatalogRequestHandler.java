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

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.rest.RESTCatalogProperties;
import org.apache.iceberg.rest.RESTResponse;
import org.apache.iceberg.rest.responses.ConfigResponse;
import org.apache.iceberg.rest.responses.ErrorResponse;
import org.apache.iceberg.rest.responses.GetNamespaceResponse;
import org.apache.iceberg.rest.responses.ListNamespacesResponse;
import org.apache.iceberg.rest.responses.ListTablesResponse;
import org.apache.iceberg.rest.responses.LoadTableResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the read requests of the Iceberg REST catalog spec from a {@link Catalog}, and refuses
 * every other method with 405. Namespaces are listed when the catalog implements {@link
 * SupportsNamespaces}; otherwise a namespace exists when it holds a table. Thread-safe when the
 * catalog is safe for concurrent reads.
 */
final class CatalogRequestHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogRequestHandler.class);

    private final Catalog catalog;
    private final String warehouse;
    private final Map<String, String> clientDefaults;

    CatalogRequestHandler(Catalog catalog, String warehouse, Map<String, String> clientDefaults) {
        this.catalog = catalog;
        this.warehouse = warehouse;
        this.clientDefaults = Map.copyOf(clientDefaults);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String rawPath = exchange.getRequestURI().getRawPath();
        Reply reply;
        try {
            reply = answer(method, rawPath, query(exchange.getRequestURI().getRawQuery()));
        } catch (RestFailure e) {
            reply = Reply.of(e.toResponse());
        } catch (NoSuchNamespaceException e) {
            reply = Reply.of(error(404, NoSuchNamespaceException.class, e.getMessage()));
        } catch (NoSuchTableException e) {
            reply = Reply.of(error(404, NoSuchTableException.class, e.getMessage()));
        } catch (IllegalArgumentException e) {
            reply = Reply.of(error(400, IllegalArgumentException.class, e.getMessage()));
        } catch (RuntimeException e) {
            LOG.warn("Iceberg REST catalog: {} {} failed", method, rawPath, e);
            reply = Reply.of(error(500, e.getClass(), e.getMessage()));
        }
        if (reply.body() instanceof ErrorResponse error && isWorthAWarning(method, error)) {
            LOG.warn(
                    "Iceberg REST catalog: {} {} answered {} {}: {}",
                    method,
                    rawPath,
                    error.code(),
                    error.type(),
                    error.message());
        }
        if (reply.status() == 405) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        }
        send(exchange, reply, method.equals("HEAD"));
    }

    private Reply answer(String method, String rawPath, Map<String, String> query) {
        boolean head = method.equals("HEAD");
        if (!head && !method.equals("GET")) {
            throw RestFailure.readOnly(method, rawPath);
        }
        RestPath path = RestPath.parse(rawPath, warehouse);
        switch (path.kind()) {
            case CONFIG:
                return Reply.of(config(query.get("warehouse")));
            case NAMESPACES:
                return Reply.of(namespaces(query.get("parent")));
            case NAMESPACE:
                Map<String, String> properties = namespaceProperties(path.namespace());
                return head
                        ? Reply.noContent()
                        : Reply.of(
                                GetNamespaceResponse.builder()
                                        .withNamespace(path.namespace())
                                        .setProperties(new HashMap<>(properties))
                                        .build());
            case TABLES:
                return Reply.of(tables(path.namespace()));
            case TABLE:
                if (head) {
                    if (!catalog.tableExists(path.tableIdentifier())) {
                        throw noSuchTable(path.tableIdentifier());
                    }
                    return Reply.noContent();
                }
                return Reply.of(loadTable(path.tableIdentifier()));
            default:
                throw new IllegalStateException("unhandled path kind " + path.kind());
        }
    }

    // The response builders look for null elements, which immutable collections such as List.of
    // refuse to look for; they are given mutable copies.

    private ConfigResponse config(String requestedWarehouse) {
        if (requestedWarehouse != null
                && !requestedWarehouse.isEmpty()
                && !requestedWarehouse.equals(warehouse)) {
            throw new RestFailure(
                    404,
                    "NoSuchWarehouseException",
                    "no warehouse "
                            + requestedWarehouse
                            + " here: this Iceberg REST catalog serves warehouse "
                            + warehouse);
        }
        // No list of endpoints: Iceberg's clients then assume the usual ones and send a write,
        // which is answered that this catalog is read-only, rather than fail with "Server does not
        // support endpoint".
        return ConfigResponse.builder()
                .withDefaults(new HashMap<>(clientDefaults))
                .withOverride("prefix", warehouse)
                // Nothing to report metrics to: a POST would be refused as a write.
                .withOverride(RESTCatalogProperties.METRICS_REPORTING_ENABLED, "false")
                .build();
    }

    private ListNamespacesResponse namespaces(String parent) {
        Namespace namespace = parent == null ? Namespace.empty() : RestPath.parentNamespace(parent);
        List<Namespace> namespaces =
                catalog instanceof SupportsNamespaces supports
                        ? supports.listNamespaces(namespace)
                        : List.of();
        return ListNamespacesResponse.builder().addAll(new ArrayList<>(namespaces)).build();
    }

    private Map<String, String> namespaceProperties(Namespace namespace) {
        if (catalog instanceof SupportsNamespaces supports) {
            return supports.loadNamespaceMetadata(namespace);
        }
        if (catalog.listTables(namespace).isEmpty()) {
            throw new NoSuchNamespaceException("Namespace does not exist: %s", namespace);
        }
        return Map.of();
    }

    private ListTablesResponse tables(Namespace namespace) {
        namespaceProperties(namespace);
        return ListTablesResponse.builder()
                .addAll(new ArrayList<>(catalog.listTables(namespace)))
                .build();
    }

    private LoadTableResponse loadTable(TableIdentifier identifier) {
        Table table = catalog.loadTable(identifier);
        if (!(table instanceof HasTableOperations withMetadata)) {
            // A metadata table such as db.orders.snapshots: clients load its base table instead.
            throw noSuchTable(identifier);
        }
        return LoadTableResponse.builder()
                .withTableMetadata(withMetadata.operations().current())
                .build();
    }

    private static NoSuchTableException noSuchTable(TableIdentifier identifier) {
        return new NoSuchTableException("Table does not exist: %s", identifier);
    }

    /**
     * Every refusal but a HEAD answered 404, an exists check whose answer is no, and a 500, logged
     * with its stack trace already.
     */
    private static boolean isWorthAWarning(String method, ErrorResponse error) {
        return error.code() != 500 && !(method.equals("HEAD") && error.code() == 404);
    }

    private static ErrorResponse error(int status, Class<?> type, String message) {
        return ErrorResponse.builder()
                .responseCode(status)
                .withType(type.getSimpleName())
                .withMessage(String.valueOf(message))
                .build();
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            query.put(
                    URLDecoder.decode(key, StandardCharsets.UTF_8),
                    URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return query;
    }

    private static void send(HttpExchange exchange, Reply reply, boolean head) throws IOException {
        try {
            if (reply.body() == null || head) {
                exchange.sendResponseHeaders(reply.status(), -1);
                return;
            }
            byte[] json = RestJson.write(reply.body());
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(reply.status(), json.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(json);
            }
        } finally {
            exchange.close();
        }
    }

    /** A status and, unless it is 204, the JSON body. */
    private record Reply(int status, RESTResponse body) {
        static Reply of(RESTResponse body) {
            return new Reply(body instanceof ErrorResponse error ? error.code() : 200, body);
        }

        static Reply noContent() {
            return new Reply(204, null);
        }
    }
}
