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

import dev.floe.flink.table.internal.NativeAvro;
import dev.floe.wal.manifest.StreamConfig;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.flink.annotation.Internal;
import org.apache.flink.formats.avro.typeutils.AvroSchemaConverter;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.catalog.CatalogTable;
import org.apache.flink.table.catalog.exceptions.CatalogException;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;

/**
 * A stream seen as a catalog table: its value columns from the stream's Avro value schema (or one
 * {@code value BYTES} column when it has none), then the {@link StreamMetadata} columns, and the
 * options with which the {@code floe} table factory reads and writes it. Stateless.
 *
 * <p>Avro and Flink types are converted by flink-avro's {@link AvroSchemaConverter} without its
 * legacy timestamp mapping: {@code timestamp-millis} is {@code TIMESTAMP_LTZ(3)} and {@code
 * local-timestamp-millis} is {@code TIMESTAMP(3)}.
 */
@Internal
final class StreamTables {

    static final String CONNECTOR = "connector";
    static final String IDENTIFIER = "floe";
    static final String STREAM = "stream";
    static final String PARTITIONS = "partitions";
    static final String VALUE_FORMAT = "value.format";
    static final String AVRO_FORMAT = "avro";
    static final String RAW_FORMAT = "raw";

    /** The column of a stream without a value schema. */
    static final String RAW_COLUMN = "value";

    /** The stream property that keeps a table's comment. */
    static final String COMMENT_PROPERTY = "comment";

    /** Whether Avro timestamps map to Flink's types the legacy way (they do not here). */
    private StreamTables() {}

    /**
     * The table {@code stream} is, with {@code connectionOptions} among its options: its value
     * columns are the fields of {@code valueSchema}, the latest version of the stream's schema, to
     * which readers resolve records of every version.
     *
     * @param valueSchema the Avro value schema (JSON), or null for a bytes-valued stream
     * @throws CatalogException if the stream's value schema has a type Flink cannot show
     */
    static CatalogTable toTable(
            StreamConfig stream, String valueSchema, Map<String, String> connectionOptions) {
        org.apache.flink.table.api.Schema.Builder schema =
                org.apache.flink.table.api.Schema.newBuilder();
        Set<String> valueColumns = new HashSet<>();
        if (valueSchema == null) {
            schema.column(RAW_COLUMN, DataTypes.BYTES());
            valueColumns.add(RAW_COLUMN);
        } else {
            DataType row = valueRowType(stream.name(), valueSchema);
            List<String> names = DataType.getFieldNames(row);
            List<DataType> types = DataType.getFieldDataTypes(row);
            for (int i = 0; i < names.size(); i++) {
                schema.column(names.get(i), types.get(i));
                valueColumns.add(names.get(i));
            }
        }
        for (StreamMetadata m : StreamMetadata.values()) {
            String name =
                    valueColumns.contains(m.key())
                            ? StreamMetadata.CLASH_PREFIX + m.key()
                            : m.key();
            schema.columnByMetadata(name, m.type(), m.key(), m.virtual());
        }
        Map<String, String> options = new LinkedHashMap<>();
        options.put(CONNECTOR, IDENTIFIER);
        options.put(STREAM, stream.name());
        options.put(PARTITIONS, Integer.toString(stream.partitions()));
        options.put(VALUE_FORMAT, valueSchema == null ? RAW_FORMAT : AVRO_FORMAT);
        options.putAll(connectionOptions);
        return CatalogTable.newBuilder()
                .schema(schema.build())
                .comment(comment(stream, valueSchema))
                .options(options)
                .build();
    }

    /** The Avro record schema of value columns, named after the stream. */
    static Schema valueSchema(String stream, DataType physicalRow) {
        return NativeAvro.valueSchema((RowType) physicalRow.notNull().getLogicalType(), stream);
    }

    private static DataType valueRowType(String stream, String valueSchema) {
        try {
            return AvroSchemaConverter.convertToDataType(
                    valueSchema, NativeAvro.LEGACY_TIMESTAMP_MAPPING);
        } catch (RuntimeException e) {
            throw new CatalogException(
                    "the value schema of stream "
                            + stream
                            + " has no Flink SQL equivalent: "
                            + e.getMessage(),
                    e);
        }
    }

    private static String comment(StreamConfig stream, String valueSchema) {
        String comment = stream.properties().get(COMMENT_PROPERTY);
        if (comment != null) {
            return comment;
        }
        String partitions =
                stream.partitions() + (stream.partitions() == 1 ? " partition" : " partitions");
        String values =
                valueSchema == null
                        ? "values without a schema"
                        : "Avro values of " + new Schema.Parser().parse(valueSchema).getFullName();
        return "Floe stream " + stream.name() + ": " + partitions + ", " + values;
    }

    /** An Avro name from a stream name, whose '.' and '-' Avro names may not hold. */
}
