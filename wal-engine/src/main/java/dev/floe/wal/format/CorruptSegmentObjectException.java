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

import dev.floe.wal.error.FloeException;

/**
 * Bytes of a segment object fail validation; names the object, the byte position and the problem.
 * Final for retry loops: reading again helps only if the bytes were damaged in transit, and if the
 * error repeats the stored object is damaged. Immutable.
 */
public class CorruptSegmentObjectException extends FloeException {
    private static final long serialVersionUID = 1L;

    private final String object;
    private final long position;

    public CorruptSegmentObjectException(String object, long position, String problem) {
        super("Corrupt segment object " + object + " at byte " + position + ": " + problem);
        this.object = object;
        this.position = position;
    }

    /** The name the reader was given for the object, usually its key. */
    public String object() {
        return object;
    }

    /** Position in the object of the part that failed. */
    public long position() {
        return position;
    }
}
