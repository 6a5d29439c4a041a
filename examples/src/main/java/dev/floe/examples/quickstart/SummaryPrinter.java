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
import dev.floe.wal.admin.ObjectTotals;
import dev.floe.wal.manifest.ObjectDescriptor;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
        List<CommittedObject> parquet = s.objectsOf(ObjectDescriptor.Kind.PARQUET);
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
        ObjectTotals parquetTotals = totals(parquet);
        ObjectTotals segmentTotals = totals(segments);
        out.printf(
                "  objects:        %d Parquet (%s), %d segment (%s)%n",
                parquetTotals.objects(),
                bytes(parquetTotals.bytes()),
                segmentTotals.objects(),
                bytes(segmentTotals.bytes()));
        out.println("  Parquet files:");
        List<ParquetFile> files = files(parquet);
        files.stream()
                .limit(FILES_SHOWN)
                .forEach(
                        f ->
                                out.printf(
                                        "    %s  (%,d rows, %s)%n",
                                        f.location(), f.rows(), bytes(f.bytes())));
        if (files.size() > FILES_SHOWN) {
            out.printf("    ... and %d more%n", files.size() - FILES_SHOWN);
        }
        out.println("  Query them:");
        String where = cliConnection();
        out.printf(
                "    scripts/floe sql %s%s | duckdb      (DuckDB over exactly the committed"
                        + " objects)%n",
                s.stream(), where);
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

    private static ObjectTotals totals(List<CommittedObject> objects) {
        return ObjectTotals.of(objects.stream().map(CommittedObject::descriptor).toList());
    }

    /** Each Parquet file once, with the rows of every partition it holds. */
    private static List<ParquetFile> files(List<CommittedObject> parquet) {
        Map<String, ParquetFile> files = new LinkedHashMap<>();
        for (CommittedObject o : parquet) {
            files.merge(
                    o.location(),
                    new ParquetFile(
                            o.location(), o.descriptor().recordCount(), o.descriptor().sizeBytes()),
                    ParquetFile::withRowsOf);
        }
        return List.copyOf(files.values());
    }

    /** A Parquet file: where it is, the rows it holds and its size. */
    private record ParquetFile(String location, long rows, long bytes) {

        ParquetFile withRowsOf(ParquetFile anotherPartition) {
            return new ParquetFile(location, rows + anotherPartition.rows, bytes);
        }
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
