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
package dev.floe.flink.sink;

import dev.floe.wal.error.FloeException;
import org.apache.flink.annotation.PublicEvolving;

/**
 * An element the sink cannot write (null, failing to serialize, or too large); the message names
 * the stream, the subtask and the element's number in it. Final. Immutable.
 */
@PublicEvolving
public class FloeRecordException extends FloeException {

    private static final long serialVersionUID = 1L;

    public FloeRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
