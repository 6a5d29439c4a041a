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
package dev.floe.flink.table.catalog;

import dev.floe.wal.manifest.StreamConfig;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.catalog.CatalogBaseTable;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.catalog.ResolvedCatalogTable;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.catalog.exceptions.CatalogException;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;

/**
 * The stream a {@code CREATE TABLE} in the catalog creates, and what such a statement may say:
 * physical columns, a comment and the {@code partitions} option. Everything else is refused with a
 * message saying why, rather than accepted and lost. Stateless.
 */
@Internal
final class StreamDefinitions {

    /** Partitions of a stream whose CREATE TABLE does not set them. */
    static final int DEFAULT_PARTITIONS = 1;

    private StreamDefinitions() {}

    /**
     * The stream {@code table} defines: named after the table, with an Avro value schema derived
     * from its columns, or none when its one column is {@code value BYTES}.
     *
     * @throws CatalogException naming the table and what it says that a stream cannot hold
     */
    static StreamConfig toStream(ObjectPath path, CatalogBaseTable table) {
        if (!(table instanceof ResolvedCatalogTable resolved)) {
            throw refused(
                    path,
                    "the Floe catalog holds streams, which are tables; create a "
                            + table.getTableKind().name().toLowerCase(Locale.ROOT)
                            + " as TEMPORARY, or in another catalog");
        }
        checkShape(path, resolved);
        ResolvedSchema schema = resolved.getResolvedSchema();
        int partitions = DEFAULT_PARTITIONS;
        for (Map.Entry<String, String> option : resolved.getOptions().entrySet()) {
            partitions = checkOption(path, option.getKey(), option.getValue(), partitions);
        }
        String valueSchema = isRaw(schema) ? null : valueSchema(path, schema).toString();
        Map<String, String> properties =
                resolved.getComment() == null || resolved.getComment().isEmpty()
                        ? Map.of()
                        : Map.of(StreamTables.COMMENT_PROPERTY, resolved.getComment());
        try {
            return new StreamConfig(path.getObjectName(), partitions, valueSchema, properties);
        } catch (IllegalArgumentException e) {
            throw new CatalogException("cannot create table " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * The partition count {@code value} asks for.
     *
     * @throws IllegalArgumentException if it is not a whole number of at least 1
     */
    static int partitions(String value) {
        try {
            int partitions = Integer.parseInt(value.strip());
            if (partitions >= 1) {
                return partitions;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new IllegalArgumentException(
                "option '"
                        + StreamTables.PARTITIONS
                        + "' must be a whole number of at least 1, got '"
                        + value
                        + "'");
    }

    private static void checkShape(ObjectPath path, ResolvedCatalogTable table) {
        if (table.isPartitioned()) {
            throw refused(
                    path,
                    "PARTITIONED BY is not supported: a stream's records are spread over"
                            + " partitions by the writer; set their number with WITH ('"
                            + StreamTables.PARTITIONS
                            + "' = 'N')");
        }
        if (table.getDistribution().isPresent()) {
            throw refused(
                    path,
                    "DISTRIBUTED BY/INTO is not supported; set the number of partitions with WITH"
                            + " ('"
                            + StreamTables.PARTITIONS
                            + "' = 'N')");
        }
        ResolvedSchema schema = table.getResolvedSchema();
        if (schema.getPrimaryKey().isPresent() || !schema.getIndexes().isEmpty()) {
            throw refused(path, "a stream is an append-only log: it has no primary key or index");
        }
        if (!schema.getWatermarkSpecs().isEmpty()) {
            throw refused(
                    path,
                    "watermarks are not stored; "
                            + temporaryTableHint(path, "WATERMARK FOR column AS ..."));
        }
        for (Column column : schema.getColumns()) {
            if (column instanceof Column.MetadataColumn) {
                throw refused(
                        path,
                        "metadata column "
                                + column.getName()
                                + ": the catalog adds the metadata columns "
                                + metadataKeys()
                                + " to every table itself; leave them out");
            }
            if (!column.isPhysical()) {
                throw refused(
                        path,
                        "computed column "
                                + column.getName()
                                + " is not stored; "
                                + temporaryTableHint(path, column.getName() + " AS ..."));
            }
        }
    }

    private static int checkOption(ObjectPath path, String key, String value, int partitions) {
        if (key.equals(StreamTables.PARTITIONS)) {
            try {
                return partitions(value);
            } catch (IllegalArgumentException e) {
                throw refused(path, e.getMessage());
            }
        }
        if (key.equals(StreamTables.CONNECTOR) && value.equals(StreamTables.IDENTIFIER)) {
            return partitions;
        }
        throw refused(
                path,
                "option '"
                        + key
                        + "' is not stored: the catalog sets the connector, stream, format and"
                        + " connection options of its tables itself, and takes only '"
                        + StreamTables.PARTITIONS
                        + "'; give scan and sink options per query with /*+ OPTIONS(...) */");
    }

    /** Whether the columns are just {@code value BYTES}: a stream without a value schema. */
    private static boolean isRaw(ResolvedSchema schema) {
        List<Column> columns = schema.getColumns();
        return columns.size() == 1
                && columns.get(0).getName().equals(StreamTables.RAW_COLUMN)
                && columns.get(0).getDataType().getLogicalType().is(LogicalTypeRoot.VARBINARY);
    }

    private static Schema valueSchema(ObjectPath path, ResolvedSchema schema) {
        try {
            return StreamTables.valueSchema(path.getObjectName(), schema.toPhysicalRowDataType());
        } catch (RuntimeException e) {
            throw refused(
                    path,
                    "its columns cannot be a stream's Avro value schema: "
                            + cause(path, schema, e));
        }
    }

    /** The failure, with the first column that fails alone when there is one. */
    private static String cause(ObjectPath path, ResolvedSchema schema, RuntimeException e) {
        for (Column column : schema.getColumns()) {
            DataType alone = DataTypes.ROW(DataTypes.FIELD(column.getName(), column.getDataType()));
            try {
                StreamTables.valueSchema(path.getObjectName(), alone);
            } catch (RuntimeException columnFailure) {
                return "column "
                        + column.getName()
                        + " "
                        + column.getDataType()
                        + ": "
                        + columnFailure.getMessage();
            }
        }
        return e.getMessage();
    }

    private static List<String> metadataKeys() {
        return Arrays.stream(StreamMetadata.values()).map(StreamMetadata::key).toList();
    }

    /** Where to declare what the catalog does not store: a temporary table over the stream's. */
    static String temporaryTableHint(ObjectPath path, String declaration) {
        return "declare it on a temporary table over this one: CREATE TEMPORARY TABLE "
                + path.getObjectName()
                + "_2 ("
                + declaration
                + ") LIKE "
                + path.getObjectName();
    }

    private static CatalogException refused(ObjectPath path, String why) {
        return new CatalogException("cannot create table " + path + ": " + why);
    }
}
