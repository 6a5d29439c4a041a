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

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.flink.util.clock.RelativeClock;

/**
 * Warnings about elements a writer skips: the first at once, then at most one per interval, which
 * also says how many were skipped without a warning since the previous one. A flood of bad input
 * costs a line per interval, not a line per element. Used by the writer's thread only.
 */
final class SkipWarnings {

    static final Duration INTERVAL = Duration.ofSeconds(10);

    private final Consumer<String> warn;
    private final RelativeClock clock;
    private final long intervalNanos;
    private boolean warned;
    private long lastWarnedNanos;
    private long unwarned;

    SkipWarnings(Consumer<String> warn, RelativeClock clock, Duration interval) {
        this.warn = warn;
        this.clock = clock;
        this.intervalNanos = interval.toNanos();
    }

    /** One more skipped element; {@code message} is built only if it is logged. */
    void skipped(Supplier<String> message) {
        long now = clock.relativeTimeNanos();
        if (warned && now - lastWarnedNanos < intervalNanos) {
            unwarned++;
            return;
        }
        warn.accept(
                unwarned == 0
                        ? message.get()
                        : message.get()
                                + " ("
                                + unwarned
                                + " more skipped since the previous warning)");
        warned = true;
        lastWarnedNanos = now;
        unwarned = 0;
    }
}
