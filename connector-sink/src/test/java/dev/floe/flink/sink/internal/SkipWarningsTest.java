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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.util.clock.ManualClock;
import org.junit.jupiter.api.Test;

/** A flood of skipped elements costs one warning per interval, which counts the ones it hid. */
class SkipWarningsTest {

    private final ManualClock clock = new ManualClock();
    private final List<String> warnings = new ArrayList<>();
    private final SkipWarnings skips =
            new SkipWarnings(warnings::add, clock, Duration.ofSeconds(10));

    @Test
    void warnsAtOnceThenOncePerIntervalCountingTheSilentOnes() {
        skips.skipped(() -> "element 1");
        for (int i = 2; i <= 5; i++) {
            clock.advanceTime(Duration.ofSeconds(2));
            int element = i;
            skips.skipped(() -> "element " + element);
        }
        assertThat(warnings).containsExactly("element 1");

        clock.advanceTime(Duration.ofSeconds(2));
        skips.skipped(() -> "element 6");
        clock.advanceTime(Duration.ofSeconds(10));
        skips.skipped(() -> "element 7");

        assertThat(warnings)
                .containsExactly(
                        "element 1",
                        "element 6 (4 more skipped since the previous warning)",
                        "element 7");
    }

    @Test
    void buildsNoMessageForASkipItDoesNotLog() {
        skips.skipped(() -> "first");
        skips.skipped(
                () -> {
                    throw new AssertionError("built a message that is not logged");
                });
        assertThat(warnings).containsExactly("first");
    }
}
