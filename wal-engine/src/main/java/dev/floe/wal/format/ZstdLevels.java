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

import com.github.luben.zstd.Zstd;

/** Checks Zstandard compression levels against the bundled zstd's range. Stateless. */
public final class ZstdLevels {

    private ZstdLevels() {}

    /**
     * Returns {@code level} if zstd accepts it: from its minimum (negative, fastest) to 22.
     *
     * @throws IllegalArgumentException naming {@code option} otherwise
     */
    public static int check(String option, int level) {
        int min = Zstd.minCompressionLevel();
        int max = Zstd.maxCompressionLevel();
        if (level < min || level > max) {
            throw new IllegalArgumentException(
                    option + " must be between " + min + " and " + max + ", got " + level);
        }
        return level;
    }
}
