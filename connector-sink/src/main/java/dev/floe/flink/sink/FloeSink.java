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
package dev.floe.flink.sink;

import dev.floe.flink.connection.FloeConnection;
import dev.floe.flink.sink.internal.FloeCommittable;
import dev.floe.flink.sink.internal.FloeCommittableSerializer;
import dev.floe.flink.sink.internal.FloeCommitter;
import dev.floe.flink.sink.internal.FloeWriter;
import dev.floe.flink.sink.internal.FloeWriterState;
import dev.floe.flink.sink.internal.FloeWriterStateSerializer;
import dev.floe.flink.sink.internal.PartitionChooser;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.connector.sink2.SupportsPreWriteTopology;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * A Flink sink that writes a stream into Floe: every record goes through a local write-ahead log,
 * each checkpoint makes what it covers durable as objects in the bucket and commits them to the
 * manifest in one transaction per partition, and the objects are tiered into large Parquet files in
 * the background. Exactly-once by default. Build one with {@link #builder()}; the sink itself is
 * immutable and serializable.
 *
 * @param <T> the element type
 */
@PublicEvolving
public final class FloeSink<T>
        implements Sink<T>,
                SupportsWriterState<T, FloeWriterState>,
                SupportsCommitter<FloeCommittable>,
                SupportsPreWriteTopology<T> {

    private static final long serialVersionUID = 1L;

    private final Configuration config;
    private final FloeRecordSerializer<T> serializer;
    private final FloeRouting<T> routing;

    FloeSink(Configuration config, FloeRecordSerializer<T> serializer, FloeRouting<T> routing) {
        this.config = config;
        this.serializer = serializer;
        this.routing = routing;
    }

    public static <T> FloeSinkBuilder<T> builder() {
        return new FloeSinkBuilder<>();
    }

    /** The options this sink was built with (connection and sink options). */
    public Configuration configuration() {
        return new Configuration(config);
    }

    @Override
    public StatefulSinkWriter<T, FloeWriterState> createWriter(WriterInitContext context)
            throws IOException {
        return restoreWriter(context, List.of());
    }

    @Override
    public StatefulSinkWriter<T, FloeWriterState> restoreWriter(
            WriterInitContext context, Collection<FloeWriterState> recoveredState)
            throws IOException {
        try {
            return new FloeWriter<>(config, serializer, routing, context, recoveredState);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("Cannot start the Floe sink writer: " + e.getMessage(), e);
        }
    }

    @Override
    public SimpleVersionedSerializer<FloeWriterState> getWriterStateSerializer() {
        return new FloeWriterStateSerializer();
    }

    @Override
    public Committer<FloeCommittable> createCommitter(CommitterInitContext context)
            throws IOException {
        return new FloeCommitter(
                FloeConnection.open(config),
                config.get(FloeSinkOptions.COMMIT_TIMEOUT),
                context.metricGroup());
    }

    @Override
    public SimpleVersionedSerializer<FloeCommittable> getCommittableSerializer() {
        return new FloeCommittableSerializer();
    }

    /**
     * Sends each element to the subtask that owns its partition (partition modulo parallelism),
     * unless elements stay where they are ({@link FloeRouting#bySubtask()}).
     */
    @Override
    public DataStream<T> addPreWriteTopology(DataStream<T> input) {
        if (!routing.movesElements()) {
            return input;
        }
        return input.partitionCustom(
                (Integer partition, int subtasks) -> partition % subtasks,
                new PartitionRouting<>(
                        serializer,
                        new PartitionChooser<>(routing, config.get(FloeSinkOptions.PARTITIONS))));
    }
}
