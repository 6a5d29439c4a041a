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
package dev.floe.wal.log;

import java.util.ArrayDeque;

/**
 * Bytes appended to a log but not yet released by whoever copies them elsewhere (the uploader to
 * the bucket), and the backpressure that follows from a limit: appends slow down once half the
 * limit is used and block at the limit. Counts from samples taken every 1/256 of the limit (at
 * least 64 KiB), so it may overstate the backlog by that much; records already in the log when it
 * is opened do not count. Guarded by the log's lock.
 */
final class Backlog {

    private static final long MAX_SLOWDOWN_NANOS = 2_000_000;

    private final long limitBytes;
    private final long sampleEvery;
    private final ArrayDeque<long[]> samples = new ArrayDeque<>();
    private long appendedBytes;
    private long releasedBytes;
    private long releasedOffset;
    private long lastSampleBytes;

    /**
     * @param limitBytes the limit, or 0 for none (then nothing is tracked)
     */
    Backlog(long limitBytes, long startOffset) {
        this.limitBytes = limitBytes;
        this.sampleEvery = Math.max(64 * 1024, limitBytes / 256);
        this.releasedOffset = startOffset;
    }

    boolean limited() {
        return limitBytes > 0;
    }

    /** Notes a frame of {@code bytes} ending before offset {@code end}. */
    void appended(long end, int bytes) {
        if (!limited()) {
            return;
        }
        appendedBytes += bytes;
        if (appendedBytes - lastSampleBytes >= sampleEvery) {
            samples.addLast(new long[] {end, appendedBytes});
            lastSampleBytes = appendedBytes;
        }
    }

    /** Records below {@code offset} no longer count. */
    void release(long offset) {
        releasedOffset = Math.max(releasedOffset, offset);
        while (!samples.isEmpty() && samples.peekFirst()[0] <= releasedOffset) {
            releasedBytes = samples.pollFirst()[1];
        }
    }

    /** Everything appended before {@code offset} was truncated away or released. */
    void truncated(long offset) {
        samples.removeIf(s -> s[0] > offset);
        appendedBytes = samples.isEmpty() ? releasedBytes : samples.peekLast()[1];
        lastSampleBytes = appendedBytes;
    }

    long bytes() {
        return appendedBytes - releasedBytes;
    }

    /** Whether appends are being slowed down or blocked: the backlog is at half its limit. */
    boolean pressed() {
        return limited() && bytes() >= limitBytes / 2;
    }

    boolean full() {
        return limited() && bytes() >= limitBytes;
    }

    /** How long an append should wait before it proceeds: 0 below half the limit. */
    long slowdownNanos() {
        if (!pressed()) {
            return 0;
        }
        double fill = (bytes() - limitBytes / 2.0) / (limitBytes / 2.0);
        return (long) (Math.min(1.0, fill) * MAX_SLOWDOWN_NANOS);
    }
}
