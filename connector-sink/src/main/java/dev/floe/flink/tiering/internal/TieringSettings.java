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
package dev.floe.flink.tiering.internal;

import dev.floe.flink.sink.FloeSinkOptions;
import dev.floe.flink.sink.internal.SinkSettings;
import dev.floe.flink.tiering.FloeTieringOptions;
import dev.floe.wal.manifest.ManifestKeys;
import dev.floe.wal.tier.TierOptions;
import java.time.Duration;
import java.util.List;
import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;

/**
 * The settings the tiering job's options describe, checked with messages that name the option. Used
 * by the builder to fail early and by the job at runtime. Stateless.
 */
@Internal
public final class TieringSettings {

    private TieringSettings() {}

    /** Checks every tiering option; throws {@link IllegalArgumentException} naming the bad one. */
    public static void validate(ReadableConfig config) {
        for (String stream : streams(config)) {
            try {
                ManifestKeys.checkStreamName(stream);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        FloeTieringOptions.STREAMS.key() + ": " + e.getMessage(), e);
            }
        }
        config.get(FloeTieringOptions.BOUNDED);
        positive(config, FloeTieringOptions.INTERVAL);
        positive(config, FloeTieringOptions.DISCOVERY_INTERVAL);
        positive(config, FloeTieringOptions.LEASE_TTL);
        tierOptions(config);
    }

    /** The streams to tier; empty for every stream of the namespace. */
    public static List<String> streams(ReadableConfig config) {
        return config.getOptional(FloeTieringOptions.STREAMS).orElse(List.of()).stream()
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .distinct()
                .toList();
    }

    static TierOptions tierOptions(ReadableConfig config) {
        try {
            return TierOptions.builder()
                    .targetObjectBytes(config.get(FloeTieringOptions.TARGET_SIZE).getBytes())
                    .maxSegmentAge(config.get(FloeTieringOptions.MAX_SEGMENT_AGE))
                    .supersededGrace(config.get(FloeTieringOptions.SUPERSEDED_GRACE))
                    // The job commits and reconciles tables; the sinks' maintenance expires them.
                    .tableCommits(
                            SinkSettings.tableCommits(
                                    config.get(FloeTieringOptions.ICEBERG),
                                    FloeSinkOptions.TIER_ICEBERG_SNAPSHOT_RETENTION.defaultValue()))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid Floe tiering option: " + e.getMessage(), e);
        }
    }

    private static void positive(ReadableConfig config, ConfigOption<Duration> option) {
        Duration d = config.get(option);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(option.key() + " must be positive, got " + d);
        }
    }
}
