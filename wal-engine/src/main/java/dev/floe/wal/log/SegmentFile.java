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

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of a segment file, which carries its state. Offsets are zero-padded to 20 digits so
 * names sort by offset:
 *
 * <ul>
 *   <li>open (still appended to): {@code 00000000000000000000.wal.open}
 *   <li>sealed (immutable, fsynced): {@code 00000000000000000000-00000000000000000999.wal}, with
 *       the first and the last offset it holds
 *   <li>its sparse offset index: {@code 00000000000000000000.idx}
 * </ul>
 *
 * Immutable.
 */
record SegmentFile(long startOffset, long lastOffset, boolean sealed) {

    private static final Pattern OPEN = Pattern.compile("(\\d{20})\\.wal\\.open");
    private static final Pattern SEALED = Pattern.compile("(\\d{20})-(\\d{20})\\.wal");

    static SegmentFile open(long startOffset) {
        return new SegmentFile(startOffset, -1, false);
    }

    static SegmentFile sealed(long startOffset, long lastOffset) {
        return new SegmentFile(startOffset, lastOffset, true);
    }

    static Optional<SegmentFile> parse(String fileName) {
        Matcher m = OPEN.matcher(fileName);
        if (m.matches()) {
            return Optional.of(open(Long.parseLong(m.group(1))));
        }
        m = SEALED.matcher(fileName);
        if (m.matches()) {
            return Optional.of(sealed(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))));
        }
        return Optional.empty();
    }

    String fileName() {
        return sealed
                ? String.format("%020d-%020d.wal", startOffset, lastOffset)
                : String.format("%020d.wal.open", startOffset);
    }

    String indexFileName() {
        return String.format("%020d.idx", startOffset);
    }

    /** Offset after the last record, for a sealed segment. */
    long endOffset() {
        return lastOffset + 1;
    }
}
