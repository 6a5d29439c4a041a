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
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * Where a {@link SegmentObjectWriter} sends the bytes of an object as it produces them; an object
 * upload's {@code write(ByteBuffer)} is one. Thread-safety is the implementation's.
 */
@FunctionalInterface
public interface ByteSink {

    /**
     * Consumes all remaining bytes of the buffer, advancing its position. The caller may reuse the
     * buffer once this returns.
     */
    void write(ByteBuffer bytes) throws IOException;

    /** A sink that writes to a stream; the stream stays open. */
    static ByteSink of(OutputStream out) {
        return bytes -> {
            if (bytes.hasArray()) {
                out.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
                bytes.position(bytes.limit());
            } else {
                byte[] copy = new byte[bytes.remaining()];
                bytes.get(copy);
                out.write(copy);
            }
        };
    }
}
