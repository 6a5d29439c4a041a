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

import dev.floe.flink.table.FloeTableOptions;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.connector.format.DecodingFormat;
import org.apache.flink.table.connector.format.EncodingFormat;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.factories.DeserializationFormatFactory;
import org.apache.flink.table.factories.DynamicTableFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.factories.SerializationFormatFactory;

/**
 * Makes the scans and sinks of {@code 'connector' = 'floe'} tables: checks the table's options and
 * finds its formats. Stateless.
 */
@Internal
public final class TableFactories {

    private TableFactories() {}

    /** The scan of the table {@code context} describes. */
    public static DynamicTableSource source(
            DynamicTableFactory factory, DynamicTableFactory.Context context) {
        TableSettings settings = settings(context);
        FactoryUtil.TableFactoryHelper helper =
                FactoryUtil.createTableFactoryHelper(factory, context);
        DecodingFormat<DeserializationSchema<RowData>> key =
                helper.discoverOptionalDecodingFormat(
                                DeserializationFormatFactory.class, FloeTableOptions.KEY_FORMAT)
                        .orElse(null);
        DecodingFormat<DeserializationSchema<RowData>> value =
                nativeAvro(helper.getOptions())
                        ? null
                        : helper.discoverDecodingFormat(
                                DeserializationFormatFactory.class, FloeTableOptions.VALUE_FORMAT);
        helper.validateExcept(TableSettings.PASS_THROUGH_PREFIX);
        return new FloeTableSource(
                settings,
                layout(settings, context, helper, key != null, value == null),
                key,
                value);
    }

    /** The sink of the table {@code context} describes. */
    public static DynamicTableSink sink(
            DynamicTableFactory factory, DynamicTableFactory.Context context) {
        TableSettings settings = settings(context);
        FactoryUtil.TableFactoryHelper helper =
                FactoryUtil.createTableFactoryHelper(factory, context);
        EncodingFormat<SerializationSchema<RowData>> key =
                helper.discoverOptionalEncodingFormat(
                                SerializationFormatFactory.class, FloeTableOptions.KEY_FORMAT)
                        .orElse(null);
        EncodingFormat<SerializationSchema<RowData>> value =
                nativeAvro(helper.getOptions())
                        ? null
                        : helper.discoverEncodingFormat(
                                SerializationFormatFactory.class, FloeTableOptions.VALUE_FORMAT);
        helper.validateExcept(TableSettings.PASS_THROUGH_PREFIX);
        RowLayout layout = layout(settings, context, helper, key != null, value == null);
        return new FloeTableSink(
                settings,
                layout,
                key,
                value,
                helper.getOptions().getOptional(FloeTableOptions.SINK_PARALLELISM).orElse(null));
    }

    private static TableSettings settings(DynamicTableFactory.Context context) {
        return TableSettings.of(
                context.getObjectIdentifier().asSummaryString(),
                context.getObjectIdentifier().getObjectName(),
                context.getCatalogTable().getOptions());
    }

    private static boolean nativeAvro(ReadableConfig options) {
        return NativeAvro.FORMAT.equals(options.get(FloeTableOptions.VALUE_FORMAT));
    }

    private static RowLayout layout(
            TableSettings settings,
            DynamicTableFactory.Context context,
            FactoryUtil.TableFactoryHelper helper,
            boolean keyFormat,
            boolean nativeAvro) {
        TableOptionChecks checks =
                new TableOptionChecks(settings.table(), context.getCatalogTable().getOptions());
        ReadableConfig options = helper.getOptions();
        RowLayout layout =
                RowLayout.of(
                        checks,
                        context.getPhysicalRowDataType(),
                        options.get(FloeTableOptions.KEY_FIELDS),
                        options.get(FloeTableOptions.VALUE_FIELDS_INCLUDE),
                        keyFormat);
        if (options.get(FloeTableOptions.SINK_PARTITIONER)
                        == FloeTableOptions.SinkPartitioner.KEY_HASH
                && !keyFormat) {
            throw checks.invalid(
                    FloeTableOptions.SINK_PARTITIONER,
                    "key-hash",
                    "'key-hash' hashes the key: set '"
                            + FloeTableOptions.KEY_FORMAT.key()
                            + "' and '"
                            + FloeTableOptions.KEY_FIELDS.key()
                            + "'");
        }
        if (nativeAvro) {
            try {
                NativeAvro.valueSchema(layout.valueRowType(), settings.stream());
            } catch (IllegalArgumentException e) {
                throw new ValidationException(
                        "Table "
                                + settings.table()
                                + ": its value columns cannot be written with "
                                + FloeTableOptions.VALUE_FORMAT.key()
                                + " = 'avro': "
                                + e.getMessage(),
                        e);
            }
        }
        return layout;
    }
}
