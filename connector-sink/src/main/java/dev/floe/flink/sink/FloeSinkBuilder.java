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
    private FloePartitioner<T> customPartitioner;

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
     * How each record's partition is chosen ({@link FloeSinkOptions#PARTITIONER}); by default
     * {@link FloeRouting#bySubtask()}. Every mode but by-subtask needs {@link #partitions}.
     */
    public FloeSinkBuilder<T> routing(FloeRouting<T> routing) {
        Objects.requireNonNull(routing, "routing");
        this.customPartitioner = routing.partitioner();
        return set(FloeSinkOptions.PARTITIONER, routing.mode());
    }

    /**
     * Exactly-once (the default) or at-least-once; see {@link FloeSinkOptions#DELIVERY_GUARANTEE}.
     */
    public FloeSinkBuilder<T> deliveryGuarantee(DeliveryGuarantee guarantee) {
        if (guarantee == DeliveryGuarantee.NONE) {
            throw new IllegalArgumentException(
                    "Floe sinks are EXACTLY_ONCE or AT_LEAST_ONCE; NONE saves nothing here");
        }
        return set(FloeSinkOptions.DELIVERY_GUARANTEE, guarantee);
    }

    /**
     * Whether the writer creates the stream when it does not exist (the default), or fails at start
     * with a {@link FloeSetupException}: turn it off where streams are created ahead of the job, so
     * that a mistyped name cannot create a new stream. {@link FloeSinkOptions#CREATE_STREAM}.
     */
    public FloeSinkBuilder<T> createStreamIfAbsent(boolean create) {
        return set(FloeSinkOptions.CREATE_STREAM, create);
    }

    /**
     * What the sink does with an element it cannot write or route ({@link
     * FloeSinkOptions#INVALID_RECORDS}): fail the job (the default) or skip it.
     */
    public FloeSinkBuilder<T> invalidRecords(InvalidRecordPolicy policy) {
        return set(FloeSinkOptions.INVALID_RECORDS, policy);
    }

    /** Local directory of the write-ahead logs. */
    public FloeSinkBuilder<T> walDirectory(String directory) {
        return set(FloeSinkOptions.WAL_DIRECTORY, directory);
    }

    /** Tiering to Parquet: objects of about {@code targetSize}, or older than {@code maxAge}. */
    public FloeSinkBuilder<T> tiering(MemorySize targetSize, Duration maxAge) {
        set(FloeSinkOptions.TIER_TARGET_SIZE, targetSize);
        return set(FloeSinkOptions.TIER_MAX_SEGMENT_AGE, maxAge);
    }

    /**
     * Where committed segment objects are tiered into Parquet ({@link FloeSinkOptions#TIER_MODE}):
     * inline in the writer (the default), or by a separate {@link
     * dev.floe.flink.tiering.FloeTieringJob}.
     */
    public FloeSinkBuilder<T> tierMode(TierMode mode) {
        return set(FloeSinkOptions.TIER_MODE, mode);
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
        FloeRouting<T> routing = routing();
        if (routing.movesElements() && config.getOptional(FloeSinkOptions.PARTITIONS).isEmpty()) {
            throw new IllegalArgumentException(
                    routing.mode()
                            + " routing needs the number of partitions: set partitions(...) or "
                            + FloeSinkOptions.PARTITIONS.key());
        }
        try {
            SinkSettings.validate(config);
            FloeConnection.validate(config);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Invalid Floe sink: " + e.getMessage(), e);
        }
        return new FloeSink<>(new Configuration(config), serializer, routing);
    }

    private FloeRouting<T> routing() {
        return switch (config.get(FloeSinkOptions.PARTITIONER)) {
            case BY_SUBTASK -> FloeRouting.bySubtask();
            case KEY_HASH -> FloeRouting.byKeyHash();
            case CUSTOM -> {
                if (customPartitioner == null) {
                    throw new IllegalArgumentException(
                            FloeSinkOptions.PARTITIONER.key()
                                    + " = CUSTOM needs a partitioner: set"
                                    + " routing(FloeRouting.custom(...)) on the builder");
                }
                yield FloeRouting.custom(customPartitioner);
            }
        };
    }
}
