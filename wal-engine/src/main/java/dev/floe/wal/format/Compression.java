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

import java.util.Optional;

/** How the blocks of a segment object are compressed; the id is stored in the footer. */
public enum Compression {
    /** Blocks are stored as they are. */
    NONE(0),
    /** One Zstandard frame per block; the default. */
    ZSTD(1);

    private final int id;

    Compression(int id) {
        this.id = id;
    }

    /** The byte that names this codec in the footer. */
    public int id() {
        return id;
    }

    /** The codec with this id, if there is one. */
    public static Optional<Compression> fromId(int id) {
        for (Compression c : values()) {
            if (c.id == id) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
