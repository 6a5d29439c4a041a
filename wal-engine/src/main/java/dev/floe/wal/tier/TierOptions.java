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
package dev.floe.wal.tier;

import dev.floe.wal.tier.parquet.ParquetObjectOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of tiering committed segment objects into Parquet objects. Immutable; build with {@link
 * #builder()}. Defaults are listed in {@code docs/configuration.md}.
 */
public final class TierOptions {

    private final long targetObjectBytes;
    private final Duration maxSegmentAge;
    private final Duration supersededGrace;
    private final int maxObjectsPerSwap;
    private final int maxPartitionsPerObject;
    private final ParquetObjectOptions parquet;
    private final TableCommits.Factory tableCommits;

    private TierOptions(Builder b) {
        this.targetObjectBytes = b.targetObjectBytes;
        this.maxSegmentAge = b.maxSegmentAge;
        this.supersededGrace = b.supersededGrace;
        this.maxObjectsPerSwap = b.maxObjectsPerSwap;
        this.maxPartitionsPerObject = b.maxPartitionsPerObject;
        this.parquet = b.parquet;
        this.tableCommits = b.tableCommits;
    }

    public static TierOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Segment bytes gathered into one Parquet object (128 MiB). */
    public long targetObjectBytes() {
        return targetObjectBytes;
    }

    /** Age of the oldest segment at which a smaller Parquet object is written anyway (10 min). */
    public Duration maxSegmentAge() {
        return maxSegmentAge;
    }

    /** How long replaced segment objects stay readable before deletion (15 min). */
    public Duration supersededGrace() {
        return supersededGrace;
    }

    /** Most segment objects replaced in one manifest transaction (50). */
    public int maxObjectsPerSwap() {
        return maxObjectsPerSwap;
    }

    /**
     * Most partitions whose small ranges a tiering pool writes into one shared Parquet object (64);
     * 1 writes every partition's own.
     */
    public int maxPartitionsPerObject() {
        return maxPartitionsPerObject;
    }

    public ParquetObjectOptions parquet() {
        return parquet;
    }

    /**
     * Whether a Parquet object built from a WAL must end at the seal boundary it reached, holding
     * {@code parquetBytes} and replacing {@code segmentObjects} segment objects: it reached the
     * target size, or as many segment objects as one swap may replace.
     */
    /** What each swap tells the stream's table (its Iceberg table); none by default. */
    public TableCommits.Factory tableCommits() {
        return tableCommits;
    }

    boolean objectFull(long parquetBytes, int segmentObjects) {
        return parquetBytes >= targetObjectBytes || segmentObjects >= maxObjectsPerSwap;
    }

    /** Builder of {@link TierOptions}; setters reject invalid values. Not thread-safe. */
    public static final class Builder {
        private long targetObjectBytes = 128L * 1024 * 1024;
        private Duration maxSegmentAge = Duration.ofMinutes(10);
        private Duration supersededGrace = Duration.ofMinutes(15);
        private int maxObjectsPerSwap = 50;
        private int maxPartitionsPerObject = 64;
        private ParquetObjectOptions parquet = ParquetObjectOptions.defaults();
        private TableCommits.Factory tableCommits = TableCommits.Factory.NONE;

        private Builder() {}

        /** Commits each swap to the stream's table, as {@code factory}'s commits do. */
        public Builder tableCommits(TableCommits.Factory factory) {
            this.tableCommits = Objects.requireNonNull(factory, "tableCommits");
            return this;
        }

        public Builder targetObjectBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException(
                        "targetObjectBytes must be positive, got " + bytes);
            }
            this.targetObjectBytes = bytes;
            return this;
        }

        public Builder maxSegmentAge(Duration age) {
            this.maxSegmentAge = notNegative("maxSegmentAge", age);
            return this;
        }

        public Builder supersededGrace(Duration grace) {
            this.supersededGrace = notNegative("supersededGrace", grace);
            return this;
        }

        public Builder maxObjectsPerSwap(int count) {
            if (count < 1 || count > 60) {
                throw new IllegalArgumentException(
                        "maxObjectsPerSwap must be between 1 and 60 (etcd allows 128 operations"
                                + " per transaction), got "
                                + count);
            }
            this.maxObjectsPerSwap = count;
            return this;
        }

        public Builder maxPartitionsPerObject(int count) {
            if (count < 1) {
                throw new IllegalArgumentException(
                        "maxPartitionsPerObject must be at least 1, got " + count);
            }
            this.maxPartitionsPerObject = count;
            return this;
        }

        public Builder parquet(ParquetObjectOptions options) {
            this.parquet = Objects.requireNonNull(options, "parquet options");
            return this;
        }

        public TierOptions build() {
            return new TierOptions(this);
        }

        private static Duration notNegative(String name, Duration d) {
            Objects.requireNonNull(d, name);
            if (d.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative, got " + d);
            }
            return d;
        }
    }
}
