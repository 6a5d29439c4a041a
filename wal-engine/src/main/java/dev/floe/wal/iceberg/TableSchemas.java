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
package dev.floe.wal.iceberg;

import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.SchemaHistory;
import dev.floe.wal.manifest.SchemaVersion;
import dev.floe.wal.tier.parquet.ParquetObjectSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a stream's Iceberg table schema at the newest version of the stream's value schema that its
 * data files hold: the table property {@value #SCHEMA_VERSION} names the version, and a newer one
 * replaces the table's schema with the Parquet objects' own (the same field IDs: fields the
 * versions share keep theirs, new fields take new ones). Stateless.
 */
final class TableSchemas {

    /** The table property naming the version of the stream's value schema the table shows. */
    static final String SCHEMA_VERSION = "floe.schema.version";

    private static final Logger LOG = LoggerFactory.getLogger(TableSchemas.class);
    private static final int ATTEMPTS = 8;

    private TableSchemas() {}

    /**
     * {@code next} with every field optional that {@code current} lacks (by ID) or has optional:
     * the table's older data files do not hold it, and Iceberg reads a missing column as null.
     */
    static org.apache.iceberg.Schema withNewFieldsOptional(
            org.apache.iceberg.Schema next, org.apache.iceberg.Schema current) {
        return new org.apache.iceberg.Schema(optional(next.asStruct(), current).fields());
    }

    private static Types.StructType optional(
            Types.StructType struct, org.apache.iceberg.Schema current) {
        List<Types.NestedField> fields = new ArrayList<>();
        for (Types.NestedField f : struct.fields()) {
            Types.NestedField before = current.findField(f.fieldId());
            boolean optional = before == null || before.isOptional() || f.isOptional();
            Type type =
                    f.type().isStructType() ? optional(f.type().asStructType(), current) : f.type();
            fields.add(Types.NestedField.of(f.fieldId(), optional, f.name(), type));
        }
        return Types.StructType.of(fields);
    }

    /** The version a table shows: its property, or 1 in tables made before schema versions. */
    static int versionOf(TableMetadata metadata) {
        String value = metadata.properties().get(SCHEMA_VERSION);
        return value == null ? SchemaVersion.INITIAL : Integer.parseInt(value);
    }

    /**
     * Makes {@code table} show {@code version} of {@code stream}'s value schema, unless it shows
     * that or a newer one already.
     *
     * @throws CommitFailedException if other processes kept changing the table meanwhile
     */
    static void showAtLeast(Table table, ManifestStore manifest, String stream, int version) {
        TableOperations ops = ((HasTableOperations) table).operations();
        if (versionOf(ops.current()) >= version) {
            // A table's version only rises: what was read last is enough to know.
            return;
        }
        SchemaHistory history = null;
        for (int attempt = 1; ; attempt++) {
            TableMetadata base = ops.refresh();
            if (versionOf(base) >= version) {
                return;
            }
            if (history == null || history.latest().version() < version) {
                history = manifest.schemaHistory(stream);
            }
            org.apache.iceberg.Schema schema =
                    withNewFieldsOptional(
                            ParquetObjectSchema.of(history, version).icebergSchema(),
                            base.schema());
            TableMetadata updated =
                    TableMetadata.buildFrom(base)
                            .setCurrentSchema(
                                    schema, Math.max(base.lastColumnId(), schema.highestFieldId()))
                            .setProperties(Map.of(SCHEMA_VERSION, Integer.toString(version)))
                            .build();
            try {
                ops.commit(base, updated);
                LOG.info(
                        "Iceberg table of stream {} now shows value schema version {}",
                        stream,
                        version);
                table.refresh();
                return;
            } catch (CommitFailedException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
