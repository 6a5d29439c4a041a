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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.wal.format.RecordFrame;
import dev.floe.wal.record.Header;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.record.WalRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteAheadLogTest {

    @TempDir Path dir;

    static WalRecord record(long i) {
        return new WalRecord(
                1_000 + i,
                i % 3 == 0 ? null : ("k" + i).getBytes(StandardCharsets.UTF_8),
                ("value-" + i).getBytes(StandardCharsets.UTF_8),
                i % 5 == 0 ? List.of(Header.of("h", "v" + i)) : List.of());
    }

    static List<LoggedRecord> readAll(TailReader reader, long count) throws Exception {
        List<LoggedRecord> out = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (out.size() < count && System.nanoTime() < deadline) {
            out.addAll(reader.poll(10_000, Duration.ofMillis(100)));
        }
        return out;
    }

    static WalOptions small() {
        return WalOptions.builder()
                .segmentBytes(8 * 1024)
                .maxRecordBytes(1024)
                .indexIntervalBytes(256)
                .writeBufferBytes(4096)
                .build();
    }

    @Test
    void appendsDenseOffsetsAndReadsThemBackAcrossSegmentsAndReopen() throws Exception {
        try (WriteAheadLog log = WriteAheadLog.open(dir, small())) {
            for (long i = 0; i < 500; i++) {
                assertThat(log.append(record(i))).isEqualTo(i);
            }
            List<WalRecord> batch = new ArrayList<>();
            for (long i = 500; i < 1000; i++) {
                batch.add(record(i));
            }
            assertThat(log.append(batch)).isEqualTo(500);
            log.sync();
            assertThat(log.durableEndOffset()).isEqualTo(1000);
            try (TailReader reader = log.openReader(0, ReadLimit.DURABLE)) {
                List<LoggedRecord> all = readAll(reader, 1000);
                assertThat(all).hasSize(1000);
                for (int i = 0; i < 1000; i++) {
                    assertThat(all.get(i).offset()).isEqualTo(i);
                    assertThat(all.get(i).record()).isEqualTo(record(i));
                }
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.filter(p -> p.toString().endsWith(".wal")).count()).isGreaterThan(3);
        }
        try (WriteAheadLog log = WriteAheadLog.open(dir, small())) {
            assertThat(log.endOffset()).isEqualTo(1000);
            assertThat(log.append(record(1000))).isEqualTo(1000);
            try (TailReader reader = log.openReader(737, ReadLimit.WRITTEN)) {
                List<LoggedRecord> rest = readAll(reader, 264);
                assertThat(rest).extracting(LoggedRecord::offset).startsWith(737L).endsWith(1000L);
                assertThat(rest).hasSize(264);
            }
        }
    }

    @Test
    void writeBuffersGrowPastTheirFirstSizeForLargeFramesAndBusyLogs() throws Exception {
        // Write buffers start at 32 KiB and grow to writeBufferBytes: mix frames far larger than
        // that with small ones, one at a time and in batches.
        List<WalRecord> written = new ArrayList<>();
        try (WriteAheadLog log = WriteAheadLog.open(dir, WalOptions.defaults())) {
            for (int i = 0; i < 40; i++) {
                byte[] value = new byte[i % 4 == 0 ? 300_000 + i : 100 + i];
                java.util.Arrays.fill(value, (byte) i);
                WalRecord r = WalRecord.of(i, null, value);
                written.add(r);
                log.append(r);
            }
            List<WalRecord> batch = new ArrayList<>();
            for (int i = 40; i < 2_040; i++) {
                batch.add(WalRecord.of(i, null, new byte[700]));
            }
            written.addAll(batch);
            log.append(batch);
            log.sync();
            try (TailReader reader = log.openReader(0, ReadLimit.DURABLE)) {
                assertThat(readAll(reader, written.size()))
                        .extracting(LoggedRecord::record)
                        .containsExactlyElementsOf(written);
            }
        }
    }

    @Test
    void busyLogsOnOnePoolGrowTheirBuffersNoFurtherThanItsLimitAndLoseNothing() throws Exception {
        long limit = 256 * 1024;
        List<WriteAheadLog> logs = new ArrayList<>();
        try (WalIoPool pool = WalIoPool.create("limited", 1, limit)) {
            for (int l = 0; l < 8; l++) {
                logs.add(
                        WriteAheadLog.open(
                                dir.resolve("log-" + l), WalOptions.defaults(), 0, pool));
            }
            List<WalRecord> written = new ArrayList<>();
            for (int i = 0; i < 4_000; i++) {
                WalRecord r = WalRecord.of(i, null, new byte[900]);
                written.add(r);
                for (WriteAheadLog log : logs) {
                    log.append(r);
                }
                assertThat(pool.bufferGrowth()).isLessThanOrEqualTo(limit);
            }
            // A frame larger than a log's buffer still goes in once the limit is reached.
            WalRecord large = WalRecord.of(4_000, null, new byte[200_000]);
            written.add(large);
            for (WriteAheadLog log : logs) {
                log.append(large);
            }
            for (WriteAheadLog log : logs) {
                log.sync();
                try (TailReader reader = log.openReader(0, ReadLimit.DURABLE)) {
                    assertThat(readAll(reader, written.size()))
                            .extracting(LoggedRecord::record)
                            .containsExactlyElementsOf(written);
                }
            }
            assertThat(pool.bufferGrowth()).isPositive();
            for (WriteAheadLog log : logs) {
                log.close();
            }
            assertThat(pool.bufferGrowth()).isZero();
        } finally {
            logs.forEach(WriteAheadLog::close);
        }
    }

    @Test
    void aCloseFromAnInterruptedThreadStillReleasesTheDirectory() throws Exception {
        WriteAheadLog log = WriteAheadLog.open(dir, small());
        for (long i = 0; i < 100; i++) {
            log.append(record(i));
        }
        Thread.currentThread().interrupt();
        try {
            log.close();
        } finally {
            assertThat(Thread.interrupted()).as("the interrupt is kept").isTrue();
        }
        try (WriteAheadLog again = WriteAheadLog.open(dir, small())) {
            assertThat(again.endOffset()).isEqualTo(100);
        }
    }

    @Test
    void theDurableMarkerFollowsTheRecoveredEndWhenALogIsOpened() throws Exception {
        try (WriteAheadLog log = WriteAheadLog.open(dir.resolve("new"), small(), 500)) {
            assertThat(marker(dir.resolve("new"))).isEqualTo(500);
        }
        try (WriteAheadLog log = WriteAheadLog.open(dir, small())) {
            for (long i = 0; i < 20; i++) {
                log.append(record(i));
            }
            log.sync();
            assertThat(marker(dir)).isEqualTo(20);
        }
        // The disk lost the tail of the open segment, which the marker counted durable.
        Path tail;
        try (Stream<Path> files = Files.list(dir)) {
            tail =
                    files.filter(f -> SegmentFile.parse(f.getFileName().toString()).isPresent())
                            .max(java.util.Comparator.comparing(Path::toString))
                            .orElseThrow();
        }
        try (var channel = java.nio.channels.FileChannel.open(tail, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() / 2);
        }
        try (WriteAheadLog log = WriteAheadLog.open(dir, small())) {
            assertThat(log.endOffset()).isBetween(1L, 19L);
            assertThat(marker(dir)).isEqualTo(log.endOffset());
        }
    }

    @Test
    void aNewLogCreatesItsDurableMarkerOnceAnOffsetAboveZeroIsDurable() throws Exception {
        Path fresh = dir.resolve("fresh");
        WalOptions options = small().toBuilder().syncPolicy(SyncPolicy.NONE).build();
        try (WriteAheadLog log = WriteAheadLog.open(fresh, options);
                TailReader reader =
                        WriteAheadLog.openReader(fresh, 0, ReadLimit.DURABLE, options)) {
            assertThat(fresh.resolve(DurableMarker.FILE_NAME)).doesNotExist();
            log.append(record(0));
            log.flush();
            assertThat(reader.poll(10, Duration.ofMillis(50)))
                    .as("nothing durable without the marker")
                    .isEmpty();

            log.sync();
            assertThat(marker(fresh)).isEqualTo(1);
            assertThat(reader.poll(10, Duration.ofSeconds(5))).hasSize(1);
        }
        try (WriteAheadLog log = WriteAheadLog.open(fresh, options)) {
            assertThat(marker(fresh)).as("kept when the log is opened again").isEqualTo(1);
        }
    }

    private static long marker(Path dir) throws Exception {
        try (DurableMarker marker = DurableMarker.forReader(dir)) {
            return marker.get();
        }
    }

    @Test
    void truncateToDropsTheTailAndContinuesThere() throws Exception {
        try (WriteAheadLog log = WriteAheadLog.open(dir, small())) {
            List<WalRecord> batch = new ArrayList<>();
            for (long i = 0; i < 300; i++) {
                batch.add(record(i));
            }
            log.append(batch);
            log.truncateTo(123);
            assertThat(log.endOffset()).isEqualTo(123);
            assertThat(log.append(record(7777))).isEqualTo(123);
            log.sync();
            try (TailReader reader = log.openReader(120, ReadLimit.DURABLE)) {
                List<LoggedRecord> got = readAll(reader, 4);
                assertThat(got)
                        .extracting(LoggedRecord::offset)
                        .containsExactly(120L, 121L, 122L, 123L);
                assertThat(got.get(3).record()).isEqualTo(record(7777));
            }
            assertThatThrownBy(() -> log.truncateTo(500))
                    .isInstanceOf(OffsetOutOfRangeException.class)
                    .hasMessageContaining("500");
        }
    }

    @Test
    void secondWriterIsRefused() {
        try (WriteAheadLog log = WriteAheadLog.open(dir, small())) {
            assertThatThrownBy(() -> WriteAheadLog.open(dir, small()))
                    .isInstanceOf(WalException.class)
                    .hasMessageContaining("already open");
        }
    }

    @Test
    void framesArePassedAsStoredAndAnEndInsideAFrameCutsIt() throws Exception {
        try (WriteAheadLog log = WriteAheadLog.open(dir, small())) {
            for (int batch = 0; batch < 100; batch++) {
                List<WalRecord> records = new ArrayList<>();
                for (long i = 0; i < 5; i++) {
                    records.add(record(batch * 5L + i));
                }
                log.append(records);
            }
            log.sync();
            List<LoggedRecord> passed = new ArrayList<>();
            TailReader.FrameRecords collect =
                    (frame, pos, from, to) -> {
                        long base = RecordFrame.baseOffset(frame, pos);
                        for (LoggedRecord r : RecordFrame.decode(frame, pos)) {
                            if (r.offset() >= from && r.offset() < to) {
                                passed.add(r);
                            }
                        }
                        assertThat(from).isBetween(base, to - 1);
                    };
            try (TailReader reader = log.openReader(3, ReadLimit.WRITTEN)) {
                // From inside the first frame to inside the third, then on to the log's end.
                assertThat(reader.readFrames(12, 100, Duration.ZERO, collect)).isEqualTo(9);
                assertThat(reader.position()).isEqualTo(12);
                assertThat(reader.readFrames(12, 100, Duration.ofMillis(50), collect)).isZero();
                assertThat(reader.readFrames(Long.MAX_VALUE, 8, Duration.ZERO, collect))
                        .isEqualTo(8);
                assertThat(reader.readFrames(Long.MAX_VALUE, 1_000, Duration.ZERO, collect))
                        .isEqualTo(480);
                // At the end it waits for records, and passes them as they come.
                assertThat(reader.readFrames(Long.MAX_VALUE, 10, Duration.ofMillis(50), collect))
                        .isZero();
                log.append(record(500));
                log.sync();
                assertThat(reader.readFrames(Long.MAX_VALUE, 10, Duration.ofSeconds(5), collect))
                        .isEqualTo(1);
                assertThat(reader.poll(10, Duration.ZERO)).isEmpty();
            }
            assertThat(passed)
                    .extracting(LoggedRecord::offset)
                    .containsExactly(
                            java.util.stream.LongStream.range(3, 501).boxed().toArray(Long[]::new));
            assertThat(passed.get(0).record()).isEqualTo(record(3));
            assertThat(passed.get(497).record()).isEqualTo(record(500));
            try (TailReader reader = log.openReader(0, ReadLimit.WRITTEN)) {
                reader.readFrames(7, 100, Duration.ZERO, (frame, pos, from, to) -> {});
                // A poll after a cut frame returns the rest of it first.
                assertThat(reader.poll(3, Duration.ZERO))
                        .extracting(LoggedRecord::offset)
                        .containsExactly(7L, 8L, 9L);
            }
        }
    }

    @Test
    void readersOneAfterAnotherReadThroughOneLentBuffer() throws Exception {
        try (WriteAheadLog a = WriteAheadLog.open(dir.resolve("a"), small());
                WriteAheadLog b = WriteAheadLog.open(dir.resolve("b"), small())) {
            for (long i = 0; i < 300; i++) {
                a.append(record(i));
                b.append(record(1_000 + i));
            }
            a.sync();
            b.sync();
            // Smaller than some frames: the reader then reads those through a larger buffer.
            ByteBuffer lent = ByteBuffer.allocateDirect(32);
            for (long from = 0; from < 300; from += 100) {
                for (WriteAheadLog log : List.of(a, b)) {
                    try (TailReader reader = log.openReader(from, ReadLimit.WRITTEN, lent)) {
                        long base = log == a ? 0 : 1_000;
                        assertThat(readAll(reader, 100).subList(0, 100))
                                .extracting(LoggedRecord::record)
                                .containsExactlyElementsOf(
                                        java.util.stream.LongStream.range(from, from + 100)
                                                .mapToObj(o -> record(base + o))
                                                .toList());
                    }
                }
            }
        }
    }
}
