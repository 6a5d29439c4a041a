package dev.floe.flink.sink;

import dev.floe.flink.connection.FloeConnection;
import dev.floe.flink.connection.FloeConnectionBuilder;
import dev.floe.flink.connection.FloeConnectionOptions;
import dev.floe.flink.sink.internal.SinkSettings;
import dev.floe.wal.manifest.StreamConfig;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.connector.base.DeliveryGuarantee;

/**
 * Builds a {@link FloeSink}. Every setting is one of {@link FloeSinkOptions} or {@link
 * FloeConnectionOptions}, so {@link #configure} can take them from a Flink configuration instead.
 * {@link #build()} checks everything and says what is wrong. Not thread-safe.
 *
 * @param <T> the element type
 */
@PublicEvolving
public final class FloeSinkBuilder<T> extends FloeConnectionBuilder<FloeSinkBuilder<T>> {

    private FloeRecordSerializer<T> serializer;
    private FloePartitioner<T> partitioner;

    FloeSinkBuilder() {}

    /** The stream to write (required). */
    public FloeSinkBuilder<T> stream(String name) {
        StreamConfig.of(name, 1);
        return set(FloeSinkOptions.STREAM, name);
    }

    /** Partitions of the stream when the sink creates it; an existing stream must match. */
    public FloeSinkBuilder<T> partitions(int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        return set(FloeSinkOptions.PARTITIONS, partitions);
    }

    /** How elements become records (required); see {@link FloeRecordSerializers}. */
    public FloeSinkBuilder<T> serializer(FloeRecordSerializer<T> serializer) {
        this.serializer = Objects.requireNonNull(serializer, "serializer");
        return this;
    }

    /**
     * Which partition each record goes to; by default the one {@link FloeSinkOptions#PARTITIONER}
     * names ({@link FloePartitioners#bySubtask()}).
     */
    public FloeSinkBuilder<T> partitioner(FloePartitioner<T> partitioner) {
        this.partitioner = Objects.requireNonNull(partitioner, "partitioner");
        return this;
    }

    public FloeSinkBuilder<T> deliveryGuarantee(DeliveryGuarantee guarantee) {
        if (guarantee == DeliveryGuarantee.NONE) {
            throw new IllegalArgumentException(
                    "Floe sinks are EXACTLY_ONCE or AT_LEAST_ONCE; NONE saves nothing here");
        }
        return set(FloeSinkOptions.DELIVERY_GUARANTEE, guarantee);
    }

    public FloeSinkBuilder<T> createStreamIfAbsent(boolean create) {
        return set(FloeSinkOptions.CREATE_STREAM, create);
    }

    public FloeSinkBuilder<T> invalidRecords(InvalidRecordPolicy policy) {
        return set(FloeSinkOptions.INVALID_RECORDS, policy);
    }

    /** Local directory of the write-ahead logs. */
    public FloeSinkBuilder<T> walDirectory(String directory) {
        return set(FloeSinkOptions.WAL_DIRECTORY, directory);
    }

    /** Group commit: fsync when a record waited {@code maxWait} or {@code maxBytes} are pending. */
    public FloeSinkBuilder<T> groupCommit(Duration maxWait, MemorySize maxBytes) {
        set(FloeSinkOptions.WAL_GROUP_COMMIT_MAX_WAIT, maxWait);
        return set(FloeSinkOptions.WAL_GROUP_COMMIT_MAX_BYTES, maxBytes);
    }

    /** Tiering to Parquet: objects of about {@code targetSize}, or older than {@code maxAge}. */
    public FloeSinkBuilder<T> tiering(MemorySize targetSize, Duration maxAge) {
        set(FloeSinkOptions.TIER_TARGET_SIZE, targetSize);
        return set(FloeSinkOptions.TIER_MAX_SEGMENT_AGE, maxAge);
    }

    /** Checks the settings and builds the sink. */
    public FloeSink<T> build() {
        if (config.getOptional(FloeSinkOptions.STREAM).isEmpty()) {
            throw new IllegalArgumentException(
                    "Name the stream to write with stream(...) or " + FloeSinkOptions.STREAM.key());
        }
        if (serializer == null) {
            throw new IllegalArgumentException(
                    "Set a serializer, for example FloeRecordSerializers.bytes() or .strings()");
        }
        FloePartitioner<T> partitioner = this.partitioner;
        if (partitioner == null) {
            partitioner =
                    config.get(FloeSinkOptions.PARTITIONER) == FloeSinkOptions.Partitioning.KEY_HASH
                            ? FloePartitioners.byKeyHash()
                            : FloePartitioners.bySubtask();
        }
        if (!FloePartitioners.isBySubtask(partitioner)
                && config.getOptional(FloeSinkOptions.PARTITIONS).isEmpty()) {
            throw new IllegalArgumentException(
                    "A partitioner that routes records needs the number of partitions: set"
                            + " partitions(...) or "
                            + FloeSinkOptions.PARTITIONS.key());
        }
        try {
            SinkSettings.validate(config);
            FloeConnection.validate(config);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Invalid Floe sink: " + e.getMessage(), e);
        }
        return new FloeSink<>(new Configuration(config), serializer, partitioner);
    }
}
