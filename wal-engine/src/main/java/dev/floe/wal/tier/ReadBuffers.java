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

/**
 * Sizes the read buffer of a log reader opened for a known range: a writer with many partitions
 * opens a reader per partition for each section and each Parquet object, most of them for a few
 * records, and a buffer of the log's full read size for each would cost more to allocate and clear
 * than the read. Stateless.
 */
final class ReadBuffers {

    private static final int MIN_BYTES = 16 * 1024;

    private ReadBuffers() {}

    /**
     * A buffer for about {@code bytes} of frames, with room to spare, from 16 KiB; the log caps it
     * at its own read buffer size.
     */
    static int forBytes(double bytes) {
        return (int) Math.max(MIN_BYTES, Math.min(Integer.MAX_VALUE, bytes * 1.25));
    }
}
