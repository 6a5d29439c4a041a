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

import dev.floe.flink.sink.FloeSink;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.format.EncodingFormat;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.sink.SinkV2Provider;
import org.apache.flink.table.connector.sink.abilities.SupportsWritingMetadata;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.LogicalType;

/**
 * Writes a Floe table: a {@link FloeSink} of the table's rows, with the timestamp and headers
 * metadata columns when the statement writes them. Not thread-safe; the planner copies it per plan.
 */
@Internal
public final class FloeTableSink implements DynamicTableSink, SupportsWritingMetadata {

    private final TableSettings settings;
    private final RowLayout layout;
    private final EncodingFormat<SerializationSchema<RowData>> keyEncoding;
    private final EncodingFormat<SerializationSchema<RowData>> valueEncoding;
    private final Integer parallelism;
    private List<WritableMetadata> metadata = List.of();

    /**
     * @param keyEncoding the key format, or null for records without key
     * @param valueEncoding the value format, or null for {@link NativeAvro}
     * @param parallelism the sink's parallelism, or null for the planner's choice
     */
    FloeTableSink(
            TableSettings settings,
            RowLayout layout,
            EncodingFormat<SerializationSchema<RowData>> keyEncoding,
            EncodingFormat<SerializationSchema<RowData>> valueEncoding,
            Integer parallelism) {
        this.settings = settings;
        this.layout = layout;
        this.keyEncoding = keyEncoding;
        this.valueEncoding = valueEncoding;
        this.parallelism = parallelism;
    }

    @Override
    public ChangelogMode getChangelogMode(ChangelogMode requestedMode) {
        return valueEncoding == null
                ? ChangelogMode.insertOnly()
                : valueEncoding.getChangelogMode();
    }

    @Override
    public SinkRuntimeProvider getSinkRuntimeProvider(Context context) {
        SerializationSchema<RowData> key =
                keyEncoding == null
                        ? null
                        : new ProjectingSerializationSchema(
                                keyEncoding.createRuntimeEncoder(context, layout.keyType()),
                                fields(layout.key()));
        SerializationSchema<RowData> value;
        String valueSchema = null;
        if (valueEncoding == null) {
            value = NativeAvro.serializer(layout.valueRowType(), layout.value());
            valueSchema =
                    NativeAvro.valueSchema(layout.valueRowType(), settings.stream()).toString();
        } else {
            value =
                    new ProjectingSerializationSchema(
                            valueEncoding.createRuntimeEncoder(context, layout.valueType()),
                            fields(layout.value()));
        }
        RowDataRecordSerializer serializer =
                new RowDataRecordSerializer(
                        key,
                        value,
                        metadataPosition(WritableMetadata.TIMESTAMP),
                        metadataPosition(WritableMetadata.HEADERS),
                        valueSchema);
        FloeSink<RowData> sink;
        try {
            sink =
                    FloeSink.<RowData>builder()
                            .configure(settings.sinkOptions())
                            .serializer(serializer)
                            .build();
        } catch (IllegalArgumentException e) {
            throw new ValidationException(
                    "Table " + settings.table() + " cannot be written: " + e.getMessage(), e);
        }
        return SinkV2Provider.of(sink, parallelism);
    }

    /** Getters of physical columns {@code positions} of a consumed row. */
    private RowData.FieldGetter[] fields(int[] positions) {
        List<LogicalType> types = layout.physical().getLogicalType().getChildren();
        RowData.FieldGetter[] getters = new RowData.FieldGetter[positions.length];
        for (int i = 0; i < positions.length; i++) {
            getters[i] = RowData.createFieldGetter(types.get(positions[i]), positions[i]);
        }
        return getters;
    }

    /** Where a consumed row holds metadata column {@code m}: after the physical columns. */
    private int metadataPosition(WritableMetadata m) {
        int i = metadata.indexOf(m);
        return i < 0 ? RowDataRecordSerializer.ABSENT : layout.physicalCount() + i;
    }

    @Override
    public Map<String, DataType> listWritableMetadata() {
        Map<String, DataType> out = new LinkedHashMap<>();
        for (WritableMetadata m : WritableMetadata.values()) {
            out.put(m.key, m.type);
        }
        return out;
    }

    @Override
    public void applyWritableMetadata(List<String> metadataKeys, DataType consumedDataType) {
        this.metadata = metadataKeys.stream().map(WritableMetadata::of).toList();
    }

    @Override
    public DynamicTableSink copy() {
        FloeTableSink copy =
                new FloeTableSink(settings, layout, keyEncoding, valueEncoding, parallelism);
        copy.metadata = metadata;
        return copy;
    }

    @Override
    public String asSummaryString() {
        return "Floe(stream=" + settings.stream() + ")";
    }
}
