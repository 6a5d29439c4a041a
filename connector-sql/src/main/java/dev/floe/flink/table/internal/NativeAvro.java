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
package dev.floe.flink.table.internal;

import dev.floe.flink.avro.AvroValueSchemas;
import org.apache.avro.Schema;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.formats.avro.typeutils.AvroSchemaConverter;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;

/**
 * The native {@code 'avro'} value format: a table's value columns are the stream's Avro value
 * schema, values are Avro binary of it, and tiering writes them as typed Parquet columns. The
 * schema is flink-avro's conversion of the value row, and the bytes are those of Flink's {@code
 * avro} format, written and read without flink-avro's converters. Stateless.
 */
@Internal
public final class NativeAvro {

    static final String FORMAT = "avro";

    /**
     * Flink's newer mapping of timestamps: {@code TIMESTAMP_LTZ} to {@code timestamp-millis} and
     * {@code TIMESTAMP} to {@code local-timestamp-millis}; the legacy one cannot map {@code
     * TIMESTAMP_LTZ} at all.
     */
    public static final boolean LEGACY_TIMESTAMP_MAPPING = false;

    private NativeAvro() {}

    /**
     * The Avro value schema of a stream's value row: a record named after the stream, so that a
     * stream the catalog creates and a table that writes it agree on it.
     *
     * @throws IllegalArgumentException if Parquet columns cannot hold it (the message says why)
     */
    public static Schema valueSchema(RowType value, String stream) {
        return AvroValueSchemas.checkValueSchema(schema(value, recordName(stream)));
    }

    /** The Avro schema of {@code value}'s bytes, whatever the stream: record names aside. */
    static Schema schema(RowType value) {
        return schema(value, "value");
    }

    private static Schema schema(RowType value, String recordName) {
        return AvroSchemaConverter.convertToSchema(value, recordName, LEGACY_TIMESTAMP_MAPPING);
    }

    /** The Avro record name of a stream's values: its name, with other characters as '_'. */
    static String recordName(String stream) {
        String name = stream.replaceAll("[^A-Za-z0-9_]", "_");
        return Character.isDigit(name.charAt(0)) ? "_" + name : name;
    }

    /**
     * Writes the value columns of consumed rows as Avro binary of {@link #valueSchema}.
     *
     * @param positions where a consumed row holds each of {@code value}'s columns
     */
    static SerializationSchema<RowData> serializer(RowType value, int[] positions) {
        return new NativeAvroSchemas.Writer(value, positions);
    }

    /** Reads Avro binary of {@link #valueSchema} of {@code value} into rows of it. */
    static DeserializationSchema<RowData> deserializer(
            RowType value, TypeInformation<RowData> type) {
        return new NativeAvroSchemas.Reader(value, type);
    }
}
