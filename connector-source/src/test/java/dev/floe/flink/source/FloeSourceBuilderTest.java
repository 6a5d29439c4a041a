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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.flink.source.FloeSourceOptions.StartMode;
import dev.floe.flink.source.FloeSourceOptions.StopMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.flink.api.connector.source.Boundedness;
import org.junit.jupiter.api.Test;

/** What {@link FloeSourceBuilder} accepts, what it refuses and the boundedness it builds. */
class FloeSourceBuilderTest {

    @Test
    void everyStopButUnboundedIsBounded() {
        assertThat(builder().build().getBoundedness()).isEqualTo(Boundedness.CONTINUOUS_UNBOUNDED);
        assertThat(builder().bounded().build().getBoundedness()).isEqualTo(Boundedness.BOUNDED);
        assertThat(builder().stopAtOffsets(Map.of(0, 5L)).build().getBoundedness())
                .isEqualTo(Boundedness.BOUNDED);
        assertThat(builder().stopAtTimestamp(Instant.EPOCH).build().getBoundedness())
                .isEqualTo(Boundedness.BOUNDED);
        assertThat(builder().set(FloeSourceOptions.BOUNDED, true).build().getBoundedness())
                .isEqualTo(Boundedness.BOUNDED);
        assertThat(builder().bounded().unbounded().build().getBoundedness())
                .isEqualTo(Boundedness.CONTINUOUS_UNBOUNDED);
    }

    @Test
    void refusesNegativeOffsetRangesAndLimits() {
        assertThatThrownBy(() -> builder().set(FloeSourceOptions.FROM_OFFSET, -1L).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("floe.source.from-offset must be 0 or more, got -1");
        assertThatThrownBy(
                        () ->
                                builder()
                                        .set(FloeSourceOptions.MAX_RECORDS_PER_PARTITION, -5L)
                                        .build())
                .hasMessage("floe.source.max-records-per-partition must be 0 or more, got -5");
    }

    @Test
    void refusesMissingStreamOrDeserializer() {
        assertThatThrownBy(
                        () ->
                                FloeSource.<String>builder()
                                        .deserializer(FloeDeserializers.strings())
                                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("floe.source.stream");
        assertThatThrownBy(() -> FloeSource.<String>builder().stream("orders").build())
                .hasMessageContaining("Set a deserializer");
    }

    @Test
    void refusesStopModesWithoutTheirValues() {
        assertThatThrownBy(() -> builder().set(FloeSourceOptions.STOP, StopMode.OFFSETS).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Stop OFFSETS needs floe.source.stop.offsets");
        assertThatThrownBy(() -> builder().set(FloeSourceOptions.STOP, StopMode.TIMESTAMP).build())
                .hasMessage("Stop TIMESTAMP needs floe.source.stop.timestamp");
        assertThatThrownBy(() -> builder().set(FloeSourceOptions.START, StartMode.OFFSETS).build())
                .hasMessage("Start OFFSETS needs floe.source.start.offsets");
    }

    @Test
    void refusesMalformedOffsets() {
        assertThatThrownBy(() -> builder().stopAtOffsets(Map.of()))
                .hasMessage("Give at least one partition's stop offset");
        assertThatThrownBy(() -> builder().stopAtOffsets(Map.of(0, -1L)))
                .hasMessageContaining("got 0:-1");
        assertThatThrownBy(
                        () ->
                                builder()
                                        .set(FloeSourceOptions.STOP, StopMode.OFFSETS)
                                        .set(FloeSourceOptions.STOP_OFFSETS, Map.of("a", "1"))
                                        .build())
                .hasMessageContaining("floe.source.stop.offsets takes partition:offset pairs")
                .hasMessageContaining("got 'a:1'");
        assertThatThrownBy(
                        () ->
                                builder()
                                        .set(FloeSourceOptions.START, StartMode.OFFSETS)
                                        .set(FloeSourceOptions.START_OFFSETS, Map.of("0", "x"))
                                        .build())
                .hasMessageContaining("floe.source.start.offsets takes partition:offset pairs");
    }

    @Test
    void refusesAStopTimestampBeforeTheStartTimestamp() {
        assertThatThrownBy(
                        () ->
                                builder()
                                        .startFromTimestamp(Instant.ofEpochMilli(2000))
                                        .stopAtTimestamp(Instant.ofEpochMilli(1000))
                                        .build())
                .hasMessage(
                        "floe.source.stop.timestamp 1000 is before floe.source.start.timestamp"
                                + " 2000");
    }

    @Test
    void refusesBadPartitionsAndDurations() {
        assertThatThrownBy(() -> builder().partitions())
                .hasMessage("partitions(...) needs at least one partition");
        assertThatThrownBy(() -> builder().partitions(0, -2))
                .hasMessage("partition -2 is not a partition number");
        assertThatThrownBy(
                        () -> builder().set(FloeSourceOptions.POLL_INTERVAL, Duration.ZERO).build())
                .hasMessage("floe.source.poll-interval must be positive");
        assertThatThrownBy(
                        () ->
                                builder()
                                        .set(FloeSourceOptions.CONSUMER_TTL, Duration.ofSeconds(-1))
                                        .build())
                .hasMessage("floe.source.consumer-ttl must be positive");
    }

    private static FloeSourceBuilder<String> builder() {
        return FloeSource.<String>builder().stream("orders")
                .deserializer(FloeDeserializers.strings());
    }
}
