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

import dev.floe.cli.sql.DuckDbQuery;
import dev.floe.cli.sql.DuckDbS3;
import dev.floe.wal.admin.CommittedParquet;
import dev.floe.wal.admin.FloeAdmin;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code floe sql STREAM}: a DuckDB script over exactly the committed Parquet objects of a stream,
 * to pipe into {@code duckdb} or paste. Not thread-safe.
 */
@Command(
        name = "sql",
        description =
                "Print DuckDB SQL over exactly the committed Parquet objects of the stream (no"
                        + " orphans, no superseded objects): S3 settings when needed, a view named"
                        + " after the stream, and ready queries.")
final class SqlCommand extends SessionCommand {

    @Parameters(paramLabel = "STREAM", description = "The stream.")
    String stream;

    @Option(names = "--redact", description = "Print a placeholder instead of the S3 secret key.")
    boolean redact;

    @Override
    int run(FloeAdmin admin) {
        CommittedParquet committed = admin.committedParquet(stream);
        if (committed.isEmpty()) {
            out().println(
                            "-- stream "
                                    + stream
                                    + " has no committed Parquet object yet: its "
                                    + committed.segmentRecords()
                                    + " committed records are in segment objects, which tiering has not"
                                    + " compacted yet");
            return 0;
        }
        Optional<DuckDbS3> s3 = DuckDbS3.fromConnection(settings().config());
        DuckDbQuery query = DuckDbQuery.over(committed, committed.locations());
        out().println(
                        "-- "
                                + stream
                                + ": "
                                + committed.objects().size()
                                + " committed Parquet objects, "
                                + committed.parquetRecords()
                                + " records, in "
                                + admin.describe().summary());
        if (committed.sharedObjects() > 0) {
            out().println(
                            "-- "
                                    + committed.sharedObjects()
                                    + " of them hold rows of several partitions; the view reads"
                                    + " from each only the rows committed through it");
        }
        if (committed.segmentRecords() > 0) {
            out().println(
                            "-- not included: "
                                    + committed.segmentRecords()
                                    + " committed records still in segment objects (not yet tiered)");
        }
        List<String> statements = new ArrayList<>();
        s3.ifPresent(settings -> statements.addAll(settings.statements(redact)));
        statements.add(query.createView(stream));
        for (String statement : statements) {
            out().println(statement + ";");
        }
        for (DuckDbQuery.ReadyQuery q : query.readyQueries(stream)) {
            out().println("-- " + q.title());
            out().println(q.sql() + ";");
        }
        return 0;
    }
}
