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
package dev.floe.cli;

import dev.floe.cli.iceberg.IcebergRestCatalogs;
import dev.floe.cli.iceberg.IcebergRestServer;
import dev.floe.flink.connection.ConnectionSettings;
import dev.floe.wal.admin.FloeAdmin;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.iceberg.catalog.Catalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code floe iceberg-rest [--host HOST] [--port PORT]}: serves Floe's Iceberg tables through a
 * read-only Iceberg REST catalog endpoint until the process is stopped. Not thread-safe.
 */
@Command(
        name = "iceberg-rest",
        description =
                "Serve the streams' Iceberg tables through a read-only Iceberg REST catalog"
                        + " endpoint, for Spark, Trino and DuckDB; runs until stopped (Ctrl-C).")
final class IcebergRestCommand extends SessionCommand {

    @Option(
            names = "--host",
            paramLabel = "HOST",
            description =
                    "Address to listen on (default: 127.0.0.1, this machine only); 0.0.0.0 lets"
                            + " every host that reaches this one read the tables.")
    String host = IcebergRestServer.DEFAULT_HOST;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            description = "Port to listen on (default: 8181); 0 picks a free one.")
    int port = IcebergRestServer.DEFAULT_PORT;

    @Override
    int run(FloeAdmin admin) throws Exception {
        if (port < 0 || port > 65535) {
            throw new CliException("--port must be between 0 and 65535, got " + port);
        }
        ConnectionSettings settings = settings();
        IcebergRestServer server =
                start(admin.icebergCatalog(), IcebergRestCatalogs.clientDefaults(settings));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    server.close();
                                    stopped.countDown();
                                },
                                "iceberg-rest-shutdown"));
        out().println("Iceberg REST catalog (read-only) at " + server.uri());
        out().println("Serving " + settings.describe() + "; stop with Ctrl-C");
        if (!InetAddress.getByName(host).isLoopbackAddress()) {
            err().println(
                            "(listening on "
                                    + host
                                    + ": every host that reaches it can read the tables' metadata)");
        }
        out().flush();
        stopped.await();
        return 0;
    }

    private IcebergRestServer start(Catalog catalog, Map<String, String> clientDefaults) {
        try {
            return IcebergRestServer.builder(catalog)
                    .warehouse(IcebergRestCatalogs.WAREHOUSE)
                    .clientDefaults(clientDefaults)
                    .host(host)
                    .port(port)
                    .start();
        } catch (IOException e) {
            throw new CliException(
                    "cannot listen on "
                            + host
                            + ":"
                            + port
                            + ": "
                            + ErrorReporter.message(e)
                            + "; choose another --port or --host",
                    e);
        }
    }
}
