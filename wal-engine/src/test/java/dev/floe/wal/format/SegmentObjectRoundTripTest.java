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

import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.record.WalRecord;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class SegmentObjectRoundTripTest {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentObjectRoundTripTest.class);

    private static final int LARGE_VALUE_BYTES = 1536 * 1024;

    @ParameterizedTest
    @EnumSource(Compression.class)
    void hundredThousandVariedRecordsComeBackExactly(Compression compression) throws Exception {
        long seed = new Random().nextLong();
        LOG.info("seed {}", seed);
        List<LoggedRecord> records =
                SegmentObjects.records(5_000, 100_000, new Random(seed), LARGE_VALUE_BYTES);
        SegmentObjectOptions options =
                SegmentObjectOptions.builder().compression(compression).build();

        byte[] object = SegmentObjects.write(options, records);
        SegmentObjectReader reader =
                SegmentObjectReader.open("roundtrip.seg", RangeSource.of(object));

        assertThat(reader.read(5_000, 105_000)).isEqualTo(records);
        SegmentObjectSummary summary = reader.summary();
        assertThat(summary.startOffset()).isEqualTo(5_000);
        assertThat(summary.endOffset()).isEqualTo(105_000);
        assertThat(summary.recordCount()).isEqualTo(100_000);
        assertThat(summary.sizeBytes()).isEqualTo(object.length);
        assertThat(summary.compression()).isEqualTo(compression);
        assertThat(summary.minTimestamp())
                .isEqualTo(records.stream().mapToLong(LoggedRecord::timestamp).min().orElseThrow());
        assertThat(summary.maxTimestamp())
                .isEqualTo(records.stream().mapToLong(LoggedRecord::timestamp).max().orElseThrow());
        assertThat(reader.blocks()).hasSize(summary.blockCount());
        assertThat(reader.blocks())
                .anySatisfy(
                        b -> assertThat(b.uncompressedLength()).isGreaterThan(LARGE_VALUE_BYTES));
        assertThat(reader.blocks())
                .filteredOn(b -> b.uncompressedLength() > options.blockTargetBytes())
                .allSatisfy(b -> assertThat(b.recordCount()).isEqualTo(1));
        if (compression == Compression.ZSTD) {
            assertThat(summary.sizeBytes()).isLessThan(summary.uncompressedBytes() / 2);
        }
    }

    @Test
    void blocksRecordTheirOffsetsAndTimestamps() throws Exception {
        List<LoggedRecord> records = SegmentObjects.records(0, 5_000, new Random(7), 10_000);
        byte[] object =
                SegmentObjects.write(SegmentObjects.options(Compression.ZSTD, 4096), records);
        SegmentObjectReader reader = SegmentObjectReader.open("blocks.seg", RangeSource.of(object));

        SegmentRecordCursor cursor = reader.cursor(0, 5_000);
        for (SegmentBlockInfo block : reader.blocks()) {
            List<LoggedRecord> inBlock = cursor.next();
            assertThat(inBlock)
                    .first()
                    .extracting(LoggedRecord::offset)
                    .isEqualTo(block.firstOffset());
            assertThat(inBlock).hasSize(block.recordCount());
            assertThat(inBlock.stream().mapToLong(LoggedRecord::timestamp).min().orElseThrow())
                    .isEqualTo(block.minTimestamp());
            assertThat(inBlock.stream().mapToLong(LoggedRecord::timestamp).max().orElseThrow())
                    .isEqualTo(block.maxTimestamp());
            assertThat(block.uncompressedLength() <= 4096 || block.recordCount() == 1).isTrue();
        }
        assertThat(cursor.hasNext()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void wholeFramesFromALogAreStoredAsTheyAre(Compression compression) throws Exception {
        Random random = new Random(11);
        List<LoggedRecord> expected = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SegmentObjectWriter writer =
                new SegmentObjectWriter(
                        "frames.seg",
                        ByteSink.of(out),
                        SegmentObjects.options(compression, 2048))) {
            long offset = 42;
            for (int batch = 0; batch < 200; batch++) {
                if (batch % 3 == 0) {
                    LoggedRecord single =
                            new LoggedRecord(
                                    offset++, SegmentObjects.varied(random, offset, 5_000));
                    writer.append(single);
                    expected.add(single);
                    continue;
                }
                ByteBuffer frames = ByteBuffer.allocate(64 * 1024);
                for (int f = 0; f < 1 + random.nextInt(3); f++) {
                    List<WalRecord> frame = new ArrayList<>();
                    for (int r = 0; r < 1 + random.nextInt(10); r++) {
                        frame.add(SegmentObjects.varied(random, offset + r, 5_000));
                    }
                    RecordFrame.write(frames, offset, frame, 0, frame.size());
                    for (WalRecord r : frame) {
                        expected.add(new LoggedRecord(offset++, r));
                    }
                }
                writer.appendFrames(frames.flip());
                assertThat(frames.hasRemaining()).isFalse();
            }
            SegmentObjectSummary summary = writer.finish();
            assertThat(summary.recordCount()).isEqualTo(expected.size());
        }
        SegmentObjectReader reader =
                SegmentObjectReader.open("frames.seg", RangeSource.of(out.toByteArray()));
        assertThat(reader.read(42, 42 + expected.size())).isEqualTo(expected);
    }

    @Test
    void eventsOfAHundredBytesCompressWell() throws Exception {
        Random random = new Random(3);
        List<LoggedRecord> records = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            records.add(new LoggedRecord(i, SegmentObjects.event(random, i, 100)));
        }
        long[] sizes = new long[Compression.values().length];
        for (Compression c : Compression.values()) {
            long start = System.nanoTime();
            byte[] object = SegmentObjects.write(SegmentObjects.options(c, 1024 * 1024), records);
            long writeNanos = System.nanoTime() - start;
            start = System.nanoTime();
            SegmentObjectReader reader =
                    SegmentObjectReader.open("events.seg", RangeSource.of(object));
            assertThat(reader.read(0, records.size())).hasSize(records.size());
            long readNanos = System.nanoTime() - start;
            sizes[c.ordinal()] = object.length;
            LOG.info(
                    "100,000 records of 100 B values, {}: {} bytes in {} blocks ({} B/record, frames {} bytes); write {} ms, read {} ms",
                    c,
                    object.length,
                    reader.summary().blockCount(),
                    String.format("%.1f", object.length / 100_000.0),
                    reader.summary().uncompressedBytes(),
                    writeNanos / 1_000_000,
                    readNanos / 1_000_000);
        }
        assertThat(sizes[Compression.ZSTD.ordinal()] * 2)
                .isLessThan(sizes[Compression.NONE.ordinal()]);
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void recordsCopiedFromFramesAreReframedAndComeBackExactly(Compression compression)
            throws Exception {
        Random random = new Random(13);
        List<LoggedRecord> expected = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long first = 1_000;
        long smallFrames = 0;
        try (SegmentObjectWriter writer =
                new SegmentObjectWriter(
                        "copied.seg",
                        ByteSink.of(out),
                        SegmentObjects.options(compression, 16 * 1024))) {
            long offset = first;
            for (int batch = 0; batch < 300; batch++) {
                if (batch % 5 == 0) {
                    LoggedRecord single =
                            new LoggedRecord(offset, SegmentObjects.varied(random, offset, 3_000));
                    writer.append(single);
                    expected.add(single);
                    offset++;
                    continue;
                }
                // A log's frame, of which a part from a random first record to a random last is
                // copied, as a reader positioned inside it or cut by a seal passes it.
                int size = 2 + random.nextInt(11);
                long base = offset - random.nextInt(2);
                List<WalRecord> frame = new ArrayList<>();
                for (int r = 0; r < size; r++) {
                    frame.add(SegmentObjects.varied(random, base + r, 3_000));
                }
                ByteBuffer buf = ByteBuffer.allocate(RecordFrame.frameSize(frame, 0, size) + 7);
                buf.position(7);
                RecordFrame.write(buf, base, frame, 0, size);
                long to = base + size - random.nextInt(Math.max(1, (int) (base + size - offset)));
                if (to <= offset) {
                    to = offset + 1;
                }
                long bytes = writer.appendRecords(buf, 7, offset, to);
                long expectedBytes = 0;
                for (long o = offset; o < to; o++) {
                    WalRecord r = frame.get((int) (o - base));
                    expected.add(new LoggedRecord(o, r));
                    expectedBytes += RecordFrame.recordSize(r);
                }
                assertThat(bytes).isEqualTo(expectedBytes);
                smallFrames += to - offset;
                offset = to;
            }
            SegmentObjectSummary summary = writer.finish();
            assertThat(summary.recordCount()).isEqualTo(expected.size());
            assertThat(summary.minTimestamp())
                    .isEqualTo(
                            expected.stream()
                                    .mapToLong(LoggedRecord::timestamp)
                                    .min()
                                    .orElseThrow());
        }
        SegmentObjectReader reader =
                SegmentObjectReader.open("copied.seg", RangeSource.of(out.toByteArray()));
        assertThat(reader.read(first, first + expected.size())).isEqualTo(expected);
        // Copied records are grouped into frames of many, not stored one frame per log frame.
        assertThat(smallFrames).isGreaterThan(500);
        assertThat(reader.blocks().size()).isLessThan(expected.size() / 10);
    }
}
