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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.wal.format.SegmentObjects.CountingSource;
import dev.floe.wal.record.LoggedRecord;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class SegmentObjectRangedReadTest {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentObjectRangedReadTest.class);

    private static final long START = 1_000;
    private static final int COUNT = 20_000;

    private static List<LoggedRecord> records;
    private static byte[] object;

    private CountingSource source;
    private SegmentObjectReader reader;

    @BeforeAll
    static void writeObject() throws Exception {
        records = SegmentObjects.records(START, COUNT, new Random(5), 20_000);
        object = SegmentObjects.write(SegmentObjects.options(Compression.ZSTD, 4096), records);
    }

    @BeforeEach
    void open() throws Exception {
        source = new CountingSource(object);
        reader = SegmentObjectReader.open("ranged.seg", source);
        assertThat(source.count()).as("footer, then index").isEqualTo(2);
        assertThat(reader.blocks()).hasSizeGreaterThan(100);
        source.reset();
    }

    @Test
    void arbitraryRangesFetchOnlyTheBlocksThatHoldThem() throws Exception {
        long seed = new Random().nextLong();
        LOG.info("seed {}", seed);
        Random random = new Random(seed);
        for (int i = 0; i < 300; i++) {
            long from = START + random.nextInt(COUNT);
            long to = Math.min(START + COUNT, from + random.nextInt(i % 2 == 0 ? 50 : 3_000));
            source.reset();

            List<LoggedRecord> read = reader.read(from, to);

            assertThat(read).isEqualTo(expected(from, to));
            List<SegmentBlockInfo> needed =
                    reader.blocks().stream().filter(b -> b.overlaps(from, to)).toList();
            assertThat(source.reads)
                    .as("reads for [%d, %d), seed %d", from, to, seed)
                    .hasSize(needed.size());
            for (int b = 0; b < needed.size(); b++) {
                long position = needed.get(b).position();
                assertThat(source.reads.get(b)[0] + source.reads.get(b)[1])
                        .isEqualTo(position + needed.get(b).compressedLength());
            }
        }
    }

    @Test
    void aRangeStartingOrEndingExactlyAtABlockBoundaryFetchesNoNeighbour() throws Exception {
        int k = reader.blocks().size() / 2;
        SegmentBlockInfo block = reader.blocks().get(k);

        assertThat(reader.read(block.firstOffset(), block.endOffset()))
                .isEqualTo(expected(block.firstOffset(), block.endOffset()));
        assertThat(source.reads).hasSize(1);
        assertThat(source.reads.get(0)).containsExactly(block.position(), block.compressedLength());

        source.reset();
        SegmentBlockInfo previous = reader.blocks().get(k - 1);
        assertThat(reader.read(block.firstOffset() - 1, block.firstOffset()))
                .isEqualTo(expected(block.firstOffset() - 1, block.firstOffset()));
        assertThat(source.reads).hasSize(1);
        assertThat(source.reads.get(0)[0]).isEqualTo(previous.position());

        source.reset();
        assertThat(reader.read(block.firstOffset(), block.firstOffset() + 1))
                .isEqualTo(expected(block.firstOffset(), block.firstOffset() + 1));
        assertThat(source.reads).hasSize(1);
        assertThat(source.reads.get(0)[0]).isEqualTo(block.position());
        assertThat(reader.blockOf(block.firstOffset())).isEqualTo(k);
        assertThat(reader.blockOf(block.firstOffset() - 1)).isEqualTo(k - 1);
    }

    @Test
    void theFirstAndLastRecordsAndTheWholeObjectRead() throws Exception {
        assertThat(reader.read(START, START + 1)).isEqualTo(expected(START, START + 1));
        assertThat(source.reads.get(0))
                .as("block 0 is read with the header")
                .containsExactly(
                        0L,
                        SegmentObjectFormat.HEADER_SIZE
                                + reader.blocks().get(0).compressedLength());
        long end = START + COUNT;
        assertThat(reader.read(end - 1, end)).isEqualTo(expected(end - 1, end));
        assertThat(reader.read(START, end)).isEqualTo(records);
    }

    @Test
    void anEmptyRangeFetchesNothing() throws Exception {
        assertThat(reader.read(START + 77, START + 77)).isEmpty();
        assertThat(reader.read(START + COUNT, START + COUNT)).isEmpty();
        assertThat(source.count()).isZero();
    }

    @Test
    void aRangeOutsideTheObjectIsRejectedWithItsBounds() {
        assertThatThrownBy(() -> reader.read(START - 1, START + 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ranged.seg")
                .hasMessageContaining("[1000, 21000)");
        assertThatThrownBy(() -> reader.read(START, START + COUNT + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> reader.read(START + 5, START + 4))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> reader.blockOf(START + COUNT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCursorFetchesOneBlockPerStep() throws Exception {
        long from = START + 333;
        long to = START + 5_555;
        SegmentRecordCursor cursor = reader.cursor(from, to);
        long next = from;
        int steps = 0;
        while (cursor.hasNext()) {
            assertThat(cursor.nextOffset()).isEqualTo(next);
            SegmentBlockInfo block = reader.blocks().get(cursor.nextBlock());
            List<LoggedRecord> step = cursor.next();
            steps++;
            assertThat(source.count()).isEqualTo(steps);
            assertThat(step).isEqualTo(expected(next, Math.min(block.endOffset(), to)));
            next = Math.min(block.endOffset(), to);
        }
        assertThat(next).isEqualTo(to);
        assertThatThrownBy(cursor::next).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void blocksCanBePrunedByTimestamp() throws Exception {
        long after = records.get(COUNT / 2).timestamp() + 10_000;
        List<SegmentBlockInfo> candidates =
                reader.blocks().stream().filter(b -> b.maxTimestamp() >= after).toList();
        assertThat(candidates).isNotEmpty().hasSizeLessThan(reader.blocks().size());
        for (LoggedRecord r : records) {
            if (r.timestamp() >= after) {
                assertThat(candidates).anyMatch(b -> b.overlaps(r.offset(), r.offset() + 1));
            }
        }
    }

    private static List<LoggedRecord> expected(long from, long to) {
        return records.subList((int) (from - START), (int) (to - START));
    }
}
