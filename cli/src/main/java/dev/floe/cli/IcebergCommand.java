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

import dev.floe.wal.admin.FloeAdmin;
import dev.floe.wal.iceberg.IcebergReconcileReport;
import dev.floe.wal.iceberg.IcebergTableInfo;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code floe iceberg STREAM}: the stream's Iceberg table, its snapshot and file counts, and on the
 * last line the current metadata location, for engines to open. Not thread-safe.
 */
@Command(
        name = "iceberg",
        description =
                "The stream's Iceberg table: snapshots and live files, then the current metadata"
                        + " location on the last line (for DuckDB's iceberg_scan, Spark's and Trino's"
                        + " register_table).")
final class IcebergCommand extends SessionCommand {

    @Parameters(paramLabel = "STREAM", description = "The stream.")
    String stream;

    @Option(
            names = "--reconcile",
            description =
                    "First make the table hold exactly the committed Parquet objects, creating it"
                            + " if needed.")
    boolean reconcile;

    @Override
    int run(FloeAdmin admin) throws IOException {
        if (reconcile) {
            IcebergReconcileReport r = admin.reconcileIcebergTable(stream);
            out().println(
                            "reconciled: "
                                    + r.added()
                                    + " data files added, "
                                    + r.removed()
                                    + " removed, "
                                    + r.deleteFilesWritten()
                                    + " delete files written");
        }
        IcebergTableInfo table =
                admin.icebergTable(stream)
                        .orElseThrow(
                                () ->
                                        new CliException(
                                                "stream "
                                                        + stream
                                                        + " has no Iceberg table yet: tiering"
                                                        + " creates it with its first Parquet"
                                                        + " object (floe.sink.tier.iceberg), or run"
                                                        + " floe iceberg --reconcile "
                                                        + stream));
        out().println(
                        "table "
                                + admin.icebergCatalog().name()
                                + "."
                                + admin.icebergCatalog().identifier(stream)
                                + ": "
                                + table.snapshots()
                                + " snapshots, current "
                                + (table.currentSnapshotId() == null
                                        ? "(none)"
                                        : table.currentSnapshotId()));
        out().println(
                        "live: "
                                + table.dataFiles()
                                + " data files ("
                                + table.records()
                                + " rows), "
                                + table.deleteFiles()
                                + " delete files");
        out().println(table.metadataLocation());
        return 0;
    }
}
