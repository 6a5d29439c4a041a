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

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.apache.iceberg.catalog.Catalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A read-only Iceberg REST catalog endpoint over any {@link Catalog}, so that Spark, Trino, DuckDB
 * and Iceberg's own {@code RESTCatalog} can attach it: {@code GET /v1/config}, list and load
 * namespaces and tables, {@code HEAD} of a namespace and a table; every other method is refused
 * with 405. Served by the JDK's HTTP server on loopback unless a host is given. Thread-safe; the
 * catalog must be safe for concurrent reads.
 *
 * <pre>{@code
 * try (IcebergRestServer server = IcebergRestServer.builder(catalog).port(8181).start()) {
 *     ... clients use server.uri() ...
 * }
 * }</pre>
 */
public final class IcebergRestServer implements AutoCloseable {

    /** The address the endpoint listens on unless told otherwise: this machine only. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    /** The port the endpoint listens on unless told otherwise, the usual REST catalog port. */
    public static final int DEFAULT_PORT = 8181;

    private static final Logger LOG = LoggerFactory.getLogger(IcebergRestServer.class);
    private static final Pattern WAREHOUSE_NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final int THREADS = 4;

    private final HttpServer server;
    private final ExecutorService executor;
    private final URI uri;

    private IcebergRestServer(HttpServer server, ExecutorService executor, URI uri) {
        this.server = server;
        this.executor = executor;
        this.uri = uri;
    }

    /** A server of {@code catalog}; its warehouse is named after the catalog unless set. */
    public static Builder builder(Catalog catalog) {
        return new Builder(Objects.requireNonNull(catalog, "catalog"));
    }

    /** The URI clients use: {@code uri} of Spark and Trino, {@code ENDPOINT} of DuckDB. */
    public URI uri() {
        return uri;
    }

    /** Stops answering requests at once; does not close the catalog. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        LOG.info("Iceberg REST catalog at {} stopped", uri);
    }

    /** Settings of a server; {@link #start} checks them. Not thread-safe. */
    public static final class Builder {

        private final Catalog catalog;
        private String warehouse;
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private Map<String, String> clientDefaults = Map.of();

        private Builder(Catalog catalog) {
            this.catalog = catalog;
        }

        /**
         * The warehouse name: the catalog's path prefix ({@code /v1/<warehouse>/namespaces}) and
         * the only {@code warehouse} a client may ask for. Letters, digits, {@code . _ -}.
         */
        public Builder warehouse(String warehouse) {
            this.warehouse = Objects.requireNonNull(warehouse, "warehouse");
            return this;
        }

        /** The address to listen on; default {@value #DEFAULT_HOST}, this machine only. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The port to listen on, 0 for a free one; default {@value #DEFAULT_PORT}. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Properties every client receives as defaults of its catalog configuration, e.g. {@code
         * s3.endpoint}; a client's own settings win. Never put credentials here.
         */
        public Builder clientDefaults(Map<String, String> clientDefaults) {
            this.clientDefaults = Map.copyOf(clientDefaults);
            return this;
        }

        /**
         * Binds the address and starts answering.
         *
         * @throws IOException when the address cannot be bound, e.g. the port is taken
         */
        public IcebergRestServer start() throws IOException {
            String name = warehouse != null ? warehouse : catalog.name();
            if (name == null
                    || !WAREHOUSE_NAME.matcher(name).matches()
                    || name.equals("namespaces")) {
                throw new IllegalArgumentException(
                        "warehouse name must be letters, digits, '.', '_' or '-' and not"
                                + " 'namespaces', got "
                                + name
                                + (warehouse == null
                                        ? " (the catalog's name); set warehouse(...)"
                                        : ""));
            }
            InetSocketAddress address = new InetSocketAddress(host, port);
            if (address.isUnresolved()) {
                throw new IllegalArgumentException("unknown host " + host);
            }
            HttpServer server = HttpServer.create(address, 0);
            ExecutorService executor = Executors.newFixedThreadPool(THREADS, daemonThreads());
            server.setExecutor(executor);
            server.createContext("/", new CatalogRequestHandler(catalog, name, clientDefaults));
            server.start();
            URI uri = uriOf(host, server.getAddress().getPort());
            LOG.info("Iceberg REST catalog of warehouse {} (read-only) at {}", name, uri);
            return new IcebergRestServer(server, executor, uri);
        }

        private static URI uriOf(String host, int port) {
            String literal = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
            return URI.create("http://" + literal + ":" + port);
        }

        private static java.util.concurrent.ThreadFactory daemonThreads() {
            AtomicInteger count = new AtomicInteger();
            return task -> {
                Thread thread = new Thread(task, "iceberg-rest-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            };
        }
    }
}
