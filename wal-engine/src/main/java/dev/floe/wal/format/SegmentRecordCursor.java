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

import dev.floe.wal.record.LoggedRecord;
import java.io.IOException;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Reads the records of an offset range of one segment object block by block, so that only one block
 * is in memory at a time. Checks that each block continues exactly where the previous one ended.
 * Not thread-safe. Obtain one from {@link SegmentObjectReader#cursor(long, long)}.
 */
public final class SegmentRecordCursor {

    private final SegmentObjectReader reader;
    private final long to;
    private int block;
    private long next;

    SegmentRecordCursor(SegmentObjectReader reader, int firstBlock, long from, long to) {
        this.reader = reader;
        this.block = firstBlock;
        this.next = from;
        this.to = to;
    }

    /** Whether records of the range remain. */
    public boolean hasNext() {
        return next < to;
    }

    /** Offset of the next record this cursor returns. */
    public long nextOffset() {
        return next;
    }

    /** Index in {@link SegmentObjectReader#blocks()} of the block the next call fetches. */
    public int nextBlock() {
        return block;
    }

    /**
     * Fetches the next block and returns its records within the range, at least one.
     *
     * @throws NoSuchElementException if the range is exhausted
     * @throws CorruptSegmentObjectException if the block fails validation or does not continue from
     *     the offset after the previous block's last record
     */
    public List<LoggedRecord> next() throws IOException {
        if (!hasNext()) {
            throw new NoSuchElementException(
                    "segment object " + reader.name() + ": the range ends at offset " + to);
        }
        SegmentBlockInfo info = reader.blocks().get(block);
        List<LoggedRecord> records = reader.readBlock(block, next, to);
        long expected = next;
        for (LoggedRecord r : records) {
            if (r.offset() != expected) {
                throw reader.corrupt(
                        info.position(),
                        block,
                        "record offset " + r.offset() + " does not follow " + (expected - 1));
            }
            expected++;
        }
        if (expected != Math.min(info.endOffset(), to)) {
            throw reader.corrupt(
                    info.position(),
                    block,
                    "the records of ["
                            + next
                            + ", "
                            + Math.min(info.endOffset(), to)
                            + ") end at "
                            + expected);
        }
        next = expected;
        block++;
        return records;
    }
}
