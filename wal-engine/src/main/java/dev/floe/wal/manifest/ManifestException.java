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
package dev.floe.wal.manifest;

import dev.floe.wal.error.FloeException;

/**
 * A manifest operation failed and retrying it cannot help (a missing stream or partition, a request
 * the store refuses); the message names the store, the stream and the partition. A store that does
 * not answer is a {@link dev.floe.wal.manifest.kv.KvUnavailableException} instead, and a commit
 * whose outcome is unknown a {@link CommitStateUnknownException}. Immutable.
 */
public class ManifestException extends FloeException {
    private static final long serialVersionUID = 1L;

    public ManifestException(String message) {
        super(message);
    }

    public ManifestException(String message, Throwable cause) {
        super(message, cause);
    }
}
