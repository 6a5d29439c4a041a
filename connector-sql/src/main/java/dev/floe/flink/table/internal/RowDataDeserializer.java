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

import dev.floe.flink.source.FloeDeserializer;
import dev.floe.wal.record.LoggedRecord;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.Collector;

/**
 * Reads Floe records as a table's rows: the key columns through the key format, the value columns
 * through the value format (which may emit several rows per record, or none), then the metadata
 * columns. Only the columns the query needs are decoded. Used by one reader thread per instance.
 */
final class RowDataDeserializer implements FloeDeserializer<RowData> {

    private static final long serialVersionUID = 1L;

    /**
     * Field {@code from} of a decoded key or value row, of type {@code type}, and where the output
     * row holds it.
     */
    record Placement(LogicalType type, int from, int position) implements Serializable {

        RowData.FieldGetter field() {
            return RowData.createFieldGetter(type, from);
        }
    }

    private final DeserializationSchema<RowData> keyFormat;
    private final DeserializationSchema<RowData> valueFormat;
    private final RowData.FieldGetter[] keyFields;
    private final int[] keyPositions;
    private final RowData.FieldGetter[] valueFields;
    private final int[] valuePositions;

    /** Whether the value format's rows are the output rows as they are: no key, no metadata. */
    private final boolean valueRowsOut;

    private final List<ReadableMetadata> metadata;
    private final int metadataStart;
    private final TypeInformation<RowData> producedType;
    private final String valueSchema;
    private transient RowCollector rows;

    /**
     * @param keyFormat reads key rows, or null when no key column is needed
     * @param valueFormat reads value rows, or null when no value column is needed and the format
     *     emits one row per record
     * @param metadataStart where the output row's metadata columns start
     * @param valueSchema the Avro schema (JSON) {@code valueFormat} reads, to which the source
     *     resolves every schema version's values; null for the stream's latest schema
     */
    RowDataDeserializer(
            DeserializationSchema<RowData> keyFormat,
            DeserializationSchema<RowData> valueFormat,
            List<Placement> keyFields,
            List<Placement> valueFields,
            List<ReadableMetadata> metadata,
            int metadataStart,
            TypeInformation<RowData> producedType,
            String valueSchema) {
        this.keyFormat = keyFormat;
        this.valueFormat = valueFormat;
        this.keyFields =
                keyFields.stream().map(Placement::field).toArray(RowData.FieldGetter[]::new);
        this.keyPositions = keyFields.stream().mapToInt(Placement::position).toArray();
        this.valueFields =
                valueFields.stream().map(Placement::field).toArray(RowData.FieldGetter[]::new);
        this.valuePositions = valueFields.stream().mapToInt(Placement::position).toArray();
        this.valueRowsOut =
                valueFormat != null
                        && keyFields.isEmpty()
                        && metadata.isEmpty()
                        && valueFields.size() == metadataStart
                        && IntStream.range(0, metadataStart)
                                .allMatch(
                                        i ->
                                                valueFields.get(i).from() == i
                                                        && valueFields.get(i).position() == i);
        this.metadata = List.copyOf(metadata);
        this.metadataStart = metadataStart;
        this.producedType = producedType;
        this.valueSchema = valueSchema;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) throws Exception {
        if (keyFormat != null) {
            keyFormat.open(context);
        }
        if (valueFormat != null) {
            valueFormat.open(context);
        }
        rows = new RowCollector();
    }

    /** Not used: a row needs the record's partition, which the other method gets. */
    @Override
    public RowData deserialize(LoggedRecord record) {
        throw new UnsupportedOperationException(
                "rows are read with deserialize(record, partition, out)");
    }

    @Override
    public void deserialize(LoggedRecord record, int partition, Collector<RowData> out)
            throws IOException {
        if (valueRowsOut) {
            valueFormat.deserialize(record.value(), out);
            return;
        }
        RowData key =
                keyFormat == null || record.key() == null
                        ? null
                        : keyFormat.deserialize(record.key());
        rows.start(record, partition, key, out);
        if (valueFormat == null) {
            rows.collect(null);
        } else {
            valueFormat.deserialize(record.value(), rows);
        }
    }

    @Override
    public TypeInformation<RowData> producedType() {
        return producedType;
    }

    @Override
    public String valueSchema() {
        return valueSchema;
    }

    /** Joins each value row with the record's key and metadata into an output row. */
    private final class RowCollector implements Collector<RowData> {
        private LoggedRecord record;
        private int partition;
        private RowData key;
        private Collector<RowData> out;

        void start(LoggedRecord record, int partition, RowData key, Collector<RowData> out) {
            this.record = record;
            this.partition = partition;
            this.key = key;
            this.out = out;
        }

        @Override
        public void collect(RowData value) {
            GenericRowData row =
                    new GenericRowData(
                            value == null ? RowKind.INSERT : value.getRowKind(),
                            metadataStart + metadata.size());
            if (key != null) {
                for (int i = 0; i < keyFields.length; i++) {
                    row.setField(keyPositions[i], keyFields[i].getFieldOrNull(key));
                }
            }
            if (value != null) {
                for (int i = 0; i < valueFields.length; i++) {
                    row.setField(valuePositions[i], valueFields[i].getFieldOrNull(value));
                }
            }
            for (int i = 0; i < metadata.size(); i++) {
                row.setField(metadataStart + i, metadata.get(i).read(record, partition));
            }
            out.collect(row);
        }

        @Override
        public void close() {}
    }
}
