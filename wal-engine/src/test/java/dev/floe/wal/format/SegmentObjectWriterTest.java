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

import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.record.WalRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SegmentObjectWriterTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private SegmentObjectWriter writer(int blockTargetBytes) {
        return new SegmentObjectWriter(
                "w.seg",
                ByteSink.of(out),
                SegmentObjects.options(Compression.ZSTD, blockTargetBytes));
    }

    private static LoggedRecord record(long offset) {
        return new LoggedRecord(offset, WalRecord.of(offset, null, ("v" + offset).getBytes()));
    }

    @Test
    void aGapInOffsetsIsRejectedNamingBothOffsets() throws Exception {
        try (SegmentObjectWriter writer = writer(4096)) {
            writer.append(record(5));
            writer.append(record(6));
            assertThatThrownBy(() -> writer.append(record(8)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("w.seg")
                    .hasMessageContaining("offset 8 does not follow offset 6");
            assertThatThrownBy(() -> writer.append(record(6)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("offset 6 does not follow offset 6");
            writer.append(record(7));
            assertThat(writer.finish().endOffset()).isEqualTo(8);
        }
    }

    @Test
    void aNegativeFirstOffsetIsRejected() {
        try (SegmentObjectWriter writer = writer(4096)) {
            assertThatThrownBy(() -> writer.append(record(-1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("negative");
        }
    }

    @Test
    void framesWithAGapOrABadChecksumAreRejectedWhole() throws Exception {
        try (SegmentObjectWriter writer = writer(4096)) {
            writer.append(record(0));
            ByteBuffer frames = ByteBuffer.allocate(1024);
            RecordFrame.write(frames, 1, record(1).record());
            RecordFrame.write(frames, 3, record(3).record());
            frames.flip();
            assertThatThrownBy(() -> writer.appendFrames(frames))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("offset 3 does not follow offset 1");
            assertThat(writer.nextOffset()).as("nothing of the batch was added").isEqualTo(1);
            assertThat(frames.position()).isZero();

            ByteBuffer damaged = ByteBuffer.allocate(1024);
            RecordFrame.write(damaged, 1, record(1).record());
            damaged.flip();
            damaged.put(damaged.limit() - 1, (byte) (damaged.get(damaged.limit() - 1) ^ 1));
            assertThatThrownBy(() -> writer.appendFrames(damaged))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("BAD_CRC");

            ByteBuffer partial = ByteBuffer.allocate(1024);
            RecordFrame.write(partial, 1, record(1).record());
            partial.flip().limit(partial.limit() - 1);
            assertThatThrownBy(() -> writer.appendFrames(partial))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("INCOMPLETE");
            assertThat(writer.recordCount()).isEqualTo(1);
        }
    }

    @Test
    void anEmptyObjectIsNotWritten() {
        try (SegmentObjectWriter writer = writer(4096)) {
            assertThatThrownBy(writer::finish)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("w.seg has no records");
        }
        assertThat(out.size()).isZero();
    }

    @Test
    void aFinishedWriterRefusesMoreRecords() throws Exception {
        try (SegmentObjectWriter writer = writer(4096)) {
            writer.append(record(0));
            SegmentObjectSummary summary = writer.finish();
            assertThat(summary.sizeBytes()).isEqualTo(out.size()).isEqualTo(writer.bytesWritten());
            assertThatThrownBy(() -> writer.append(record(1)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("finished");
        }
    }

    @Test
    void aFailedSinkStopsTheWriter() throws Exception {
        ByteSink failing =
                bytes -> {
                    throw new IOException("upload to bucket b failed");
                };
        try (SegmentObjectWriter writer =
                new SegmentObjectWriter(
                        "f.seg", failing, SegmentObjects.options(Compression.NONE, 1024))) {
            Random random = new Random(8);
            assertThatThrownBy(
                            () -> {
                                for (long i = 0; i < 1_000; i++) {
                                    writer.append(
                                            new LoggedRecord(
                                                    i, SegmentObjects.varied(random, i, 10)));
                                }
                            })
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("bucket b");
            assertThatThrownBy(() -> writer.append(record(writer.nextOffset())))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("f.seg failed earlier");
        }
    }

    @Test
    void blocksReachTheSinkAsTheyFillNotAtFinish() throws Exception {
        int target = 64 * 1024;
        List<Integer> writes = new ArrayList<>();
        long[] received = {0};
        ByteSink sink =
                bytes -> {
                    writes.add(bytes.remaining());
                    received[0] += bytes.remaining();
                    out.write(
                            bytes.array(),
                            bytes.arrayOffset() + bytes.position(),
                            bytes.remaining());
                    bytes.position(bytes.limit());
                };
        Random random = new Random(9);
        long appended = 0;
        long receivedBeforeFinish;
        try (SegmentObjectWriter writer =
                new SegmentObjectWriter(
                        "big.seg", sink, SegmentObjects.options(Compression.ZSTD, target))) {
            for (long i = 0; appended < 24L * 1024 * 1024; i++) {
                WalRecord r = SegmentObjects.varied(random, i, 200_000);
                writer.append(new LoggedRecord(i, r));
                appended += RecordFrame.recordSize(r);
            }
            receivedBeforeFinish = received[0];
            writer.finish();
        }
        SegmentObjectReader reader =
                SegmentObjectReader.open("big.seg", RangeSource.of(out.toByteArray()));
        List<SegmentBlockInfo> blocks = reader.blocks();
        assertThat(blocks).hasSizeGreaterThan(300);
        SegmentBlockInfo last = blocks.get(blocks.size() - 1);
        assertThat(receivedBeforeFinish)
                .as("all but the last block were sent before finish")
                .isEqualTo(last.position());
        int largestBlock =
                blocks.stream().mapToInt(SegmentBlockInfo::uncompressedLength).max().orElseThrow();
        assertThat(largestBlock)
                .as("blocks stay within the target unless one record is larger")
                .isGreaterThan(target)
                .isLessThanOrEqualTo(200_000 + 1024);
        assertThat(blocks)
                .filteredOn(b -> b.uncompressedLength() > target)
                .allSatisfy(b -> assertThat(b.recordCount()).isEqualTo(1));
        assertThat(writes.subList(0, writes.size() - 1))
                .allSatisfy(w -> assertThat(w).isLessThanOrEqualTo(largestBlock + 1024));
    }

    @Test
    void optionsRejectValuesOutOfRange() {
        assertThatThrownBy(() -> SegmentObjectOptions.builder().blockTargetBytes(100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blockTargetBytes");
        assertThatThrownBy(() -> SegmentObjectOptions.builder().zstdLevel(99))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("zstdLevel");
        SegmentObjectOptions defaults = SegmentObjectOptions.defaults();
        assertThat(defaults.compression()).isEqualTo(Compression.ZSTD);
        assertThat(defaults.zstdLevel()).isEqualTo(1);
        assertThat(defaults.blockTargetBytes()).isEqualTo(1024 * 1024);
    }

    @Test
    void recordsCopiedFromAFrameMustBeItsOwnAndFollowThePrevious() throws Exception {
        List<WalRecord> records = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            records.add(new WalRecord(i, null, new byte[] {(byte) i}, List.of()));
        }
        ByteBuffer frame = ByteBuffer.allocate(RecordFrame.frameSize(records, 0, 4));
        RecordFrame.write(frame, 10, records, 0, 4);
        try (SegmentObjectWriter writer = writer(SegmentObjectOptions.DEFAULT_BLOCK_TARGET_BYTES)) {
            assertThatThrownBy(() -> writer.appendRecords(frame, 0, 9, 12))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("[9, 12) are not records of the frame holding [10, 14)");
            assertThatThrownBy(() -> writer.appendRecords(frame, 0, 12, 15))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(writer.appendRecords(frame, 0, 11, 13)).isEqualTo(2L * (18 + 1));
            assertThatThrownBy(() -> writer.appendRecords(frame, 0, 10, 11))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("does not follow offset 12");
            ByteBuffer damaged =
                    ByteBuffer.allocate(frame.capacity()).put(frame.duplicate().clear());
            damaged.putInt(RecordFrame.RECORDS_OFFSET + 8, 1_000);
            assertThatThrownBy(() -> writer.appendRecords(damaged, 0, 13, 14))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("does not decode");
            assertThat(writer.nextOffset()).isEqualTo(13);
        }
    }

    @Test
    void aFrameWhoseLaterRecordDoesNotDecodeFailsTheWriterOnceEarlierOnesWentIn() throws Exception {
        List<WalRecord> records =
                List.of(
                        new WalRecord(1, null, new byte[] {1}, List.of()),
                        new WalRecord(2, null, new byte[] {2}, List.of()));
        ByteBuffer frame = ByteBuffer.allocate(RecordFrame.frameSize(records, 0, 2));
        RecordFrame.write(frame, 0, records, 0, 2);
        int secondRecord = RecordFrame.RECORDS_OFFSET + RecordFrame.recordSize(records.get(0));
        frame.putInt(secondRecord + 8, 1_000);
        try (SegmentObjectWriter writer = writer(SegmentObjectOptions.DEFAULT_BLOCK_TARGET_BYTES)) {
            assertThatThrownBy(() -> writer.appendRecords(frame, 0, 0, 2))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("does not decode");
            assertThatThrownBy(
                            () ->
                                    writer.append(
                                            new LoggedRecord(
                                                    2,
                                                    new WalRecord(
                                                            3, null, new byte[] {3}, List.of()))))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("failed earlier");
        }
    }
}
