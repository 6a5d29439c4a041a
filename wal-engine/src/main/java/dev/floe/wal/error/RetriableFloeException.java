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
 * A {@link FloeException} that may pass by itself: a store that did not answer, timed out or
 * throttled, a commit whose outcome is unknown (retrying it with the same commit id reads the
 * outcome back), a compare-and-set that kept losing a race. Retry loops retry these, with a {@link
 * dev.floe.wal.retry.Backoff} and within a time budget, and fail at once on every other error.
 * Immutable.
 */
public class RetriableFloeException extends FloeException {

    private static final long serialVersionUID = 1L;

    public RetriableFloeException(String message) {
        super(message);
    }

    public RetriableFloeException(String message, Throwable cause) {
        super(message, cause);
    }
}
