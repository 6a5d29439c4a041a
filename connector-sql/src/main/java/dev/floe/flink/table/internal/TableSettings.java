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

import dev.floe.flink.connection.ConnectionResolver;
import dev.floe.flink.connection.FloeConnection;
import dev.floe.flink.connection.FloeConnectionOptions;
import dev.floe.flink.sink.FloeRouting;
import dev.floe.flink.sink.FloeSinkOptions;
import dev.floe.flink.source.FloeSourceOptions;
import dev.floe.flink.table.FloeTableOptions;
import dev.floe.flink.table.FloeTableOptions.BoundedMode;
import dev.floe.flink.table.FloeTableOptions.StartupMode;
import dev.floe.wal.manifest.StreamConfig;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.table.api.ValidationException;

/**
 * The {@code floe.*} options of one table's FloeSource and FloeSink: its {@link FloeTableOptions}
 * mapped onto them, on top of the {@code floe.*} options the table passes through. Checked when
 * made; every error names the table, the option and what it accepts. Immutable.
 */
@Internal
public final class TableSettings {

    /** Options passed to FloeSource and FloeSink unchanged. */
    static final String PASS_THROUGH_PREFIX = "floe.";

    /**
     * Each connection option of a table (and of the catalog), and the {@code floe.*} option it
     * sets.
     */
    public static final Map<ConfigOption<String>, ConfigOption<?>> CONNECTION =
            Map.of(
                    FloeTableOptions.S3_ENDPOINT, FloeConnectionOptions.S3_ENDPOINT,
                    FloeTableOptions.S3_BUCKET, FloeConnectionOptions.S3_BUCKET,
                    FloeTableOptions.S3_PARQUET_BUCKET, FloeConnectionOptions.S3_PARQUET_BUCKET,
                    FloeTableOptions.S3_ACCESS_KEY, FloeConnectionOptions.S3_ACCESS_KEY,
                    FloeTableOptions.S3_SECRET_KEY, FloeConnectionOptions.S3_SECRET_KEY,
                    FloeTableOptions.ETCD_ENDPOINTS, FloeConnectionOptions.ETCD_ENDPOINTS,
                    FloeTableOptions.LOCAL_PATH, FloeConnectionOptions.LOCAL_PATH);

    private final String table;
    private final String stream;
    private final Configuration source;
    private final Configuration sink;

    private TableSettings(String table, String stream, Configuration source, Configuration sink) {
        this.table = table;
        this.stream = stream;
        this.source = source;
        this.sink = sink;
    }

    /**
     * The settings of table {@code table} with {@code options}, the table's {@code WITH} clause.
     *
     * @param defaultStream the stream when the options name none: the table's name
     * @throws ValidationException naming the table and the option that is wrong
     */
    public static TableSettings of(
            String table, String defaultStream, Map<String, String> options) {
        TableOptionChecks checks = new TableOptionChecks(table, options);
        checks.checkChoices();
        ReadableConfig config = Configuration.fromMap(options);
        String stream = config.getOptional(FloeTableOptions.STREAM).orElse(defaultStream);
        try {
            StreamConfig.of(stream, 1);
        } catch (IllegalArgumentException e) {
            throw checks.invalid(FloeTableOptions.STREAM, stream, e.getMessage());
        }
        Configuration connection = connection(checks, config, options);
        Configuration source = new Configuration(connection);
        source.set(FloeSourceOptions.STREAM, stream);
        scanOptions(checks, config, source);
        Configuration sink = new Configuration(connection);
        sink.set(FloeSinkOptions.STREAM, stream);
        sinkOptions(checks, config, sink);
        return new TableSettings(table, stream, source, sink);
    }

    /** The table, as {@code catalog.database.table}, for messages. */
    public String table() {
        return table;
    }

    public String stream() {
        return stream;
    }

    /** The options of the table's FloeSource, before push-downs. */
    public Configuration sourceOptions() {
        return new Configuration(source);
    }

    /** The options of the table's FloeSink. */
    public Configuration sinkOptions() {
        return new Configuration(sink);
    }

    /**
     * The {@code floe.*} options passed through, then the table's connection options, checked
     * without connecting.
     */
    private static Configuration connection(
            TableOptionChecks checks, ReadableConfig config, Map<String, String> options) {
        Configuration out = new Configuration();
        options.forEach(
                (key, value) -> {
                    if (key.startsWith(PASS_THROUGH_PREFIX)) {
                        out.setString(key, value);
                    }
                });
        for (Map.Entry<ConfigOption<String>, ConfigOption<?>> e : CONNECTION.entrySet()) {
            ConfigOption<String> option = e.getKey();
            String target = e.getValue().key();
            if (!options.containsKey(option.key())) {
                continue;
            }
            if (options.containsKey(target)) {
                throw checks.invalid(
                        option, options.get(option.key()), "set it or " + target + ", not both");
            }
            String value = config.get(option);
            if (option == FloeTableOptions.ETCD_ENDPOINTS) {
                out.set(
                        FloeConnectionOptions.ETCD_ENDPOINTS,
                        ConnectionResolver.splitEndpoints(value));
            } else {
                out.setString(target, value);
            }
        }
        try {
            FloeConnection.validate(out);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            for (Map.Entry<ConfigOption<String>, ConfigOption<?>> option : CONNECTION.entrySet()) {
                message = message.replace(option.getValue().key(), option.getKey().key());
            }
            throw new ValidationException(
                    "Table " + checks.table() + " has an invalid connection: " + message, e);
        }
        return out;
    }

    private static void scanOptions(
            TableOptionChecks checks, ReadableConfig config, Configuration out) {
        StartupMode startup = config.get(FloeTableOptions.SCAN_STARTUP_MODE);
        switch (startup) {
            case EARLIEST_OFFSET ->
                    out.set(FloeSourceOptions.START, FloeSourceOptions.StartMode.EARLIEST);
            case LATEST_OFFSET ->
                    out.set(FloeSourceOptions.START, FloeSourceOptions.StartMode.LATEST);
            case TIMESTAMP -> {
                out.set(FloeSourceOptions.START, FloeSourceOptions.StartMode.TIMESTAMP);
                out.set(
                        FloeSourceOptions.START_TIMESTAMP,
                        checks.required(
                                config,
                                FloeTableOptions.SCAN_STARTUP_TIMESTAMP_MILLIS,
                                FloeTableOptions.SCAN_STARTUP_MODE,
                                startup));
            }
            case SPECIFIC_OFFSETS -> {
                out.set(FloeSourceOptions.START, FloeSourceOptions.StartMode.OFFSETS);
                out.set(
                        FloeSourceOptions.START_OFFSETS,
                        checks.offsets(
                                config,
                                FloeTableOptions.SCAN_STARTUP_SPECIFIC_OFFSETS,
                                FloeTableOptions.SCAN_STARTUP_MODE,
                                startup));
            }
            case GROUP_OFFSETS -> {
                out.set(FloeSourceOptions.START, FloeSourceOptions.StartMode.CONSUMER);
                checks.required(
                        config,
                        FloeTableOptions.SCAN_CONSUMER_ID,
                        FloeTableOptions.SCAN_STARTUP_MODE,
                        startup);
            }
        }
        BoundedMode bounded = config.get(FloeTableOptions.SCAN_BOUNDED_MODE);
        switch (bounded) {
            case UNBOUNDED -> out.set(FloeSourceOptions.STOP, FloeSourceOptions.StopMode.UNBOUNDED);
            case LATEST_OFFSET ->
                    out.set(FloeSourceOptions.STOP, FloeSourceOptions.StopMode.COMMITTED_AT_START);
            case TIMESTAMP -> {
                out.set(FloeSourceOptions.STOP, FloeSourceOptions.StopMode.TIMESTAMP);
                out.set(
                        FloeSourceOptions.STOP_TIMESTAMP,
                        checks.required(
                                config,
                                FloeTableOptions.SCAN_BOUNDED_TIMESTAMP_MILLIS,
                                FloeTableOptions.SCAN_BOUNDED_MODE,
                                bounded));
            }
            case SPECIFIC_OFFSETS -> {
                out.set(FloeSourceOptions.STOP, FloeSourceOptions.StopMode.OFFSETS);
                out.set(
                        FloeSourceOptions.STOP_OFFSETS,
                        checks.offsets(
                                config,
                                FloeTableOptions.SCAN_BOUNDED_SPECIFIC_OFFSETS,
                                FloeTableOptions.SCAN_BOUNDED_MODE,
                                bounded));
            }
        }
        config.getOptional(FloeTableOptions.SCAN_CONSUMER_ID)
                .ifPresent(id -> out.set(FloeSourceOptions.CONSUMER_ID, id));
        out.set(
                FloeSourceOptions.ISOLATION,
                switch (config.get(FloeTableOptions.SCAN_ISOLATION)) {
                    case READ_COMMITTED -> FloeSourceOptions.Isolation.READ_COMMITTED;
                    case READ_UNCOMMITTED -> FloeSourceOptions.Isolation.READ_UNCOMMITTED;
                });
    }

    private static void sinkOptions(
            TableOptionChecks checks, ReadableConfig config, Configuration out) {
        config.getOptional(FloeTableOptions.PARTITIONS)
                .ifPresent(
                        n -> {
                            if (n < 1) {
                                throw checks.invalid(
                                        FloeTableOptions.PARTITIONS,
                                        String.valueOf(n),
                                        "a stream needs at least 1 partition");
                            }
                            out.set(FloeSinkOptions.PARTITIONS, n);
                        });
        DeliveryGuarantee guarantee = config.get(FloeTableOptions.SINK_DELIVERY_GUARANTEE);
        out.set(FloeSinkOptions.DELIVERY_GUARANTEE, guarantee);
        out.set(
                FloeSinkOptions.PARTITIONER,
                switch (config.get(FloeTableOptions.SINK_PARTITIONER)) {
                    case SUBTASK -> FloeRouting.Mode.BY_SUBTASK;
                    case KEY_HASH -> {
                        if (config.getOptional(FloeTableOptions.PARTITIONS).isEmpty()) {
                            throw checks.invalid(
                                    FloeTableOptions.SINK_PARTITIONER,
                                    "key-hash",
                                    "'key-hash' needs the number of partitions: set '"
                                            + FloeTableOptions.PARTITIONS.key()
                                            + "'");
                        }
                        yield FloeRouting.Mode.KEY_HASH;
                    }
                });
    }
}
