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
package dev.floe.flink.source.reader;

import dev.floe.flink.connection.FloeConnection;
import dev.floe.flink.source.FloeDeserializer;
import dev.floe.flink.source.FloeSourceOptions;
import dev.floe.flink.source.split.FloeSplit;
import dev.floe.flink.source.split.FloeSplitState;
import dev.floe.wal.record.LoggedRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.util.UserCodeClassLoader;

/**
 * The source reader of one subtask: one fetcher thread reads the subtask's splits from the bucket,
 * the task thread emits their records. Used by the task thread.
 */
@Internal
public final class FloeSourceReader<T>
        extends SingleThreadMultiplexSourceReaderBase<LoggedRecord, T, FloeSplit, FloeSplitState> {

    private final FloeDeserializer<T> deserializer;
    private final ConsumerRegistration consumer;

    public FloeSourceReader(
            Configuration config, FloeDeserializer<T> deserializer, SourceReaderContext context) {
        this(config, deserializer, context, new ReaderMetrics(context.metricGroup()));
    }

    private FloeSourceReader(
            Configuration config,
            FloeDeserializer<T> deserializer,
            SourceReaderContext context,
            ReaderMetrics metrics) {
        super(
                () ->
                        new FloeSplitReader(
                                open(config), config, deserializer.valueSchema(), metrics),
                new FloeRecordEmitter<>(deserializer, metrics, TimestampRange.of(config)),
                config,
                context);
        this.deserializer = deserializer;
        this.consumer =
                config.getOptional(FloeSourceOptions.CONSUMER_ID)
                        .map(id -> new ConsumerRegistration(config, id))
                        .orElse(null);
    }

    private static FloeConnection open(Configuration config) {
        try {
            return FloeConnection.open(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void start() {
        try {
            deserializer.open(
                    new DeserializationSchema.InitializationContext() {
                        @Override
                        public MetricGroup getMetricGroup() {
                            return context.metricGroup();
                        }

                        @Override
                        public UserCodeClassLoader getUserCodeClassLoader() {
                            return context.getUserCodeClassLoader();
                        }
                    });
        } catch (Exception e) {
            throw new IllegalStateException("Cannot open the deserializer: " + e.getMessage(), e);
        }
        super.start();
    }

    @Override
    public List<FloeSplit> snapshotState(long checkpointId) {
        List<FloeSplit> splits = super.snapshotState(checkpointId);
        if (consumer != null) {
            consumer.snapshot(checkpointId, splits);
        }
        return splits;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        super.notifyCheckpointComplete(checkpointId);
        if (consumer != null) {
            consumer.checkpointComplete(checkpointId);
        }
    }

    @Override
    protected void onSplitFinished(Map<String, FloeSplitState> finished) {
        if (consumer != null) {
            finished.values().forEach(state -> consumer.finished(state.toSplit()));
        }
    }

    @Override
    public void close() throws Exception {
        try {
            super.close();
        } finally {
            if (consumer != null) {
                consumer.close();
            }
        }
    }

    @Override
    protected FloeSplitState initializedState(FloeSplit split) {
        return new FloeSplitState(split);
    }

    @Override
    protected FloeSplit toSplitType(String splitId, FloeSplitState state) {
        return state.toSplit();
    }
}
