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
package dev.floe.flink.table;

import dev.floe.flink.table.internal.TableFactories;
import java.util.Set;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.factories.DynamicTableSinkFactory;
import org.apache.flink.table.factories.DynamicTableSourceFactory;
import org.apache.flink.table.factories.FactoryUtil;

/**
 * The table factory {@code 'connector' = 'floe'}: reads a Floe stream with FloeSource and writes it
 * with FloeSink; options are {@link FloeTableOptions} and any {@code floe.*} option. Stateless and
 * thread-safe.
 *
 * <pre>{@code
 * CREATE TABLE orders (id BIGINT, customer STRING, amount DOUBLE)
 * WITH ('connector' = 'floe', 'stream' = 'orders', 'partitions' = '4');
 * }</pre>
 */
@PublicEvolving
public final class FloeTableFactory implements DynamicTableSourceFactory, DynamicTableSinkFactory {

    public static final String IDENTIFIER = "floe";

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of();
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of(
                FloeTableOptions.STREAM,
                FloeTableOptions.PARTITIONS,
                FloeTableOptions.S3_ENDPOINT,
                FloeTableOptions.S3_BUCKET,
                FloeTableOptions.S3_PARQUET_BUCKET,
                FloeTableOptions.S3_ACCESS_KEY,
                FloeTableOptions.S3_SECRET_KEY,
                FloeTableOptions.ETCD_ENDPOINTS,
                FloeTableOptions.LOCAL_PATH,
                FloeTableOptions.SCAN_STARTUP_MODE,
                FloeTableOptions.SCAN_STARTUP_TIMESTAMP_MILLIS,
                FloeTableOptions.SCAN_STARTUP_SPECIFIC_OFFSETS,
                FloeTableOptions.SCAN_BOUNDED_MODE,
                FloeTableOptions.SCAN_BOUNDED_TIMESTAMP_MILLIS,
                FloeTableOptions.SCAN_BOUNDED_SPECIFIC_OFFSETS,
                FloeTableOptions.SCAN_CONSUMER_ID,
                FloeTableOptions.SCAN_ISOLATION,
                FloeTableOptions.SINK_DELIVERY_GUARANTEE,
                FloeTableOptions.SINK_PARTITIONER,
                FloeTableOptions.SINK_PARALLELISM,
                FloeTableOptions.KEY_FORMAT,
                FloeTableOptions.KEY_FIELDS,
                FloeTableOptions.VALUE_FORMAT,
                FloeTableOptions.VALUE_FIELDS_INCLUDE,
                FactoryUtil.WATERMARK_EMIT_STRATEGY,
                FactoryUtil.WATERMARK_ALIGNMENT_GROUP,
                FactoryUtil.WATERMARK_ALIGNMENT_MAX_DRIFT,
                FactoryUtil.WATERMARK_ALIGNMENT_UPDATE_INTERVAL,
                FactoryUtil.SOURCE_IDLE_TIMEOUT);
    }

    @Override
    public DynamicTableSource createDynamicTableSource(Context context) {
        return TableFactories.source(this, context);
    }

    @Override
    public DynamicTableSink createDynamicTableSink(Context context) {
        return TableFactories.sink(this, context);
    }
}
