package dev.floe.flink.source;

import dev.floe.flink.connection.FloeConnection;
import dev.floe.flink.connection.FloeConnectionBuilder;
import dev.floe.flink.source.FloeSourceOptions.StartMode;
import dev.floe.wal.manifest.StreamConfig;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.Configuration;

/**
 * Builds a {@link FloeSource}. Every setting is one of {@link FloeSourceOptions} or {@link
 * dev.floe.flink.connection.FloeConnectionOptions}. {@link #build()} checks everything and says
 * what is wrong. Not thread-safe.
 *
 * @param <T> the element type
 */
@PublicEvolving
public final class FloeSourceBuilder<T> extends FloeConnectionBuilder<FloeSourceBuilder<T>> {

    private FloeDeserializer<T> deserializer;

    FloeSourceBuilder() {}

    /** The stream to read (required). */
    public FloeSourceBuilder<T> stream(String name) {
        StreamConfig.of(name, 1);
        return set(FloeSourceOptions.STREAM, name);
    }

    /** How records become elements (required); see {@link FloeDeserializers}. */
    public FloeSourceBuilder<T> deserializer(FloeDeserializer<T> deserializer) {
        this.deserializer = Objects.requireNonNull(deserializer, "deserializer");
        return this;
    }

    /** Start at the first offset still in the bucket (the default). */
    public FloeSourceBuilder<T> startFromEarliest() {
        return set(FloeSourceOptions.START, StartMode.EARLIEST);
    }

    /** Start at the committed end: only records committed after the job starts. */
    public FloeSourceBuilder<T> startFromLatest() {
        return set(FloeSourceOptions.START, StartMode.LATEST);
    }

    /** Start each partition at its first record with a timestamp at or after {@code time}. */
    public FloeSourceBuilder<T> startFromTimestamp(Instant time) {
        set(FloeSourceOptions.START, StartMode.TIMESTAMP);
        return set(FloeSourceOptions.START_TIMESTAMP, time.toEpochMilli());
    }

    /** Start the given partitions at the given offsets, the others at the earliest. */
    public FloeSourceBuilder<T> startFromOffsets(Map<Integer, Long> offsets) {
        set(FloeSourceOptions.START, StartMode.OFFSETS);
        return set(
                FloeSourceOptions.START_OFFSETS,
                new TreeMap<>(offsets)
                        .entrySet().stream()
                                .collect(
                                        Collectors.toMap(
                                                e -> String.valueOf(e.getKey()),
                                                e -> String.valueOf(e.getValue()))));
    }

    /**
     * Registers the reader as consumer {@code id}: positions are stored in the manifest when
     * checkpoints complete.
     */
    public FloeSourceBuilder<T> consumerId(String id) {
        return set(FloeSourceOptions.CONSUMER_ID, id);
    }

    /** Start at the positions stored for the consumer set with {@link #consumerId}. */
    public FloeSourceBuilder<T> startFromConsumer() {
        return set(FloeSourceOptions.START, StartMode.CONSUMER);
    }

    /** Which records to see; {@link FloeSourceOptions.Isolation#READ_COMMITTED} by default. */
    public FloeSourceBuilder<T> isolation(FloeSourceOptions.Isolation isolation) {
        return set(FloeSourceOptions.ISOLATION, isolation);
    }

    /** Stop at the committed end seen when the job starts. */
    public FloeSourceBuilder<T> bounded() {
        return set(FloeSourceOptions.BOUNDED, true);
    }

    /** Read only these partitions. */
    public FloeSourceBuilder<T> partitions(Integer... partitions) {
        return set(FloeSourceOptions.PARTITIONS, List.of(partitions));
    }

    /** Checks the settings and builds the source. */
    public FloeSource<T> build() {
        if (config.getOptional(FloeSourceOptions.STREAM).isEmpty()) {
            throw new IllegalArgumentException(
                    "Name the stream to read with stream(...) or "
                            + FloeSourceOptions.STREAM.key());
        }
        if (deserializer == null) {
            throw new IllegalArgumentException(
                    "Set a deserializer, for example FloeDeserializers.bytes() or .strings()");
        }
        StartMode start = config.get(FloeSourceOptions.START);
        if (start == StartMode.TIMESTAMP
                && config.getOptional(FloeSourceOptions.START_TIMESTAMP).isEmpty()) {
            throw new IllegalArgumentException(
                    "Start TIMESTAMP needs " + FloeSourceOptions.START_TIMESTAMP.key());
        }
        if (start == StartMode.OFFSETS
                && config.getOptional(FloeSourceOptions.START_OFFSETS).isEmpty()) {
            throw new IllegalArgumentException(
                    "Start OFFSETS needs " + FloeSourceOptions.START_OFFSETS.key());
        }
        if (start == StartMode.CONSUMER
                && config.getOptional(FloeSourceOptions.CONSUMER_ID).isEmpty()) {
            throw new IllegalArgumentException(
                    "Start CONSUMER needs " + FloeSourceOptions.CONSUMER_ID.key());
        }
        if (config.get(FloeSourceOptions.POLL_INTERVAL).isNegative()
                || config.get(FloeSourceOptions.POLL_INTERVAL).isZero()) {
            throw new IllegalArgumentException(
                    FloeSourceOptions.POLL_INTERVAL.key() + " must be positive");
        }
        config.getOptional(FloeSourceOptions.PARTITIONS);
        try {
            FloeConnection.validate(config);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Invalid Floe source: " + e.getMessage(), e);
        }
        return new FloeSource<>(new Configuration(config), deserializer);
    }
}
