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

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * The pauses of one retry loop: exponential from a first delay, doubling up to a cap, each cut by a
 * random part (the jitter) so that writers failing together do not retry together, and all within
 * an optional time budget. A {@link Policy} is the immutable recipe a component keeps; {@link
 * Policy#start()} begins one loop. Not thread-safe: one per loop.
 *
 * <pre>{@code
 * Backoff backoff = policy.start();
 * while (true) {
 *     try {
 *         return attempt();
 *     } catch (RetriableFloeException e) {
 *         if (!backoff.pause()) {
 *             throw e; // the budget is spent
 *         }
 *     }
 * }
 * }</pre>
 */
public final class Backoff {

    /** Waits; tests pass one that advances a manual clock instead. */
    @FunctionalInterface
    public interface Sleeper {
        /** Waits {@code duration}, or less if the caller is told to stop. */
        void sleep(Duration duration) throws InterruptedException;
    }

    /** Jitter unless a policy says otherwise: each pause is 80 to 100% of its delay. */
    public static final double DEFAULT_JITTER = 0.2;

    private static final Sleeper THREAD_SLEEP =
            d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);

    private final Policy policy;
    private final long startNanos;
    private long delayNanos;
    private int pauses;

    private Backoff(Policy policy) {
        this.policy = policy;
        this.startNanos = policy.nanoClock.getAsLong();
        this.delayNanos = policy.first.toNanos();
    }

    /**
     * A policy of pauses from {@code first}, doubling up to {@code max}, with {@link
     * #DEFAULT_JITTER}, without a budget, on the system clock and {@link Thread#sleep}.
     */
    public static Policy exponential(Duration first, Duration max) {
        return new Policy(first, max, DEFAULT_JITTER, null, System::nanoTime, THREAD_SLEEP);
    }

    /**
     * Pauses before the next attempt: the next delay less its jitter, and never past the budget.
     * Returns false, without pausing, once the budget is spent.
     *
     * @throws InterruptedException if the thread was interrupted while pausing
     */
    public boolean pause() throws InterruptedException {
        long pauseNanos = delayNanos - (long) (delayNanos * policy.jitter * random());
        if (policy.budget != null) {
            long leftNanos = policy.budget.toNanos() - elapsedNanos();
            if (leftNanos <= 0) {
                return false;
            }
            pauseNanos = Math.min(pauseNanos, leftNanos);
        }
        policy.sleeper.sleep(Duration.ofNanos(pauseNanos));
        pauses++;
        delayNanos = Math.min(policy.max.toNanos(), delayNanos * 2);
        return true;
    }

    /**
     * Like {@link #pause()}, for loops that cannot throw {@link InterruptedException}: an
     * interruption ends the loop, returning false with the thread's interrupt flag set.
     */
    public boolean pauseUnlessInterrupted() {
        try {
            return pause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The delay of the next pause before its jitter: for log messages. */
    public Duration nextDelay() {
        return Duration.ofNanos(delayNanos);
    }

    /** Pauses taken so far. */
    public int pauses() {
        return pauses;
    }

    /** Time since this loop started. */
    public Duration elapsed() {
        return Duration.ofNanos(elapsedNanos());
    }

    private long elapsedNanos() {
        return policy.nanoClock.getAsLong() - startNanos;
    }

    private double random() {
        return policy.jitter == 0 ? 0 : ThreadLocalRandom.current().nextDouble();
    }

    /** How the pauses of a retry loop grow and how long the loop may take. Immutable. */
    public static final class Policy {

        private final Duration first;
        private final Duration max;
        private final double jitter;
        private final Duration budget;
        private final LongSupplier nanoClock;
        private final Sleeper sleeper;

        private Policy(
                Duration first,
                Duration max,
                double jitter,
                Duration budget,
                LongSupplier nanoClock,
                Sleeper sleeper) {
            Objects.requireNonNull(first, "first");
            Objects.requireNonNull(max, "max");
            if (first.isNegative() || first.isZero()) {
                throw new IllegalArgumentException(
                        "the first delay must be positive, got " + first);
            }
            if (max.compareTo(first) < 0) {
                throw new IllegalArgumentException(
                        "the longest delay " + max + " is shorter than the first " + first);
            }
            if (!(jitter >= 0 && jitter < 1)) {
                throw new IllegalArgumentException("jitter must be in [0, 1), got " + jitter);
            }
            if (budget != null && budget.isNegative()) {
                throw new IllegalArgumentException(
                        "the budget must not be negative, got " + budget);
            }
            this.first = first;
            this.max = max;
            this.jitter = jitter;
            this.budget = budget;
            this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        }

        /** Each pause is cut by a random part of its delay, up to {@code fraction} (0 for none). */
        public Policy withJitter(double fraction) {
            return new Policy(first, max, fraction, budget, nanoClock, sleeper);
        }

        /** The loop ends once {@code budget} has passed since its start. */
        public Policy withBudget(Duration budget) {
            Objects.requireNonNull(budget, "budget");
            return new Policy(first, max, jitter, budget, nanoClock, sleeper);
        }

        /**
         * Time comes from {@code nanoClock}, monotonic nanoseconds like {@link System#nanoTime}.
         */
        public Policy withClock(LongSupplier nanoClock) {
            return new Policy(first, max, jitter, budget, nanoClock, sleeper);
        }

        /** Pauses go through {@code sleeper}. */
        public Policy withSleeper(Sleeper sleeper) {
            return new Policy(first, max, jitter, budget, nanoClock, sleeper);
        }

        /** How long a loop may take, or null for as long as it takes. */
        public Duration budget() {
            return budget;
        }

        /** Begins a retry loop: its budget counts from now. */
        public Backoff start() {
            return new Backoff(this);
        }

        @Override
        public String toString() {
            return "pauses from "
                    + first.toMillis()
                    + " ms doubling to "
                    + max.toMillis()
                    + " ms"
                    + (budget == null ? "" : " for up to " + budget.toMillis() + " ms");
        }
    }
}
