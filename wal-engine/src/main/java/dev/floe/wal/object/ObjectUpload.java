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
package dev.floe.wal.object;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One streaming, create-only upload. Bytes are buffered up to one part and sent as they arrive, so
 * memory stays bounded whatever the object's size. Nothing is visible until {@link #complete()}
 * returns; {@link #abort()} (or a failure) leaves no object. Not thread-safe: one writer thread.
 */
public interface ObjectUpload extends AutoCloseable {

    /** Appends the buffer's remaining bytes, advancing its position. */
    void write(ByteBuffer bytes) throws IOException;

    /** Appends bytes. */
    default void write(byte[] bytes, int offset, int length) throws IOException {
        write(ByteBuffer.wrap(bytes, offset, length));
    }

    /** Bytes written so far. */
    long size();

    /**
     * Makes the object visible under its key, create-only.
     *
     * @throws ObjectAlreadyExistsException if the key was taken meanwhile
     */
    ObjectInfo complete() throws IOException;

    /** Discards what was sent; safe to call more than once and after a failure. */
    void abort() throws IOException;

    /** Aborts unless {@link #complete()} succeeded. */
    @Override
    default void close() throws IOException {
        abort();
    }
}
