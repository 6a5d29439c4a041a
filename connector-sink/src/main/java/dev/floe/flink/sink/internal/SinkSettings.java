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
package dev.floe.flink.sink.internal;

import dev.floe.flink.connection.TlsOptions;
import dev.floe.flink.sink.FloeSinkOptions;
import dev.floe.flink.sink.TierMode;
import dev.floe.wal.iceberg.IcebergTables;
import dev.floe.wal.log.CorruptionPolicy;
import dev.floe.wal.log.WalOptions;
import dev.floe.wal.tier.TableCommits;
import dev.floe.wal.tier.TierOptions;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.connector.base.DeliveryGuarantee;

/**
 * The engine settings a sink's options describe, checked with messages that name the option. Used
 * by the builder to fail early and by the writer at runtime. Stateless.
 */
@Internal
public final class SinkSettings {

    private SinkSettings() {}

    /** Checks every sink option; throws {@link IllegalArgumentException} naming the bad one. */
    public static void validate(ReadableConfig config) {
        if (config.get(FloeSinkOptions.DELIVERY_GUARANTEE) == DeliveryGuarantee.NONE) {
            throw new IllegalArgumentException(
                    FloeSinkOptions.DELIVERY_GUARANTEE.key()
                            + " must be exactly-once or at-least-once");
        }
        config.get(FloeSinkOptions.INVALID_RECORDS);
        config.get(FloeSinkOptions.CREATE_STREAM);
        config.get(FloeSinkOptions.TIER_ENABLED);
        config.get(FloeSinkOptions.TIER_MODE);
        walOptions(config);
        walIoThreads(config);
        walBufferMemory(config);
        atLeast(config, FloeSinkOptions.TIER_PARTITIONS_PER_OBJECT, 1);
        tierOptions(config);
        sectionBytes(config);
        positive(config, FloeSinkOptions.LEASE_TTL);
        positive(config, FloeSinkOptions.COMMIT_TIMEOUT);
        positive(config, FloeSinkOptions.RESTORE_TIMEOUT);
        positive(config, FloeSinkOptions.TIER_INTERVAL);
        TlsOptions.of(
                config,
                null,
                FloeSinkOptions.TAIL_TLS_CERT_FILE,
                FloeSinkOptions.TAIL_TLS_KEY_FILE);
        atLeast(config, FloeSinkOptions.TIER_STREAMING_PARTITIONS, 0);
        atLeast(config, FloeSinkOptions.TIER_THREADS, 1);
        config.getOptional(FloeSinkOptions.PARTITIONS)
                .filter(n -> n < 1)
                .ifPresent(
                        n -> {
                            throw new IllegalArgumentException(
                                    FloeSinkOptions.PARTITIONS.key()
                                            + " must be at least 1, got "
                                            + n);
                        });
    }

    static WalOptions walOptions(ReadableConfig config) {
        return wrap(
                () ->
                        WalOptions.builder()
                                .syncPolicy(config.get(FloeSinkOptions.WAL_SYNC))
                                // Whatever a damaged log loses is in the bucket or replayed from
                                // the checkpoint.
                                .corruptionPolicy(CorruptionPolicy.TRUNCATE)
                                .groupCommitMaxWait(
                                        config.get(FloeSinkOptions.WAL_GROUP_COMMIT_MAX_WAIT))
                                .groupCommitMaxBytes(
                                        intBytes(
                                                config, FloeSinkOptions.WAL_GROUP_COMMIT_MAX_BYTES))
                                .segmentBytes(intBytes(config, FloeSinkOptions.WAL_SEGMENT_SIZE))
                                .maxRecordBytes(intBytes(config, FloeSinkOptions.MAX_RECORD_SIZE))
                                .backlogLimitBytes(
                                        config.get(FloeSinkOptions.WAL_BACKLOG_LIMIT).getBytes())
                                .build());
    }

    /** The threads of a writer's WAL IO pool. */
    /** Bytes a writer's WAL write buffers may grow by together. */
    static long walBufferMemory(ReadableConfig config) {
        long bytes = config.get(FloeSinkOptions.WAL_BUFFER_MEMORY).getBytes();
        if (bytes < 0) {
            throw new IllegalArgumentException(
                    FloeSinkOptions.WAL_BUFFER_MEMORY.key()
                            + " must not be negative, got "
                            + bytes);
        }
        return bytes;
    }

    static int walIoThreads(ReadableConfig config) {
        int threads = config.get(FloeSinkOptions.WAL_IO_THREADS);
        if (threads < 1) {
            throw new IllegalArgumentException(
                    FloeSinkOptions.WAL_IO_THREADS.key() + " must be at least 1, got " + threads);
        }
        return threads;
    }

    /** Whether the writer tiers its partitions: tiering is on and not left to a tiering job. */
    static boolean tiersInWriter(ReadableConfig config) {
        return config.get(FloeSinkOptions.TIER_ENABLED)
                && config.get(FloeSinkOptions.TIER_MODE) == TierMode.INLINE;
    }

    static TierOptions tierOptions(ReadableConfig config) {
        return wrap(
                () ->
                        TierOptions.builder()
                                .targetObjectBytes(
                                        config.get(FloeSinkOptions.TIER_TARGET_SIZE).getBytes())
                                .maxSegmentAge(config.get(FloeSinkOptions.TIER_MAX_SEGMENT_AGE))
                                .supersededGrace(config.get(FloeSinkOptions.TIER_SUPERSEDED_GRACE))
                                .maxPartitionsPerObject(
                                        config.get(FloeSinkOptions.TIER_PARTITIONS_PER_OBJECT))
                                .tableCommits(
                                        tableCommits(
                                                config.get(FloeSinkOptions.TIER_ICEBERG),
                                                config.get(
                                                        FloeSinkOptions
                                                                .TIER_ICEBERG_SNAPSHOT_RETENTION)))
                                .build());
    }

    /** The Iceberg commits of tierers, when {@code enabled}. */
    public static TableCommits.Factory tableCommits(boolean enabled, Duration snapshotRetention) {
        if (snapshotRetention.isNegative()) {
            throw new IllegalArgumentException(
                    FloeSinkOptions.TIER_ICEBERG_SNAPSHOT_RETENTION.key()
                            + " must not be negative, got "
                            + snapshotRetention);
        }
        return enabled ? IcebergTables.commits(snapshotRetention) : TableCommits.Factory.NONE;
    }

    /** Bytes a partition gathers before the writer stages them ahead of the checkpoint. */
    static long sectionBytes(ReadableConfig config) {
        long bytes = config.get(FloeSinkOptions.STAGING_SECTION_SIZE).getBytes();
        if (bytes < 1) {
            throw new IllegalArgumentException(
                    FloeSinkOptions.STAGING_SECTION_SIZE.key() + " must be positive, got " + bytes);
        }
        return bytes;
    }

    static Path walDirectory(ReadableConfig config, String stream, int partition) {
        return Path.of(config.get(FloeSinkOptions.WAL_DIRECTORY))
                .toAbsolutePath()
                .resolve(stream)
                .resolve(String.format("%05d", partition));
    }

    private static int intBytes(ReadableConfig config, ConfigOption<MemorySize> option) {
        long bytes = config.get(option).getBytes();
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    option.key() + " must be below 2 GiB, got " + config.get(option));
        }
        return (int) bytes;
    }

    private static void atLeast(ReadableConfig config, ConfigOption<Integer> option, int min) {
        int value = config.get(option);
        if (value < min) {
            throw new IllegalArgumentException(
                    option.key() + " must be at least " + min + ", got " + value);
        }
    }

    private static void positive(ReadableConfig config, ConfigOption<Duration> option) {
        Duration d = config.get(option);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(option.key() + " must be positive, got " + d);
        }
    }

    private static <T> T wrap(java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid Floe sink option: " + e.getMessage(), e);
        }
    }
}
