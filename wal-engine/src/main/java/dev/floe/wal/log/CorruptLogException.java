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

import java.nio.file.Path;

/** Bytes in a segment file fail validation; names the file and the byte position. */
public class CorruptLogException extends WalException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long position;

    public CorruptLogException(Path file, long position, String problem) {
        super("Corrupt WAL segment " + file + " at byte " + position + ": " + problem);
        this.file = file;
        this.position = position;
    }

    public Path file() {
        return file;
    }

    public long position() {
        return position;
    }
}
