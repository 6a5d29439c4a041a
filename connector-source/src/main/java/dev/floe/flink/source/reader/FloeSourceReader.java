package dev.floe.flink.source.reader;

import dev.floe.flink.connection.FloeConnection;
import dev.floe.flink.source.FloeDeserializer;
import dev.floe.flink.source.FloeSourceOptions;
import dev.floe.flink.source.split.FloeSplit;
import dev.floe.flink.source.split.FloeSplitState;
import dev.floe.wal.format.LoggedRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
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

    public FloeSourceReader(
            Configuration config, FloeDeserializer<T> deserializer, SourceReaderContext context) {
        super(
                () ->
                        new FloeSplitReader(
                                open(config), config.get(FloeSourceOptions.POLL_INTERVAL)),
                new FloeRecordEmitter<>(deserializer),
                config,
                context);
        this.deserializer = deserializer;
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
    protected void onSplitFinished(Map<String, FloeSplitState> finished) {}

    @Override
    protected FloeSplitState initializedState(FloeSplit split) {
        return new FloeSplitState(split);
    }

    @Override
    protected FloeSplit toSplitType(String splitId, FloeSplitState state) {
        return state.toSplit();
    }
}
