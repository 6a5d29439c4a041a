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

/**
 * An object store operation failed; the message names the store, the key and what to check.
 * Retriable unless said otherwise: most failures of a store are a server or network that may
 * recover (5xx, throttling, timeouts, refused connections); those that cannot pass by themselves
 * (access denied, a missing bucket, a taken or missing key) are built as final. Immutable.
 *
 * <p>Checked, unlike {@link dev.floe.wal.error.FloeException}: every store call already declares
 * {@link IOException} (the local store's file system errors among them), so retry loops classify
 * both with {@link dev.floe.wal.error.FloeErrors#isRetriable(Throwable)}.
 */
public class ObjectStoreException extends IOException {
    private static final long serialVersionUID = 1L;

    private final boolean retriable;

    /** A failure that may pass by itself. */
    public ObjectStoreException(String message) {
        this(message, null, true);
    }

    /** A failure that may pass by itself. */
    public ObjectStoreException(String message, Throwable cause) {
        this(message, cause, true);
    }

    /**
     * @param retriable whether the same call may succeed later without anything being changed
     */
    public ObjectStoreException(String message, Throwable cause, boolean retriable) {
        super(message, cause);
        this.retriable = retriable;
    }

    /** Whether the same call may succeed later without anything being changed. */
    public boolean isRetriable() {
        return retriable;
    }
}
