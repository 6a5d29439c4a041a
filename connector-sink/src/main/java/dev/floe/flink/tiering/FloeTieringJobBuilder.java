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
package dev.floe.flink.tiering;

import dev.floe.flink.connection.FloeConnection;
import dev.floe.flink.connection.FloeConnectionBuilder;
import dev.floe.flink.connection.FloeConnectionOptions;
import dev.floe.flink.tiering.internal.TieringSettings;
import java.time.Duration;
import java.util.List;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;

/**
 * Builds a {@link FloeTieringJob}. Every setting but the parallelism is one of {@link
 * FloeTieringOptions} or {@link FloeConnectionOptions}, so {@link #configure} can take them from a
 * Flink configuration instead. {@link #build()} checks everything and says what is wrong. Not
 * thread-safe.
 */
@PublicEvolving
public final class FloeTieringJobBuilder extends FloeConnectionBuilder<FloeTieringJobBuilder> {

    private int parallelism;

    FloeTieringJobBuilder() {}

    /** The streams to tier ({@link FloeTieringOptions#STREAMS}); by default every stream. */
    public FloeTieringJobBuilder streams(String... names) {
        return set(FloeTieringOptions.STREAMS, List.of(names));
    }

    /**
     * Whether the job ends once the partitions it found at its start are tiered and no writer holds
     * them ({@link FloeTieringOptions#BOUNDED}), or runs until cancelled (the default).
     */
    public FloeTieringJobBuilder bounded(boolean bounded) {
        return set(FloeTieringOptions.BOUNDED, bounded);
    }

    /** How often each subtask looks for due work ({@link FloeTieringOptions#INTERVAL}). */
    public FloeTieringJobBuilder interval(Duration interval) {
        return set(FloeTieringOptions.INTERVAL, interval);
    }

    /**
     * Parquet objects of about {@code targetSize}, or of segment objects older than {@code maxAge}.
     */
    public FloeTieringJobBuilder tiering(MemorySize targetSize, Duration maxAge) {
        set(FloeTieringOptions.TARGET_SIZE, targetSize);
        return set(FloeTieringOptions.MAX_SEGMENT_AGE, maxAge);
    }

    /** Subtasks that tier partitions; by default the environment's parallelism. */
    public FloeTieringJobBuilder parallelism(int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException(
                    "parallelism must be at least 1, got " + parallelism);
        }
        this.parallelism = parallelism;
        return this;
    }

    /** Checks the settings and builds the job. */
    public FloeTieringJob build() {
        try {
            TieringSettings.validate(config);
            FloeConnection.validate(config);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Invalid Floe tiering job: " + e.getMessage(), e);
        }
        return new FloeTieringJob(new Configuration(config), parallelism);
    }
}
