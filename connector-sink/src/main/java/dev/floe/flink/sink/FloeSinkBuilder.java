package dev.floe.flink.sink;

import dev.floe.flink.connection.FloeConnection;
import dev.floe.flink.connection.FloeConnectionOptions;
import dev.floe.flink.sink.internal.SinkSettings;
import dev.floe.wal.manifest.StreamConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
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
public final class FloeSinkBuilder<T> {

    private final Configuration config = new Configuration();
    private FloeRecordSerializer<T> serializer;
    private FloePartitioner<T> partitioner = FloePartitioners.bySubtask();

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

    /** Which partition each record goes to; {@link FloePartitioners#bySubtask()} by default. */
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

    /** Objects go to an S3-compatible store (MinIO, AWS) instead of the local directory. */
    public FloeSinkBuilder<T> s3(URI endpoint, String bucket) {
        set(
                FloeConnectionOptions.S3_ENDPOINT,
                Objects.requireNonNull(endpoint, "endpoint").toString());
        return set(FloeConnectionOptions.S3_BUCKET, bucket);
    }

    public FloeSinkBuilder<T> s3Credentials(String accessKey, String secretKey) {
        set(FloeConnectionOptions.S3_ACCESS_KEY, accessKey);
        return set(FloeConnectionOptions.S3_SECRET_KEY, secretKey);
    }

    /** The manifest goes to etcd instead of the embedded store. */
    public FloeSinkBuilder<T> etcd(String... endpoints) {
        return set(FloeConnectionOptions.ETCD_ENDPOINTS, List.of(endpoints));
    }

    /** Directory of the embedded object and manifest stores. */
    public FloeSinkBuilder<T> localPath(String directory) {
        return set(FloeConnectionOptions.LOCAL_PATH, directory);
    }

    /** Sets any sink or connection option. */
    public <V> FloeSinkBuilder<T> set(ConfigOption<V> option, V value) {
        Objects.requireNonNull(value, () -> option.key() + " must not be null");
        config.set(option, value);
        return this;
    }

    /** Takes every Floe option ({@code floe.*}) present in {@code options}; ignores others. */
    public FloeSinkBuilder<T> configure(Configuration options) {
        options.toMap()
                .forEach(
                        (key, value) -> {
                            if (key.startsWith("floe.")) {
                                config.setString(key, value);
                            }
                        });
        return this;
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
