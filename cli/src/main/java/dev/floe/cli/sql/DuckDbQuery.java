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

import dev.floe.wal.admin.CommittedParquet;
import dev.floe.wal.admin.CommittedParquetObject;
import dev.floe.wal.tier.parquet.ParquetObjectSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.Schema;

/**
 * DuckDB SQL over exactly the committed records in Parquet objects of a stream: a view reading the
 * listed objects (never a glob, which would also read orphans and superseded objects), and from a
 * shared object only the rows committed through it; and ready queries over it. Used by {@code floe
 * sql} and {@link AdHocSql}. Immutable.
 */
public final class DuckDbQuery {

    /** A named query. Immutable. */
    public record ReadyQuery(String title, String sql) {}

    private final CommittedParquet committed;
    private final List<String> locations;

    private DuckDbQuery(CommittedParquet committed, List<String> locations) {
        this.committed = committed;
        this.locations = locations;
    }

    /**
     * Reads the objects of {@code committed} at {@code locations}: theirs ({@link
     * CommittedParquet#locations()}), or those of copies, in the same order.
     *
     * @throws IllegalArgumentException if there is no committed Parquet object
     */
    public static DuckDbQuery over(CommittedParquet committed, List<String> locations) {
        if (committed.isEmpty()) {
            throw new IllegalArgumentException(
                    "stream "
                            + committed.stream().name()
                            + " has no committed Parquet object yet ("
                            + committed.segmentRecords()
                            + " committed records are in segment objects, which tiering has not"
                            + " compacted yet)");
        }
        if (locations.size() != committed.objects().size()) {
            throw new IllegalArgumentException(
                    locations.size()
                            + " locations for "
                            + committed.objects().size()
                            + " committed Parquet objects of stream "
                            + committed.stream().name());
        }
        return new DuckDbQuery(committed, List.copyOf(locations));
    }

    public List<String> locations() {
        return locations;
    }

    /**
     * A query over the committed records: {@code read_parquet} over the objects of one partition,
     * whole; and over the shared objects, keeping only the rows of the partitions whose descriptors
     * name each object (DuckDB's file name column, under a name no column of the stream has, says
     * which object a row is from, and is left out of the result).
     */
    public String select() {
        List<String> whole = new ArrayList<>();
        List<String> shared = new ArrayList<>();
        List<String> sharedPartitions = new ArrayList<>();
        for (int i = 0; i < locations.size(); i++) {
            CommittedParquetObject object = committed.objects().get(i);
            if (object.shared()) {
                shared.add(locations.get(i));
                sharedPartitions.add(
                        "("
                                + literal(locations.get(i))
                                + ", "
                                + object.partitions().stream()
                                        .map(String::valueOf)
                                        .collect(Collectors.joining(", ", "[", "]"))
                                + ")");
            } else {
                whole.add(locations.get(i));
            }
        }
        // Objects of several schema versions have different columns: match them by name, a
        // column an older version lacks reading as NULL.
        boolean versions =
                committed.objects().stream()
                                .map(o -> o.references().get(0).descriptor().schemaVersion())
                                .distinct()
                                .count()
                        > 1;
        String byName = versions ? ", union_by_name = true" : "";
        List<String> selects = new ArrayList<>();
        if (!whole.isEmpty()) {
            selects.add("SELECT * FROM " + readParquet(whole, byName));
        }
        if (!shared.isEmpty()) {
            String name = objectColumn();
            String column = identifier(name);
            selects.add(
                    "SELECT * EXCLUDE ("
                            + column
                            + ") FROM "
                            + readParquet(shared, byName + ", filename = " + literal(name))
                            + "\nWHERE ("
                            + column
                            + ", _partition) IN (\n"
                            + "    SELECT object, unnest(partitions) FROM (VALUES\n        "
                            + String.join(",\n        ", sharedPartitions)
                            + "\n    ) AS committed (object, partitions)\n)");
        }
        return String.join(versions ? "\nUNION ALL BY NAME\n" : "\nUNION ALL\n", selects);
    }

    /** A view named {@code view} over the committed records ({@link #select()}). */
    public String createView(String view) {
        return "CREATE OR REPLACE VIEW " + identifier(view) + " AS " + select();
    }

    private static String readParquet(List<String> locations, String options) {
        return locations.stream()
                .map(DuckDbQuery::literal)
                .collect(
                        Collectors.joining(
                                ",\n    ", "read_parquet([\n    ", "\n]" + options + ")"));
    }

    /** {@code _object}, with more leading underscores while a column of the stream has the name. */
    private String objectColumn() {
        String json = committed.stream().valueSchema();
        ParquetObjectSchema schema =
                json == null
                        ? ParquetObjectSchema.bytesValued()
                        : ParquetObjectSchema.forValueSchema(json);
        // DuckDB matches column names regardless of case.
        Set<String> columns =
                schema.rowAvroSchema().getFields().stream()
                        .map(f -> f.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.toSet());
        String name = "_object";
        while (columns.contains(name)) {
            name = "_" + name;
        }
        return name;
    }

    /**
     * Records and offset range per partition; and, when the stream's Avro values have a {@code
     * currency} field and an {@code amount} field (or {@code price}, times {@code quantity} if
     * present), revenue per currency.
     */
    public List<ReadyQuery> readyQueries(String view) {
        String from = " FROM " + identifier(view);
        List<ReadyQuery> queries = new ArrayList<>();
        queries.add(
                new ReadyQuery(
                        "records per partition",
                        "SELECT _partition AS partition, count(*) AS records,"
                                + " min(_offset) AS first_offset, max(_offset) AS last_offset"
                                + from
                                + " GROUP BY _partition ORDER BY _partition"));
        revenue()
                .ifPresent(
                        amount ->
                                queries.add(
                                        new ReadyQuery(
                                                "revenue per currency",
                                                "SELECT currency, count(*) AS orders, round(sum("
                                                        + amount
                                                        + "), 2) AS revenue"
                                                        + from
                                                        + " GROUP BY currency ORDER BY revenue DESC,"
                                                        + " currency")));
        return queries;
    }

    /** The revenue expression, if the value schema has the columns for it. */
    private Optional<String> revenue() {
        String json = committed.stream().valueSchema();
        if (json == null) {
            return Optional.empty();
        }
        Schema schema = new Schema.Parser().parse(json);
        if (schema.getType() != Schema.Type.RECORD || schema.getField("currency") == null) {
            return Optional.empty();
        }
        if (isNumber(schema, "amount")) {
            return Optional.of("amount");
        }
        if (isNumber(schema, "price")) {
            return Optional.of(isNumber(schema, "quantity") ? "price * quantity" : "price");
        }
        return Optional.empty();
    }

    private static boolean isNumber(Schema record, String field) {
        Schema.Field f = record.getField(field);
        if (f == null) {
            return false;
        }
        Schema s = f.schema();
        if (s.getType() == Schema.Type.UNION) {
            List<Schema> branches =
                    s.getTypes().stream().filter(b -> b.getType() != Schema.Type.NULL).toList();
            if (branches.size() != 1) {
                return false;
            }
            s = branches.get(0);
        }
        return switch (s.getType()) {
            case INT, LONG, FLOAT, DOUBLE -> s.getLogicalType() == null;
            default -> false;
        };
    }

    /** A SQL string literal. */
    public static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** A quoted SQL identifier (stream names may hold '.' and '-'). */
    public static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
