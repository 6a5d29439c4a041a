package dev.floe.wal.manifest.kv;

import java.time.Duration;

/**
 * Exponential pauses (50 ms doubling up to 1 s) within a time budget, for retries against a store
 * that does not answer. Not thread-safe: one per retry loop.
 */
public final class Backoff {

    private static final long FIRST_MILLIS = 50;
    private static final long MAX_MILLIS = 1_000;

    private final long deadlineNanos;
    private long delayMillis = FIRST_MILLIS;

    Backoff(Duration budget) {
        this.deadlineNanos = System.nanoTime() + budget.toNanos();
    }

    /** Pauses before the next attempt; false (without pausing) once the budget is spent. */
    boolean pause() {
        long remainingMillis = (deadlineNanos - System.nanoTime()) / 1_000_000;
        if (remainingMillis <= 0) {
            return false;
        }
        try {
            Thread.sleep(Math.min(delayMillis, remainingMillis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        delayMillis = Math.min(delayMillis * 2, MAX_MILLIS);
        return true;
    }
}
