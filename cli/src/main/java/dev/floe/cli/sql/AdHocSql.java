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
package dev.floe.cli.sql;

import dev.floe.cli.FloeCli;
import dev.floe.flink.connection.ConnectionArguments;
import dev.floe.flink.connection.ConnectionResolver;
import dev.floe.flink.connection.FloeAdmins;
import dev.floe.wal.admin.CommittedParquet;
import dev.floe.wal.admin.CommittedParquetObject;
import dev.floe.wal.admin.FloeAdmin;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;

/**
 * Ad-hoc SQL over a Floe stream with DuckDB (in process, through JDBC), over exactly the committed
 * Parquet objects: records and offsets per partition and, for an orders-like Avro stream, revenue
 * per currency. Objects in a local directory are read in place. Objects in S3 are copied into a
 * temporary directory first, through Floe's own object store client, so no DuckDB extension has to
 * be downloaded; {@code --httpfs} reads them in the bucket instead (DuckDB then fetches its httpfs
 * extension from the internet on first use).
 *
 * <p>Usage: {@code AdHocSql STREAM [--httpfs] [floe.option=value ...] [connection flags]}; the
 * connection is resolved as for the {@code floe} command (flags, {@code FLOE_*} environment
 * variables, the local stack's endpoints file). Not thread-safe.
 */
public final class AdHocSql {

    /** The rows of one ready query. Immutable. */
    public record Result(String title, String sql, List<String> columns, List<List<Object>> rows) {}

    private AdHocSql() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].startsWith("-")) {
            System.err.println("usage: AdHocSql STREAM [--httpfs] [floe.option=value ...]");
            System.exit(FloeCli.EXIT_ERROR);
        }
        boolean httpfs = false;
        List<String> connectionArgs = new ArrayList<>();
        for (String arg : Arrays.asList(args).subList(1, args.length)) {
            if (arg.equals("--httpfs")) {
                httpfs = true;
            } else if (arg.startsWith("floe.")) {
                connectionArgs.add(ConnectionArguments.OPTION);
                connectionArgs.add(arg);
            } else {
                connectionArgs.add(arg);
            }
        }
        Configuration config;
        try {
            ConnectionArguments connection =
                    ConnectionArguments.extractFrom(connectionArgs.toArray(String[]::new));
            if (!connection.remaining().isEmpty()) {
                throw new IllegalArgumentException(
                        "unknown argument " + connection.remaining().get(0));
            }
            config = ConnectionResolver.forProcess().resolve(connection).config();
        } catch (IllegalArgumentException e) {
            System.err.println("AdHocSql: " + e.getMessage());
            System.exit(FloeCli.EXIT_ERROR);
            return;
        }
        Path work = Files.createTempDirectory("floe-adhoc-sql");
        int exit = 0;
        try (FloeAdmin admin = FloeAdmins.open(config)) {
            print(run(admin, config, args[0], httpfs, work), System.out);
        } catch (IOException | SQLException | RuntimeException e) {
            System.err.println("AdHocSql: " + e.getMessage());
            exit = FloeCli.EXIT_ERROR;
        } finally {
            deleteRecursively(work);
        }
        System.exit(exit);
    }

    /**
     * Runs the ready queries over the committed Parquet objects of {@code stream}.
     *
     * @param work a directory for copies of S3 objects (unused for a local store or httpfs)
     */
    public static List<Result> run(
            FloeAdmin admin, Configuration config, String stream, boolean httpfs, Path work)
            throws IOException, SQLException {
        CommittedParquet committed = admin.committedParquet(stream);
        Optional<DuckDbS3> s3 = DuckDbS3.fromConnection(config);
        List<String> setup = new ArrayList<>();
        List<String> locations = committed.locations();
        if (s3.isPresent() && httpfs) {
            setup.addAll(s3.get().statements(false));
        } else if (s3.isPresent()) {
            locations = download(admin, committed, work);
        }
        DuckDbQuery query = DuckDbQuery.over(committed, locations);
        List<Result> results = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = db.createStatement()) {
            for (String statement : setup) {
                sql.execute(statement);
            }
            sql.execute(query.createView(stream));
            for (DuckDbQuery.ReadyQuery q : query.readyQueries(stream)) {
                results.add(execute(sql, q));
            }
        }
        return results;
    }

    /** Copies the objects into {@code dir} under their keys; returns where the copies are. */
    static List<String> download(FloeAdmin admin, CommittedParquet committed, Path dir)
            throws IOException {
        List<String> copies = new ArrayList<>();
        for (CommittedParquetObject o : committed.objects()) {
            Path file = dir.resolve(o.key()).toAbsolutePath().normalize();
            Files.createDirectories(file.getParent());
            try (InputStream in = admin.openObject(o.references().get(0).descriptor())) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            copies.add(file.toString());
        }
        return copies;
    }

    private static Result execute(Statement sql, DuckDbQuery.ReadyQuery q) throws SQLException {
        try (ResultSet rs = sql.executeQuery(q.sql())) {
            ResultSetMetaData meta = rs.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnLabel(i));
            }
            List<List<Object>> rows = new ArrayList<>();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns.size(); i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
            return new Result(q.title(), q.sql(), List.copyOf(columns), List.copyOf(rows));
        }
    }

    static void print(List<Result> results, PrintStream out) {
        for (Result r : results) {
            out.println("-- " + r.title());
            out.println(r.sql() + ";");
            out.println(String.join("\t", r.columns()));
            for (List<Object> row : r.rows()) {
                out.println(String.join("\t", row.stream().map(String::valueOf).toList()));
            }
            out.println();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
