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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.flink.sink.FloeSetupException;
import dev.floe.flink.sink.FloeSinkOptions;
import dev.floe.wal.tail.TailLimits;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

/** The tail endpoint's limits as the sink's options set them. */
class TailEndpointsTest {

    @Test
    void theDefaultsServeTwoHundredReaders() {
        TailLimits limits = TailEndpoints.limits(new Configuration());
        assertThat(limits).isEqualTo(TailLimits.defaults());
        assertThat(limits.maxConnections()).isGreaterThanOrEqualTo(200);
    }

    @Test
    void takesTheLimitsFromTheOptions() {
        Configuration config = new Configuration();
        config.set(FloeSinkOptions.TAIL_MAX_CONNECTIONS, 500);
        config.set(FloeSinkOptions.TAIL_MAX_LAG, Duration.ofSeconds(5));
        config.set(FloeSinkOptions.TAIL_WRITE_TIMEOUT, Duration.ofSeconds(2));
        config.set(FloeSinkOptions.TAIL_SERVING_THREADS, 4);
        assertThat(TailEndpoints.limits(config))
                .isEqualTo(new TailLimits(500, Duration.ofSeconds(5), Duration.ofSeconds(2), 4));
    }

    @Test
    void refusesALimitOutOfRangeNamingTheOptionAndValue() {
        Configuration connections = new Configuration();
        connections.set(FloeSinkOptions.TAIL_MAX_CONNECTIONS, 0);
        assertThatThrownBy(() -> TailEndpoints.limits(connections))
                .isInstanceOf(FloeSetupException.class)
                .hasMessage("floe.sink.tail.max-connections must be at least 1, got 0");
        Configuration lag = new Configuration();
        lag.set(FloeSinkOptions.TAIL_MAX_LAG, Duration.ZERO);
        assertThatThrownBy(() -> TailEndpoints.limits(lag))
                .isInstanceOf(FloeSetupException.class)
                .hasMessage("floe.sink.tail.max-lag must be positive, got PT0S");
    }
}
