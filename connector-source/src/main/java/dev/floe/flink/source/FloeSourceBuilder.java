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
package dev.floe.flink.source;

import dev.floe.flink.connection.FloeConnection;
import dev.floe.flink.connection.FloeConnectionBuilder;
import dev.floe.flink.source.FloeSourceOptions.StartMode;
import dev.floe.flink.source.FloeSourceOptions.StopMode;
import dev.floe.wal.manifest.StreamConfig;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
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
        return set(FloeSourceOptions.START_OFFSETS, offsetMap("start", offsets));
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

    /** Stop at the committed end seen when the job starts (a bounded source). */
    public FloeSourceBuilder<T> bounded() {
        return set(FloeSourceOptions.STOP, StopMode.COMMITTED_AT_START);
    }

    /** Follow new commits forever (the default; a continuous source). */
    public FloeSourceBuilder<T> unbounded() {
        return set(FloeSourceOptions.STOP, StopMode.UNBOUNDED);
    }

    /**
     * Stop the given partitions before the given offsets (a bounded source), the others at the
     * committed end seen when the job starts. An offset past the committed end waits for commits up
     * to it.
     */
    public FloeSourceBuilder<T> stopAtOffsets(Map<Integer, Long> offsets) {
        set(FloeSourceOptions.STOP, StopMode.OFFSETS);
        return set(FloeSourceOptions.STOP_OFFSETS, offsetMap("stop", offsets));
    }

    /**
     * Stop each partition after the committed objects holding records up to {@code time} (a bounded
     * source); see {@link FloeSourceOptions#STOP_TIMESTAMP}. {@code time} must be older than the
     * newest committed record when the job starts.
     */
    public FloeSourceBuilder<T> stopAtTimestamp(Instant time) {
        Objects.requireNonNull(time, "time");
        set(FloeSourceOptions.STOP, StopMode.TIMESTAMP);
        return set(FloeSourceOptions.STOP_TIMESTAMP, time.toEpochMilli());
    }

    /**
     * Reads only these value fields of a stream with an Avro value schema: Parquet objects read
     * only their columns. An Avro deserializer of GenericRecords ({@link
     * FloeDeserializers#avro(org.apache.avro.Schema)}, or flink-avro's through {@link
     * FloeDeserializers#of}) is bound to the projected schema, one of SpecificRecords is refused;
     * any other deserializer receives the projected schema's Avro encoding.
     */
    public FloeSourceBuilder<T> valueFields(String... fields) {
        if (fields.length == 0) {
            throw new IllegalArgumentException("valueFields(...) needs at least one field");
        }
        for (String f : fields) {
            if (f == null || f.isBlank()) {
                throw new IllegalArgumentException("valueFields(...) got an empty field name");
            }
        }
        return set(FloeSourceOptions.VALUE_FIELDS, List.of(fields));
    }

    /** Read only these partitions. */
    public FloeSourceBuilder<T> partitions(Integer... partitions) {
        if (partitions.length == 0) {
            throw new IllegalArgumentException("partitions(...) needs at least one partition");
        }
        for (Integer p : partitions) {
            if (p == null || p < 0) {
                throw new IllegalArgumentException("partition " + p + " is not a partition number");
            }
        }
        return set(FloeSourceOptions.PARTITIONS, List.of(partitions));
    }

    private static Map<String, String> offsetMap(String what, Map<Integer, Long> offsets) {
        Objects.requireNonNull(offsets, what + " offsets");
        if (offsets.isEmpty()) {
            throw new IllegalArgumentException("Give at least one partition's " + what + " offset");
        }
        Map<String, String> out = new TreeMap<>();
        new TreeMap<>(offsets)
                .forEach(
                        (p, offset) -> {
                            if (p == null || p < 0 || offset == null || offset < 0) {
                                throw new IllegalArgumentException(
                                        "A "
                                                + what
                                                + " offset needs a partition and an offset of 0 or"
                                                + " more, got "
                                                + p
                                                + ":"
                                                + offset);
                            }
                            out.put(String.valueOf(p), String.valueOf(offset));
                        });
        return out;
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
        checkOffsets(FloeSourceOptions.START_OFFSETS);
        StopMode stop = FloeSourceOptions.stopMode(config);
        if (stop == StopMode.OFFSETS) {
            if (config.getOptional(FloeSourceOptions.STOP_OFFSETS).isEmpty()) {
                throw new IllegalArgumentException(
                        "Stop OFFSETS needs " + FloeSourceOptions.STOP_OFFSETS.key());
            }
            checkOffsets(FloeSourceOptions.STOP_OFFSETS);
        }
        if (stop == StopMode.TIMESTAMP
                && config.getOptional(FloeSourceOptions.STOP_TIMESTAMP).isEmpty()) {
            throw new IllegalArgumentException(
                    "Stop TIMESTAMP needs " + FloeSourceOptions.STOP_TIMESTAMP.key());
        }
        if (stop == StopMode.TIMESTAMP
                && start == StartMode.TIMESTAMP
                && config.get(FloeSourceOptions.STOP_TIMESTAMP)
                        < config.get(FloeSourceOptions.START_TIMESTAMP)) {
            throw new IllegalArgumentException(
                    FloeSourceOptions.STOP_TIMESTAMP.key()
                            + " "
                            + config.get(FloeSourceOptions.STOP_TIMESTAMP)
                            + " is before "
                            + FloeSourceOptions.START_TIMESTAMP.key()
                            + " "
                            + config.get(FloeSourceOptions.START_TIMESTAMP));
        }
        if (config.get(FloeSourceOptions.CONSUMER_TTL).isNegative()
                || config.get(FloeSourceOptions.CONSUMER_TTL).isZero()) {
            throw new IllegalArgumentException(
                    FloeSourceOptions.CONSUMER_TTL.key() + " must be positive");
        }
        if (config.get(FloeSourceOptions.POLL_INTERVAL).isNegative()
                || config.get(FloeSourceOptions.POLL_INTERVAL).isZero()) {
            throw new IllegalArgumentException(
                    FloeSourceOptions.POLL_INTERVAL.key() + " must be positive");
        }
        for (ConfigOption<Long> option :
                List.of(
                        FloeSourceOptions.FROM_OFFSET,
                        FloeSourceOptions.UNTIL_OFFSET,
                        FloeSourceOptions.MAX_RECORDS_PER_PARTITION)) {
            if (config.getOptional(option).orElse(0L) < 0) {
                throw new IllegalArgumentException(
                        option.key() + " must be 0 or more, got " + config.get(option));
            }
        }
        config.getOptional(FloeSourceOptions.PARTITIONS)
                .ifPresent(
                        ps -> {
                            if (ps.isEmpty() || ps.stream().anyMatch(p -> p < 0)) {
                                throw new IllegalArgumentException(
                                        FloeSourceOptions.PARTITIONS.key()
                                                + " must list partition numbers of 0 or more, got "
                                                + ps);
                            }
                        });
        try {
            FloeConnection.validate(config);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Invalid Floe source: " + e.getMessage(), e);
        }
        FloeDeserializer<T> projecting =
                config.getOptional(FloeSourceOptions.VALUE_FIELDS)
                        .map(fields -> FloeDeserializers.projected(deserializer, fields))
                        .orElse(deserializer);
        return new FloeSource<>(new Configuration(config), projecting);
    }

    /** Checks that an offsets option, set with {@code set} or {@code configure}, is well formed. */
    private void checkOffsets(ConfigOption<Map<String, String>> option) {
        Map<String, String> offsets = config.getOptional(option).orElse(Map.of());
        for (Map.Entry<String, String> e : offsets.entrySet()) {
            try {
                if (Integer.parseInt(e.getKey().trim()) < 0
                        || Long.parseLong(e.getValue().trim()) < 0) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException bad) {
                throw new IllegalArgumentException(
                        option.key()
                                + " takes partition:offset pairs of numbers of 0 or more, such as"
                                + " '0:100,1:250'; got '"
                                + e.getKey()
                                + ":"
                                + e.getValue()
                                + "'");
            }
        }
    }
}
