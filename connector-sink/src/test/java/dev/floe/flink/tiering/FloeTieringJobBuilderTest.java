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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.flink.connection.FloeConnectionOptions;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.junit.jupiter.api.Test;

/** What {@link FloeTieringJobBuilder} accepts, and what it says about what it does not. */
class FloeTieringJobBuilderTest {

    @Test
    void aJobIsNamedAfterWhatItTiers() {
        assertThat(FloeTieringJob.builder().build().name())
                .isEqualTo("Floe tiering of every stream");
        assertThat(
                        FloeTieringJob.builder()
                                .streams("orders", "payments")
                                .bounded(true)
                                .build()
                                .name())
                .isEqualTo("Floe tiering of orders, payments (bounded)");
        Configuration options = new Configuration();
        options.setString("floe.tiering.streams", "orders;clicks");
        options.setString("other.key", "ignored");
        assertThat(FloeTieringJob.builder().configure(options).build().name())
                .isEqualTo("Floe tiering of orders, clicks");
    }

    @Test
    void badSettingsAreRefusedNamingTheOption() {
        assertThatThrownBy(() -> FloeTieringJob.builder().streams("orders", "no such").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("floe.tiering.streams")
                .hasMessageContaining("'no such'");
        assertThatThrownBy(() -> FloeTieringJob.builder().interval(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("floe.tiering.interval must be positive");
        assertThatThrownBy(
                        () ->
                                FloeTieringJob.builder()
                                        .tiering(MemorySize.ZERO, Duration.ofMinutes(1))
                                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("targetObjectBytes must be positive");
        assertThatThrownBy(() -> FloeTieringJob.builder().parallelism(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parallelism must be at least 1");
        assertThatThrownBy(
                        () ->
                                FloeTieringJob.builder()
                                        .set(FloeConnectionOptions.S3_ENDPOINT, "http://s3:9000")
                                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("floe.s3.bucket");
    }
}
