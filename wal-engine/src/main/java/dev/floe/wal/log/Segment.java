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

import java.io.IOException;
import java.nio.file.Path;

/**
 * One segment of a log as the writer and readers see it: its first offset, its current file (which
 * changes name when sealed) and its sparse index. Fields are published for concurrent readers; only
 * the log's IO owner changes them.
 */
final class Segment {

    final long startOffset;
    private volatile Path path;
    private volatile boolean sealed;
    private volatile long endOffset;
    private volatile OffsetIndex index;

    Segment(long startOffset, Path path, boolean sealed, long endOffset, OffsetIndex index) {
        this.startOffset = startOffset;
        this.path = path;
        this.sealed = sealed;
        this.endOffset = endOffset;
        this.index = index;
    }

    static Segment open(Path dir, long startOffset, int indexInterval) {
        return new Segment(
                startOffset,
                dir.resolve(SegmentFile.open(startOffset).fileName()),
                false,
                -1,
                new OffsetIndex(startOffset, indexInterval));
    }

    static Segment of(Path dir, SegmentFile file) {
        return new Segment(
                file.startOffset(),
                dir.resolve(file.fileName()),
                file.sealed(),
                file.sealed() ? file.endOffset() : -1,
                null);
    }

    Path path() {
        return path;
    }

    boolean sealed() {
        return sealed;
    }

    /** Offset after the last record, once sealed; -1 while open. */
    long endOffset() {
        return endOffset;
    }

    /** The in-memory index, or null when it has not been loaded. */
    OffsetIndex index() {
        return index;
    }

    Path indexPath() {
        return path.resolveSibling(SegmentFile.open(startOffset).indexFileName());
    }

    void replaceIndex(OffsetIndex rebuilt) {
        this.index = rebuilt;
    }

    void markSealed(Path sealedPath, long end) {
        this.path = sealedPath;
        this.endOffset = end;
        this.sealed = true;
    }

    void markOpen(Path openPath) {
        this.path = openPath;
        this.endOffset = -1;
        this.sealed = false;
    }

    /**
     * The byte position from which a scan reaches {@code offset}: from the in-memory index, else
     * from the index file of a sealed segment (loaded and kept), else the start of the file.
     */
    int seekPosition(long offset, int indexInterval) throws IOException {
        OffsetIndex current = index;
        if (current == null && sealed) {
            current =
                    OffsetIndex.load(indexPath(), startOffset, endOffset, indexInterval)
                            .orElse(null);
            index = current;
        }
        return current == null ? 0 : current.floorPosition(offset);
    }

    @Override
    public String toString() {
        return path.getFileName().toString();
    }
}
