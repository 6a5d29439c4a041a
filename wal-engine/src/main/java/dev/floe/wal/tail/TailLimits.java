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
package dev.floe.wal.tail;

import java.time.Duration;

/**
 * How many readers a {@link TailServer} serves and how far it lets one fall behind before cutting
 * it off, so that a slow reader never stalls the writer nor holds a connection, a thread and the
 * WAL file it reads without bound. Immutable.
 *
 * @param maxConnections readers served at once; one more is refused with {@code too many readers}
 * @param maxLag longest a reader may go without reaching the end of the log; then it is cut off
 *     with the reason and reads the committed records instead
 * @param writeTimeout longest one write to a reader's socket may block (its receive window stays
 *     full); then the connection is closed
 * @param servingThreads connections that read and encode records at once; the others wait their
 *     turn, so the endpoint takes at most this many cores from the writer however many readers
 *     there are
 */
public record TailLimits(
        int maxConnections, Duration maxLag, Duration writeTimeout, int servingThreads) {

    public static final int DEFAULT_MAX_CONNECTIONS = 256;
    public static final int DEFAULT_SERVING_THREADS = 2;
    public static final Duration DEFAULT_MAX_LAG = Duration.ofSeconds(30);
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(10);

    public TailLimits {
        if (maxConnections < 1) {
            throw new IllegalArgumentException(
                    "the tail endpoint's connection limit must be at least 1, got "
                            + maxConnections);
        }
        if (servingThreads < 1) {
            throw new IllegalArgumentException(
                    "the tail endpoint's serving threads must be at least 1, got "
                            + servingThreads);
        }
        if (maxLag.isNegative() || maxLag.isZero()) {
            throw new IllegalArgumentException(
                    "the tail endpoint's reader lag limit must be positive, got " + maxLag);
        }
        if (writeTimeout.isNegative() || writeTimeout.isZero()) {
            throw new IllegalArgumentException(
                    "the tail endpoint's write timeout must be positive, got " + writeTimeout);
        }
    }

    /** The defaults: 256 connections, 30 s of lag, 10 s for a blocked write, 2 serving threads. */
    public static TailLimits defaults() {
        return new TailLimits(
                DEFAULT_MAX_CONNECTIONS,
                DEFAULT_MAX_LAG,
                DEFAULT_WRITE_TIMEOUT,
                DEFAULT_SERVING_THREADS);
    }

    /** These limits with another connection limit. */
    public TailLimits withMaxConnections(int connections) {
        return new TailLimits(connections, maxLag, writeTimeout, servingThreads);
    }

    /** These limits with another lag limit. */
    public TailLimits withMaxLag(Duration lag) {
        return new TailLimits(maxConnections, lag, writeTimeout, servingThreads);
    }

    /** These limits with another number of serving threads. */
    public TailLimits withServingThreads(int threads) {
        return new TailLimits(maxConnections, maxLag, writeTimeout, threads);
    }

    /** These limits with another write timeout. */
    public TailLimits withWriteTimeout(Duration timeout) {
        return new TailLimits(maxConnections, maxLag, timeout, servingThreads);
    }
}
