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
package dev.floe.wal.error;

/**
 * The root of Floe's unchecked exceptions. An error of this type is final: the same call fails the
 * same way until something outside changes (a stream is created, a setting fixed, data repaired),
 * so no retry loop repeats it; {@link RetriableFloeException} marks the errors that may pass by
 * themselves. The message names what failed (store, stream, partition, offset, key) and what to do.
 * Immutable.
 *
 * @see FloeErrors#isRetriable(Throwable)
 */
public class FloeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public FloeException(String message) {
        super(message);
    }

    public FloeException(String message, Throwable cause) {
        super(message, cause);
    }
}
