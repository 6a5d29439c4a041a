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

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of one write-ahead log. Immutable and thread-safe; build with {@link #builder()}. Every
 * setting, its default and its meaning are listed in {@code docs/configuration.md}.
 */
public final class WalOptions {

    static final int MIN_SEGMENT_BYTES = 4 * 1024;
    static final int MAX_SEGMENT_BYTES = 1024 * 1024 * 1024;

    private final SyncPolicy syncPolicy;
    private final Duration groupCommitMaxWait;
    private final int groupCommitMaxBytes;
    private final int segmentBytes;
    private final Duration segmentMaxAge;
    private final int maxRecordBytes;
    private final int indexIntervalBytes;
    private final int writeBufferBytes;
    private final int readBufferBytes;
    private final Duration readerPollInterval;
    private final CorruptionPolicy corruptionPolicy;
    private final long backlogLimitBytes;
    private final Clock clock;

    private WalOptions(Builder b) {
        this.syncPolicy = b.syncPolicy;
        this.groupCommitMaxWait = b.groupCommitMaxWait;
        this.groupCommitMaxBytes = b.groupCommitMaxBytes;
        this.segmentBytes = b.segmentBytes;
        this.segmentMaxAge = b.segmentMaxAge;
        this.maxRecordBytes = b.maxRecordBytes;
        this.indexIntervalBytes = b.indexIntervalBytes;
        this.writeBufferBytes = b.writeBufferBytes;
        this.readBufferBytes = b.readBufferBytes;
        this.readerPollInterval = b.readerPollInterval;
        this.corruptionPolicy = b.corruptionPolicy;
        this.backlogLimitBytes = b.backlogLimitBytes;
        this.clock = b.clock;
    }

    public static WalOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.syncPolicy = syncPolicy;
        b.groupCommitMaxWait = groupCommitMaxWait;
        b.groupCommitMaxBytes = groupCommitMaxBytes;
        b.segmentBytes = segmentBytes;
        b.segmentMaxAge = segmentMaxAge;
        b.maxRecordBytes = maxRecordBytes;
        b.indexIntervalBytes = indexIntervalBytes;
        b.writeBufferBytes = writeBufferBytes;
        b.readBufferBytes = readBufferBytes;
        b.readerPollInterval = readerPollInterval;
        b.corruptionPolicy = corruptionPolicy;
        b.backlogLimitBytes = backlogLimitBytes;
        b.clock = clock;
        return b;
    }

    public SyncPolicy syncPolicy() {
        return syncPolicy;
    }

    public Duration groupCommitMaxWait() {
        return groupCommitMaxWait;
    }

    public int groupCommitMaxBytes() {
        return groupCommitMaxBytes;
    }

    public int segmentBytes() {
        return segmentBytes;
    }

    public Duration segmentMaxAge() {
        return segmentMaxAge;
    }

    public int maxRecordBytes() {
        return maxRecordBytes;
    }

    public int indexIntervalBytes() {
        return indexIntervalBytes;
    }

    public int writeBufferBytes() {
        return writeBufferBytes;
    }

    public int readBufferBytes() {
        return readBufferBytes;
    }

    public Duration readerPollInterval() {
        return readerPollInterval;
    }

    public CorruptionPolicy corruptionPolicy() {
        return corruptionPolicy;
    }

    /** Unreleased bytes at which appends block (slowing from half of it); 0 for no limit. */
    public long backlogLimitBytes() {
        return backlogLimitBytes;
    }

    public Clock clock() {
        return clock;
    }

    /** Largest frame the log writes or accepts: one maximal record plus frame overhead. */
    int maxFrameBytes() {
        return maxRecordBytes + dev.floe.wal.format.RecordFrame.FRAME_OVERHEAD;
    }

    /** Capacity of each of the two write buffers: large enough for the largest frame. */
    int writeBufferCapacity() {
        return Math.max(writeBufferBytes, maxFrameBytes());
    }

    /**
     * Builder of {@link WalOptions}; each setter rejects an invalid value at once. Not thread-safe.
     */
    public static final class Builder {
        /** Longest duration the log can count in nanoseconds. */
        private static final Duration MAX_DURATION = Duration.ofNanos(Long.MAX_VALUE);

        private SyncPolicy syncPolicy = SyncPolicy.GROUP;
        private Duration groupCommitMaxWait = Duration.ofMillis(2);
        private int groupCommitMaxBytes = 1024 * 1024;
        private int segmentBytes = 64 * 1024 * 1024;
        private Duration segmentMaxAge = Duration.ofHours(1);
        private int maxRecordBytes = 1024 * 1024;
        private int indexIntervalBytes = 4096;
        private int writeBufferBytes = 1024 * 1024;
        private int readBufferBytes = 256 * 1024;
        private Duration readerPollInterval = Duration.ofMillis(5);
        private CorruptionPolicy corruptionPolicy = CorruptionPolicy.FAIL;
        private long backlogLimitBytes;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        public Builder syncPolicy(SyncPolicy policy) {
            this.syncPolicy = Objects.requireNonNull(policy, "syncPolicy");
            return this;
        }

        /**
         * Longest a record waits for its group-commit fsync (GROUP), or to become visible (NONE; at
         * least 16 µs per log on the log's IO pool, so that many logs write a bounded number of
         * times per second).
         */
        public Builder groupCommitMaxWait(Duration maxWait) {
            this.groupCommitMaxWait = positive("groupCommitMaxWait", maxWait);
            return this;
        }

        /** Pending bytes that trigger a group commit before {@code max-wait} has passed. */
        public Builder groupCommitMaxBytes(int bytes) {
            this.groupCommitMaxBytes = atLeast("groupCommitMaxBytes", bytes, 1);
            return this;
        }

        /** Size at which the open segment is sealed and a new one started. */
        public Builder segmentBytes(int bytes) {
            if (bytes < MIN_SEGMENT_BYTES || bytes > MAX_SEGMENT_BYTES) {
                throw new IllegalArgumentException(
                        "segmentBytes must be between "
                                + MIN_SEGMENT_BYTES
                                + " and "
                                + MAX_SEGMENT_BYTES
                                + ", got "
                                + bytes);
            }
            this.segmentBytes = bytes;
            return this;
        }

        /** Age at which the open segment is sealed on the next append. */
        public Builder segmentMaxAge(Duration age) {
            this.segmentMaxAge = positive("segmentMaxAge", age);
            return this;
        }

        /** Largest encoded record (key, value, headers and 18 bytes of framing). */
        public Builder maxRecordBytes(int bytes) {
            this.maxRecordBytes = atLeast("maxRecordBytes", bytes, 64);
            return this;
        }

        /** Bytes between two entries of the sparse offset index. */
        public Builder indexIntervalBytes(int bytes) {
            this.indexIntervalBytes = atLeast("indexIntervalBytes", bytes, 64);
            return this;
        }

        /** Size of each of the writer's two buffers (raised to fit the largest record). */
        public Builder writeBufferBytes(int bytes) {
            this.writeBufferBytes = atLeast("writeBufferBytes", bytes, 4096);
            return this;
        }

        /** Read buffer of each tail reader (grows to fit a larger frame). */
        public Builder readBufferBytes(int bytes) {
            this.readBufferBytes = atLeast("readBufferBytes", bytes, 4096);
            return this;
        }

        /** How often a waiting reader checks for new data without a notification. */
        public Builder readerPollInterval(Duration interval) {
            this.readerPollInterval = positive("readerPollInterval", interval);
            return this;
        }

        public Builder corruptionPolicy(CorruptionPolicy policy) {
            this.corruptionPolicy = Objects.requireNonNull(policy, "corruptionPolicy");
            return this;
        }

        /**
         * Bytes appended but not yet {@linkplain WriteAheadLog#release released} (for example not
         * yet uploaded) at which appends block; they slow down from half of it. 0 (the default)
         * means no limit.
         */
        public Builder backlogLimitBytes(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException(
                        "backlogLimitBytes must not be negative, got " + bytes);
            }
            this.backlogLimitBytes = bytes;
            return this;
        }

        /** Clock for segment ages; tests pass a manual one. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public WalOptions build() {
            // In long: maxRecordBytes near Integer.MAX_VALUE must not wrap around and pass.
            if (segmentBytes
                    < (long) maxRecordBytes + dev.floe.wal.format.RecordFrame.FRAME_OVERHEAD) {
                throw new IllegalArgumentException(
                        "segmentBytes ("
                                + segmentBytes
                                + ") must hold at least one record of maxRecordBytes ("
                                + maxRecordBytes
                                + ")");
            }
            return new WalOptions(this);
        }

        private static Duration positive(String name, Duration d) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + d);
            }
            if (d.compareTo(MAX_DURATION) > 0) {
                throw new IllegalArgumentException(
                        name + " must be at most " + MAX_DURATION + " (about 292 years), got " + d);
            }
            return d;
        }

        private static int atLeast(String name, int value, int min) {
            if (value < min) {
                throw new IllegalArgumentException(
                        name + " must be at least " + min + ", got " + value);
            }
            return value;
        }
    }
}
