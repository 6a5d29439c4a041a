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

import java.io.IOException;
import java.util.Arrays;

/**
 * Random access to the bytes of one stored object, which is all a {@link SegmentObjectReader}
 * needs: an object store's ranged read, a file, or bytes in memory. Implementations say whether
 * they are thread-safe.
 */
public interface RangeSource {

    /** Size of the object in bytes. */
    long size() throws IOException;

    /** Reads {@code length} bytes from {@code position}; fewer only where the object ends. */
    byte[] read(long position, int length) throws IOException;

    /** A source over bytes in memory, which it does not copy. Thread-safe. */
    static RangeSource of(byte[] bytes) {
        return new RangeSource() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public byte[] read(long position, int length) {
                if (position < 0 || length < 0) {
                    throw new IllegalArgumentException(
                            "cannot read " + length + " bytes at position " + position);
                }
                int from = (int) Math.min(position, bytes.length);
                return Arrays.copyOfRange(
                        bytes, from, (int) Math.min(from + (long) length, bytes.length));
            }
        };
    }
}
