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
package dev.floe.wal.tier.parquet;

import dev.floe.wal.error.FloeException;

/**
 * A Parquet object could not be written or read as Floe's format requires; the message names the
 * object, the offset involved and what to check. Final. Immutable.
 */
public class ParquetObjectException extends FloeException {
    private static final long serialVersionUID = 1L;

    public ParquetObjectException(String message) {
        super(message);
    }

    public ParquetObjectException(String message, Throwable cause) {
        super(message, cause);
    }
}
