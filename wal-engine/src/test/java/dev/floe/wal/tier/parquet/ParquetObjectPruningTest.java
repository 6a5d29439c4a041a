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
package dev.floe.wal.tier.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.wal.record.LoggedRecord;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One million records of about 100 bytes: row groups are pruned by offset and by timestamp. */
class ParquetObjectPruningTest {

    private static final Logger LOG = LoggerFactory.getLogger(ParquetObjectPruningTest.class);
    private static final int ROWS = 1_000_000;
    private static final int VALUE_BYTES = 100;
    private static final int READ_AHEAD_BYTES = 64 * 1024;

    @TempDir static Path dir;
    static Path file;
    static ParquetObjectSummary summary;

    @BeforeAll
    static void writeOneMillionRecords() throws IOException {
        file = dir.resolve("million.parquet");
        ParquetObjectOptions options =
                ParquetObjectOptions.builder().rowGroupBytes(8 * 1024 * 1024).build();
        long writingNanos = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file));
                ParquetObjectWriter writer =
                        ParquetObjectWriter.open(
                                out, "million", ParquetObjectSchema.bytesValued(), 0, options)) {
            for (long offset = 0; offset < ROWS; offset++) {
                LoggedRecord record = TestRecords.bytes(offset, VALUE_BYTES);
                long start = System.nanoTime();
                writer.write(record);
                writingNanos += System.nanoTime() - start;
            }
            long start = System.nanoTime();
            summary = writer.finish();
            writingNanos += System.nanoTime() - start;
        }
        double seconds = writingNanos / 1e9;
        LOG.info(
                "Wrote {} records of {} B value in {} s (writer only): {} records/s, {} bytes/record,"
                        + " {} row groups",
                ROWS,
                VALUE_BYTES,
                String.format("%.2f", seconds),
                Math.round(ROWS / seconds),
                String.format("%.1f", (double) summary.sizeBytes() / ROWS),
                summary.rowGroups());
    }

    private static ParquetObjectReader open(RecordingRangeSource source) throws IOException {
        return ParquetObjectReader.open(source, "million", 0, READ_AHEAD_BYTES);
    }

    @Test
    void summaryAndFooterDescribeTheObject() throws IOException {
        ParquetObjectReader reader = open(RecordingRangeSource.of(file));

        assertThat(summary.rowCount()).isEqualTo(ROWS);
        assertThat(summary.startOffset()).isZero();
        assertThat(summary.endOffset()).isEqualTo(ROWS);
        long minTimestamp = Long.MAX_VALUE;
        long maxTimestamp = Long.MIN_VALUE;
        for (long offset = 0; offset < ROWS; offset++) {
            minTimestamp = Math.min(minTimestamp, TestRecords.timestampOf(offset));
            maxTimestamp = Math.max(maxTimestamp, TestRecords.timestampOf(offset));
        }
        assertThat(summary.minTimestamp()).isEqualTo(minTimestamp);
        assertThat(summary.maxTimestamp()).isEqualTo(maxTimestamp);
        assertThat(summary.sizeBytes()).isEqualTo(Files.size(file));
        assertThat(summary.rowGroups()).isBetween(3, 30);
        assertThat(reader.rowGroups()).hasSize(summary.rowGroups());
        assertThat(reader.rowCount()).isEqualTo(ROWS);
    }

    @Test
    void readsEveryRecordInOrder() throws IOException {
        ParquetObjectReader reader = open(RecordingRangeSource.of(file));
        long start = System.nanoTime();
        long count = 0;
        try (ParquetRecordIterator records = reader.read(ReadRequest.all())) {
            while (records.hasNext()) {
                LoggedRecord r = records.next();
                if (r.offset() % 9_973 == 0) {
                    assertThat(r).isEqualTo(TestRecords.bytes(r.offset(), VALUE_BYTES));
                }
                count++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        LOG.info(
                "Read {} records in {} s: {} records/s",
                count,
                String.format("%.2f", seconds),
                Math.round(count / seconds));
        assertThat(count).isEqualTo(ROWS);
    }

    @Test
    void anOffsetRangeReadsOnlyTheRowGroupsHoldingIt() throws IOException {
        RecordingRangeSource source = RecordingRangeSource.of(file);
        ParquetObjectReader reader = open(source);
        List<RowGroupInfo> all = reader.rowGroups();
        RowGroupInfo third = all.get(2);
        long from = third.endOffset() - 10;
        long to = third.endOffset() + 10;
        ReadRequest request = ReadRequest.offsets(from, to);

        List<RowGroupInfo> plan = reader.plan(request);

        assertThat(plan).containsExactly(third, all.get(3));
        source.clear();
        List<LoggedRecord> read = ParquetObjectRoundTripTest.readAll(reader, request);
        assertThat(read)
                .extracting(LoggedRecord::offset)
                .containsExactlyElementsOf(range(from, to));
        assertThat(read.get(0)).isEqualTo(TestRecords.bytes(from, VALUE_BYTES));
        assertReadsOnlyWithin(source, plan, all);

        assertThat(reader.plan(ReadRequest.offsets(0, 1))).containsExactly(all.get(0));
        assertThat(reader.plan(ReadRequest.offsets(ROWS - 1, Long.MAX_VALUE)))
                .containsExactly(all.get(all.size() - 1));
        assertThat(reader.plan(ReadRequest.offsets(ROWS, ROWS + 100))).isEmpty();
    }

    @Test
    void aTimestampRangeReadsOnlyTheRowGroupsThatMayHoldIt() throws IOException {
        RecordingRangeSource source = RecordingRangeSource.of(file);
        ParquetObjectReader reader = open(source);
        List<RowGroupInfo> all = reader.rowGroups();
        RowGroupInfo middle = all.get(all.size() / 2);
        long fromTs = middle.minTimestamp() + 5;
        long toTs = fromTs + 20;
        ReadRequest request = ReadRequest.timestamps(fromTs, toTs);

        List<RowGroupInfo> plan = reader.plan(request);

        assertThat(plan).contains(middle).hasSizeLessThanOrEqualTo(2);
        assertThat(plan).allSatisfy(rg -> assertThat(rg.overlapsTimestamps(fromTs, toTs)).isTrue());
        source.clear();
        List<LoggedRecord> read = ParquetObjectRoundTripTest.readAll(reader, request);
        List<Long> expected = new ArrayList<>();
        for (long offset = 0; offset < ROWS; offset++) {
            long ts = TestRecords.timestampOf(offset);
            if (ts >= fromTs && ts < toTs) {
                expected.add(offset);
            }
        }
        assertThat(expected).hasSizeGreaterThan(150);
        assertThat(read).extracting(LoggedRecord::offset).containsExactlyElementsOf(expected);
        assertReadsOnlyWithin(source, plan, all);
    }

    /**
     * Every read falls inside a planned row group or after the last row group (indexes, footer).
     */
    private static void assertReadsOnlyWithin(
            RecordingRangeSource source, List<RowGroupInfo> plan, List<RowGroupInfo> all) {
        RowGroupInfo last = all.get(all.size() - 1);
        long tail = last.filePosition() + last.compressedBytes();
        assertThat(source.reads()).isNotEmpty();
        assertThat(source.reads())
                .allSatisfy(
                        r ->
                                assertThat(
                                                r.position() >= tail
                                                        || plan.stream()
                                                                .anyMatch(
                                                                        rg ->
                                                                                r.position()
                                                                                                >= rg
                                                                                                        .filePosition()
                                                                                        && r.end()
                                                                                                <= rg
                                                                                                                .filePosition()
                                                                                                        + rg
                                                                                                                .compressedBytes()))
                                        .as("read %s", r)
                                        .isTrue());
    }

    private static List<Long> range(long from, long to) {
        return LongStream.range(from, to).boxed().toList();
    }
}
