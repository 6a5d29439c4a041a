package dev.floe.flink.sink;

import dev.floe.flink.connection.FloeConnection;
import dev.floe.flink.sink.internal.FloeCommittable;
import dev.floe.flink.sink.internal.FloeCommittableSerializer;
import dev.floe.flink.sink.internal.FloeCommitter;
import dev.floe.flink.sink.internal.FloeWriter;
import dev.floe.flink.sink.internal.FloeWriterState;
import dev.floe.flink.sink.internal.FloeWriterStateSerializer;
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
    private final FloePartitioner<T> partitioner;

    FloeSink(
            Configuration config,
            FloeRecordSerializer<T> serializer,
            FloePartitioner<T> partitioner) {
        this.config = config;
        this.serializer = serializer;
        this.partitioner = partitioner;
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
            return new FloeWriter<>(
                    config,
                    serializer,
                    partitioner,
                    FloePartitioners.isBySubtask(partitioner),
                    context,
                    recoveredState);
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
     * Routes each record to the subtask that owns its partition (partition modulo parallelism),
     * unless records stay where they are (the by-subtask partitioner).
     */
    @Override
    public DataStream<T> addPreWriteTopology(DataStream<T> input) {
        if (FloePartitioners.isBySubtask(partitioner)) {
            return input;
        }
        return input.partitionCustom(
                (Integer partition, int subtasks) -> partition % subtasks,
                new PartitionRouting<>(
                        serializer, partitioner, config.get(FloeSinkOptions.PARTITIONS)));
    }
}
