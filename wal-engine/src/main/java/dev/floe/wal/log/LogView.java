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

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What a {@link TailReader} needs to know of a log: its segments, how far it may read, and a way to
 * wait for more. Implemented for a reader in the writer's process (exact positions and
 * notifications) and for a reader in any process (directory listing and polling). Thread-safe.
 */
interface LogView extends java.io.Closeable {

    Path directory();

    /** The current segments, oldest first. */
    List<Segment> segments() throws IOException;

    /** Offset up to which records may be read, or {@link Long#MAX_VALUE} if only the bytes tell. */
    long readableEnd(ReadLimit limit) throws IOException;

    /** Changes whenever the log is truncated; constant when unknown. */
    long truncations();

    /**
     * Whether every frame below the readable end is complete on disk, so a bad frame there is
     * corruption. False for another process, where the newest bytes may still be being written.
     */
    boolean bytesBelowEndAreComplete();

    /** Waits until the readable end moves from {@code seenEnd}, or the timeout passes. */
    void awaitChange(ReadLimit limit, long seenEnd, long timeoutNanos)
            throws InterruptedException, IOException;

    @Override
    default void close() throws IOException {}
}
