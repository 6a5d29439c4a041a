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
package dev.floe.examples.quickstart;

import dev.floe.flink.connection.ConnectionSettings;
import dev.floe.flink.connection.FloeConnectionOptions;
import dev.floe.wal.admin.CommittedObject;
import dev.floe.wal.admin.CommittedParquetObject;
import dev.floe.wal.manifest.ObjectDescriptor;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.apache.flink.configuration.ReadableConfig;

/** Prints a {@link QuickstartResult} for a person to read. Not thread-safe. */
final class SummaryPrinter {

    private static final int FILES_SHOWN = 8;

    private final PrintStream out;
    private final ReadableConfig floe;
    private final ConnectionSettings connection;

    SummaryPrinter(PrintStream out, ReadableConfig floe, ConnectionSettings connection) {
        this.out = out;
        this.floe = floe;
        this.connection = connection;
    }

    void print(QuickstartResult result) {
        StreamSummary s = result.stream();
        List<CommittedParquetObject> parquet = s.parquetObjects();
        List<CommittedObject> segments = s.objectsOf(ObjectDescriptor.Kind.SEGMENT);
        out.println();
        out.println("Summary");
        out.printf(
                "  records in:     %,d%s%n",
                result.recordsIn(),
                result.recordsIn() == result.ordersRequested()
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                "  (MISMATCH: %,d orders requested)",
                                result.ordersRequested()));
        out.printf(
                "  records out:    %,d  (%s)%n",
                result.recordsOut(),
                result.matches()
                        ? "match: every order read back exactly once"
                        : "MISMATCH: " + result.distinctOrdersOut() + " distinct order ids");
        out.printf(
                "  stream:         '%s', %d partitions, %,d committed records in total%n",
                s.stream(), s.partitions(), s.committedRecords());
        out.printf(
                "  objects:        %d Parquet (%s), %d segment (%s)%n",
                parquet.size(),
                bytes(parquet.stream().mapToLong(CommittedParquetObject::sizeBytes).sum()),
                segments.size(),
                size(segments));
        out.println("  Parquet files:");
        parquet.stream()
                .limit(FILES_SHOWN)
                .forEach(
                        o ->
                                out.printf(
                                        "    %s  (%,d rows, %s)%n",
                                        o.location(), o.records(), bytes(o.sizeBytes())));
        if (parquet.size() > FILES_SHOWN) {
            out.printf("    ... and %d more%n", parquet.size() - FILES_SHOWN);
        }
        out.printf(
                "  Iceberg table:  %s%n",
                s.icebergMetadata() == null
                        ? "(none: floe.sink.tier.iceberg is off)"
                        : s.icebergMetadata());
        out.println("  Query them:");
        String where = cliConnection();
        out.printf(
                "    scripts/floe sql %s%s | duckdb      (DuckDB over exactly the committed"
                        + " objects)%n",
                s.stream(), where);
        if (s.icebergMetadata() != null) {
            out.printf(
                    "    duckdb -c \"INSTALL iceberg; LOAD iceberg; SELECT count(*) FROM"
                            + " iceberg_scan('%s')\"      (the Iceberg table%s)%n",
                    s.icebergMetadata(),
                    connection.usesS3() ? "; S3 needs httpfs and a secret, docs/analytics.md" : "");
        }
        out.printf("    scripts/floe verify %s%s%n", s.stream(), where);
        if (connection.usesS3() || connection.usesEtcd()) {
            out.println("    (with the same FLOE_* variables or connection flags as this run)");
        }
        out.printf(
                "  time:           write %.1fs, read %.1fs%n",
                result.writeSeconds(), result.readSeconds());
    }

    /** The floe CLI flag that finds this stream's local directory, unless it is the default. */
    private String cliConnection() {
        if (connection.usesS3() || connection.usesEtcd()) {
            return "";
        }
        String path = floe.get(FloeConnectionOptions.LOCAL_PATH);
        return path.equals(FloeConnectionOptions.LOCAL_PATH.defaultValue())
                ? ""
                : " --local-path " + path;
    }

    private static String size(List<CommittedObject> objects) {
        return bytes(objects.stream().mapToLong(o -> o.descriptor().sizeBytes()).sum());
    }

    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
}
