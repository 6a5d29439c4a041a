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
package dev.floe.wal.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pauses a retry loop takes, on a manual clock that only its pauses move. */
class BackoffTest {

    private long nanos = 1_000_000_000L;
    private final List<Duration> slept = new ArrayList<>();

    private Backoff.Policy policy(Duration first, Duration max) {
        return Backoff.exponential(first, max)
                .withClock(() -> nanos)
                .withSleeper(
                        d -> {
                            slept.add(d);
                            nanos += d.toNanos();
                        });
    }

    @Test
    void doublesUpToTheCapWithoutABudget() throws Exception {
        Backoff backoff = policy(ms(50), ms(1000)).withJitter(0).start();
        for (int i = 0; i < 8; i++) {
            assertThat(backoff.pause()).isTrue();
        }
        assertThat(slept)
                .containsExactly(
                        ms(50), ms(100), ms(200), ms(400), ms(800), ms(1000), ms(1000), ms(1000));
        assertThat(backoff.pauses()).isEqualTo(8);
        assertThat(backoff.elapsed()).isEqualTo(ms(4550));
    }

    @Test
    void cutsTheLastPauseToTheBudgetAndThenStops() throws Exception {
        Backoff backoff = policy(ms(100), ms(1000)).withJitter(0).withBudget(ms(450)).start();
        assertThat(backoff.pause()).isTrue();
        assertThat(backoff.pause()).isTrue();
        nanos += ms(20).toNanos(); // an attempt that took time
        assertThat(backoff.pause()).isTrue();
        assertThat(backoff.pause()).isFalse();
        assertThat(slept).containsExactly(ms(100), ms(200), ms(130));
        assertThat(backoff.elapsed()).isEqualTo(ms(450));
    }

    @Test
    void aSpentBudgetStopsBeforeAnyPause() throws Exception {
        assertThat(policy(ms(10), ms(10)).withBudget(Duration.ZERO).start().pause()).isFalse();
        Backoff backoff = policy(ms(10), ms(10)).withBudget(ms(100)).start();
        nanos += ms(100).toNanos();
        assertThat(backoff.pause()).isFalse();
        assertThat(slept).isEmpty();
    }

    @Test
    void jitterShortensEachPauseByUpToItsFraction() throws Exception {
        Backoff backoff = policy(ms(1000), ms(1000)).withJitter(0.25).start();
        for (int i = 0; i < 200; i++) {
            backoff.pause();
        }
        assertThat(slept).allSatisfy(d -> assertThat(d).isBetween(ms(750), ms(1000)));
        assertThat(slept.stream().distinct().count()).as("pauses differ").isGreaterThan(1);
        assertThat(backoff.nextDelay()).isEqualTo(ms(1000));
    }

    @Test
    void eachLoopStartsAgainFromTheFirstDelay() throws Exception {
        Backoff.Policy p = policy(ms(10), ms(1000)).withJitter(0).withBudget(ms(100));
        Backoff first = p.start();
        first.pause();
        first.pause();
        Backoff second = p.start();
        assertThat(second.nextDelay()).isEqualTo(ms(10));
        assertThat(second.pause()).isTrue();
        assertThat(slept).containsExactly(ms(10), ms(20), ms(10));
    }

    @Test
    void anInterruptionEndsTheLoop() {
        Backoff.Policy interrupted =
                Backoff.exponential(ms(10), ms(10))
                        .withSleeper(
                                d -> {
                                    throw new InterruptedException("stop");
                                });
        assertThatThrownBy(() -> interrupted.start().pause())
                .isInstanceOf(InterruptedException.class);
        try {
            assertThat(interrupted.start().pauseUnlessInterrupted()).isFalse();
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void refusesPoliciesThatMakeNoSense() {
        assertThatThrownBy(() -> Backoff.exponential(Duration.ZERO, ms(10)))
                .hasMessageContaining("first delay must be positive");
        assertThatThrownBy(() -> Backoff.exponential(ms(10), ms(5)))
                .hasMessageContaining("shorter than the first");
        assertThatThrownBy(() -> Backoff.exponential(ms(10), ms(10)).withJitter(1))
                .hasMessageContaining("jitter must be in [0, 1)");
        assertThatThrownBy(() -> Backoff.exponential(ms(10), ms(10)).withBudget(ms(-1)))
                .hasMessageContaining("must not be negative");
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
