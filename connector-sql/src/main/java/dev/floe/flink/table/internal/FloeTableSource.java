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

import dev.floe.flink.source.FloeSource;
import dev.floe.flink.source.FloeSourceOptions;
import dev.floe.flink.table.internal.RowDataDeserializer.Placement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.Projection;
import org.apache.flink.table.connector.ProviderContext;
import org.apache.flink.table.connector.format.DecodingFormat;
import org.apache.flink.table.connector.format.ProjectableDecodingFormat;
import org.apache.flink.table.connector.source.DataStreamScanProvider;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.ScanTableSource;
import org.apache.flink.table.connector.source.abilities.SupportsFilterPushDown;
import org.apache.flink.table.connector.source.abilities.SupportsLimitPushDown;
import org.apache.flink.table.connector.source.abilities.SupportsProjectionPushDown;
import org.apache.flink.table.connector.source.abilities.SupportsReadingMetadata;
import org.apache.flink.table.connector.source.abilities.SupportsWatermarkPushDown;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.expressions.ResolvedExpression;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.utils.DataTypeUtils;
import org.apache.flink.types.RowKind;

/**
 * A scan of a Floe table: a {@link FloeSource} of the table's rows, with projections, filters on
 * metadata columns, a limit and the watermark strategy pushed into it. Not thread-safe; the planner
 * copies it per plan.
 */
@Internal
public final class FloeTableSource
        implements ScanTableSource,
                SupportsReadingMetadata,
                SupportsProjectionPushDown,
                SupportsFilterPushDown,
                SupportsWatermarkPushDown,
                SupportsLimitPushDown {

    private final TableSettings settings;
    private final RowLayout layout;
    private final DecodingFormat<DeserializationSchema<RowData>> keyDecoding;
    private final DecodingFormat<DeserializationSchema<RowData>> valueDecoding;

    private int[] physicalFields;
    private List<ReadableMetadata> metadata = List.of();
    private DataType producedType;
    private ScanFilters filters = ScanFilters.NONE;
    private WatermarkStrategy<RowData> watermarks;
    private Long limit;

    /**
     * @param keyDecoding the key format, or null when keys are read as metadata only
     * @param valueDecoding the value format, or null for {@link NativeAvro}
     */
    FloeTableSource(
            TableSettings settings,
            RowLayout layout,
            DecodingFormat<DeserializationSchema<RowData>> keyDecoding,
            DecodingFormat<DeserializationSchema<RowData>> valueDecoding) {
        this.settings = settings;
        this.layout = layout;
        this.keyDecoding = keyDecoding;
        this.valueDecoding = valueDecoding;
        this.physicalFields = IntStream.range(0, layout.physicalCount()).toArray();
        this.producedType = layout.physical();
    }

    @Override
    public ChangelogMode getChangelogMode() {
        return valueDecoding == null
                ? ChangelogMode.insertOnly()
                : valueDecoding.getChangelogMode();
    }

    @Override
    public ScanRuntimeProvider getScanRuntimeProvider(ScanContext context) {
        Configuration options = settings.sourceOptions();
        filters.writeTo(options);
        if (limit != null) {
            options.set(FloeSourceOptions.MAX_RECORDS_PER_PARTITION, limit);
        }
        List<Placement> keyFields = new ArrayList<>();
        DeserializationSchema<RowData> key = keyDeserializer(context, keyFields);
        List<Placement> valueFields = new ArrayList<>();
        DeserializationSchema<RowData> value = valueDeserializer(context, options, valueFields);
        RowDataDeserializer deserializer =
                new RowDataDeserializer(
                        key,
                        value,
                        keyFields,
                        valueFields,
                        metadata,
                        physicalFields.length,
                        context.createTypeInformation(producedType),
                        valueDecoding == null
                                ? NativeAvro.valueSchema(layout.valueRowType(), settings.stream())
                                        .toString()
                                : null);
        FloeSource<RowData> source;
        try {
            source =
                    FloeSource.<RowData>builder()
                            .configure(options)
                            .deserializer(deserializer)
                            .build();
        } catch (IllegalArgumentException e) {
            throw new ValidationException(
                    "Table " + settings.table() + " cannot be read: " + e.getMessage(), e);
        }
        return new ScanProvider(source, watermarks, settings.stream());
    }

    private DeserializationSchema<RowData> keyDeserializer(
            ScanContext context, List<Placement> placements) {
        if (keyDecoding == null) {
            return null;
        }
        int[] key = layout.key();
        List<LogicalType> types = layout.keyType().getLogicalType().getChildren();
        for (int i = 0; i < key.length; i++) {
            int out = outputPosition(key[i]);
            if (out >= 0) {
                placements.add(new Placement(types.get(i), i, out));
            }
        }
        return placements.isEmpty()
                ? null
                : keyDecoding.createRuntimeDecoder(context, layout.keyType());
    }

    /**
     * The value format for the value columns the scan needs; with {@link NativeAvro}, the stream's
     * Parquet columns are projected onto them too.
     */
    private DeserializationSchema<RowData> valueDeserializer(
            ScanContext context, Configuration options, List<Placement> placements) {
        int[] all = layout.value();
        int[] needed = layout.valueAmong(physicalFields);
        if (valueDecoding == null) {
            if (needed.length == 0) {
                // Parquet objects then read one column, which is not decoded.
                options.set(FloeSourceOptions.VALUE_FIELDS, List.of(layout.name(all[0])));
                return null;
            }
            if (needed.length < all.length) {
                List<String> names = new ArrayList<>();
                for (int field : needed) {
                    names.add(layout.name(field));
                }
                options.set(FloeSourceOptions.VALUE_FIELDS, names);
            }
            DataType rowType = Projection.of(needed).project(layout.physical());
            place(needed, rowType, placements);
            return NativeAvro.deserializer(
                    (RowType) rowType.getLogicalType().copy(false),
                    context.createTypeInformation(rowType));
        }
        boolean oneRowPerRecord = valueDecoding.getChangelogMode().containsOnly(RowKind.INSERT);
        if (needed.length == 0 && oneRowPerRecord) {
            return null;
        }
        if (needed.length < all.length && valueDecoding instanceof ProjectableDecodingFormat) {
            int[][] projection = new int[needed.length][];
            for (int i = 0; i < needed.length; i++) {
                projection[i] = new int[] {indexOf(all, needed[i])};
            }
            place(needed, Projection.of(needed).project(layout.physical()), placements);
            return ((ProjectableDecodingFormat<DeserializationSchema<RowData>>) valueDecoding)
                    .createRuntimeDecoder(context, layout.valueType(), projection);
        }
        place(all, layout.valueType(), placements);
        return valueDecoding.createRuntimeDecoder(context, layout.valueType());
    }

    /** Places the fields of decoded rows of {@code rowType}, physical {@code fields}, as output. */
    private void place(int[] fields, DataType rowType, List<Placement> placements) {
        List<LogicalType> types = rowType.getLogicalType().getChildren();
        for (int i = 0; i < fields.length; i++) {
            int out = outputPosition(fields[i]);
            if (out >= 0) {
                placements.add(new Placement(types.get(i), i, out));
            }
        }
    }

    /** Where the output row holds physical field {@code field}, or -1 when it is projected away. */
    private int outputPosition(int field) {
        return indexOf(physicalFields, field);
    }

    private static int indexOf(int[] array, int value) {
        for (int i = 0; i < array.length; i++) {
            if (array[i] == value) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Map<String, DataType> listReadableMetadata() {
        Map<String, DataType> out = new LinkedHashMap<>();
        for (ReadableMetadata m : ReadableMetadata.values()) {
            if (m != ReadableMetadata.KEY || keyDecoding == null) {
                out.put(m.key, m.type);
            }
        }
        return out;
    }

    @Override
    public void applyReadableMetadata(List<String> metadataKeys, DataType producedDataType) {
        this.metadata = metadataKeys.stream().map(ReadableMetadata::of).toList();
        this.producedType = producedDataType;
    }

    @Override
    public boolean supportsNestedProjection() {
        return false;
    }

    @Override
    public void applyProjection(int[][] projectedFields, DataType producedDataType) {
        this.physicalFields =
                Arrays.stream(projectedFields)
                        .mapToInt(path -> path[0])
                        .filter(f -> f < layout.physicalCount())
                        .toArray();
        this.producedType = producedDataType;
    }

    @Override
    public Result applyFilters(List<ResolvedExpression> expressions) {
        ScanFilters.Applied applied = filters.apply(expressions, this::metadataColumn);
        filters = applied.filters();
        return Result.of(applied.accepted(), applied.remaining());
    }

    /** The metadata column the scan's output field {@code name} is, if it is one. */
    private Optional<ReadableMetadata> metadataColumn(String name) {
        int field = DataTypeUtils.flattenToNames(producedType).indexOf(name);
        if (field < physicalFields.length) {
            return Optional.empty();
        }
        return Optional.of(metadata.get(field - physicalFields.length));
    }

    @Override
    public void applyWatermark(WatermarkStrategy<RowData> watermarkStrategy) {
        this.watermarks = watermarkStrategy;
    }

    @Override
    public void applyLimit(long limit) {
        this.limit = limit;
    }

    @Override
    public DynamicTableSource copy() {
        FloeTableSource copy = new FloeTableSource(settings, layout, keyDecoding, valueDecoding);
        copy.physicalFields = physicalFields.clone();
        copy.metadata = metadata;
        copy.producedType = producedType;
        copy.filters = filters;
        copy.watermarks = watermarks;
        copy.limit = limit;
        return copy;
    }

    @Override
    public String asSummaryString() {
        List<String> parts = new ArrayList<>();
        parts.add("stream=" + settings.stream());
        if (!filters.none()) {
            parts.add(filters.toString());
        }
        if (limit != null) {
            parts.add("limit per partition=" + limit);
        }
        return "Floe(" + String.join(", ", parts) + ")";
    }

    /** Makes the scan's DataStream: the source with the pushed-down watermark strategy. */
    private static final class ScanProvider implements DataStreamScanProvider {
        private final FloeSource<RowData> source;
        private final WatermarkStrategy<RowData> watermarks;
        private final String stream;

        ScanProvider(
                FloeSource<RowData> source, WatermarkStrategy<RowData> watermarks, String stream) {
            this.source = source;
            this.watermarks = watermarks;
            this.stream = stream;
        }

        @Override
        public DataStream<RowData> produceDataStream(
                ProviderContext context, StreamExecutionEnvironment env) {
            DataStreamSource<RowData> scan =
                    env.fromSource(
                            source,
                            watermarks != null ? watermarks : WatermarkStrategy.noWatermarks(),
                            "Floe " + stream);
            context.generateUid("floe-source").ifPresent(scan::uid);
            return scan;
        }

        @Override
        public boolean isBounded() {
            return source.getBoundedness() == Boundedness.BOUNDED;
        }
    }
}
