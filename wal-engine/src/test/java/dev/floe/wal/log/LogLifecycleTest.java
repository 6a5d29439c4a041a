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

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.floe.wal.format.RecordFrame;
import dev.floe.wal.record.Header;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.record.WalRecord;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A log's life on disk: first offsets, segment rolls and names, offset indexes, retention,
 * reopening, and the errors a caller gets for bad input.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LogLifecycleTest {

    private static final Pattern SEALED = Pattern.compile("(\\d{20})-(\\d{20})\\.wal");
    private static final Pattern OPEN = Pattern.compile("(\\d{20})\\.wal\\.open");

    @TempDir Path dir;

    static WalOptions.Builder small() {
        return WalOptions.builder()
                .segmentBytes(8 * 1024)
                .maxRecordBytes(1024)
                .indexIntervalBytes(256)
                .writeBufferBytes(4096);
    }

    static WalRecord record(long offset) {
        Random rnd = new Random(offset * 31 + 7);
        byte[] value = new byte[10 + rnd.nextInt(150)];
        rnd.nextBytes(value);
        byte[] key = offset % 3 == 0 ? null : ("k" + offset).getBytes(UTF_8);
        List<Header> headers = offset % 5 == 0 ? List.of(Header.of("h", "v" + offset)) : List.of();
        return new WalRecord(offset, key, value, headers);
    }

    /** Appends {@code [from, to)}: every fourth append a single record, else batches of 2..12. */
    static void append(WriteAheadLog log, long from, long to, Random rnd) {
        long next = from;
        while (next < to) {
            int n = rnd.nextInt(4) == 0 ? 1 : (int) Math.min(2 + rnd.nextInt(11), to - next);
            if (n == 1) {
                assertThat(log.append(record(next))).isEqualTo(next);
            } else {
                List<WalRecord> batch = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    batch.add(record(next + i));
                }
                assertThat(log.append(batch)).isEqualTo(next);
            }
            next += n;
        }
    }

    static List<LoggedRecord> read(TailReader reader, int count) throws Exception {
        List<LoggedRecord> out = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (out.size() < count) {
            assertThat(System.nanoTime())
                    .as("read %d of %d records in time", out.size(), count)
                    .isLessThan(deadline);
            out.addAll(reader.poll(count - out.size(), Duration.ofMillis(100)));
        }
        return out;
    }

    /** Checks that a reader opened at {@code offset} returns exactly offset, offset + 1, .... */
    static void assertReadsFrom(TailReader reader, long offset, int count) throws Exception {
        List<LoggedRecord> got = read(reader, count);
        for (int i = 0; i < count; i++) {
            assertThat(got.get(i).offset())
                    .as("record %d of a reader opened at %d", i, offset)
                    .isEqualTo(offset + i);
            assertThat(got.get(i).record()).isEqualTo(record(offset + i));
        }
    }

    static List<String> fileNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The segment files, oldest first. */
    static List<String> segmentNames(Path dir) throws IOException {
        return fileNames(dir).stream()
                .filter(n -> SEALED.matcher(n).matches() || OPEN.matcher(n).matches())
                .toList();
    }

    /** First and last offset of each sealed segment, by file name, oldest first. */
    static List<long[]> sealedRanges(Path dir) throws IOException {
        List<long[]> ranges = new ArrayList<>();
        for (String name : segmentNames(dir)) {
            Matcher m = SEALED.matcher(name);
            if (m.matches()) {
                ranges.add(new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))});
            }
        }
        return ranges;
    }

    static String sealedName(long first, long last) {
        return String.format("%020d-%020d.wal", first, last);
    }

    static String openName(long first) {
        return String.format("%020d.wal.open", first);
    }

    static String indexName(long first) {
        return String.format("%020d.idx", first);
    }

    /** Segment names form one chain: sealed ranges back to back, then the open segment. */
    static void assertContiguousChain(Path dir, long start, long end) throws IOException {
        List<String> names = segmentNames(dir);
        long next = start;
        for (int i = 0; i < names.size() - 1; i++) {
            Matcher m = SEALED.matcher(names.get(i));
            assertThat(m.matches()).as("%s is a sealed segment", names.get(i)).isTrue();
            assertThat(Long.parseLong(m.group(1))).as(names.get(i)).isEqualTo(next);
            next = Long.parseLong(m.group(2)) + 1;
            assertThat(fileNames(dir)).contains(indexName(Long.parseLong(m.group(1))));
        }
        assertThat(names.get(names.size() - 1)).isEqualTo(openName(next));
        assertThat(fileNames(dir)).doesNotContain(indexName(next));
        assertThat(next).isLessThanOrEqualTo(end);
    }

    /** A clock that moves only when told to. */
    static final class ManualClock extends Clock {
        private volatile long millis;

        ManualClock(long millis) {
            this.millis = millis;
        }

        void advance(Duration d) {
            millis += d.toMillis();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }

    // ---- offsets and segment files ----

    @Test
    void newLogStartsAtItsInitialOffsetAndReopeningKeepsItsOwnOffsets() throws Exception {
        long base = 1_000_000;
        try (WriteAheadLog log = WriteAheadLog.open(dir, small().build(), base)) {
            assertThat(log.startOffset()).isEqualTo(base);
            assertThat(log.endOffset()).isEqualTo(base);
            assertThat(segmentNames(dir)).containsExactly("00000000000001000000.wal.open");

            append(log, base, base + 400, new Random(1));
            log.flush();
            assertThat(sealedRanges(dir)).hasSizeGreaterThan(2);
            assertThat(segmentNames(dir).get(0))
                    .startsWith("00000000000001000000-0000000000000100");
            assertContiguousChain(dir, base, base + 400);

            try (TailReader reader = log.openReader(base + 5, ReadLimit.WRITTEN)) {
                assertReadsFrom(reader, base + 5, 395);
            }
            try (TailReader reader = log.openReader(0, ReadLimit.WRITTEN)) {
                assertThatThrownBy(() -> reader.poll(10, Duration.ofSeconds(1)))
                        .isInstanceOf(OffsetOutOfRangeException.class)
                        .hasMessageContaining("Offset 0")
                        .hasMessageContaining("starts at offset " + base);
            }
        }
        try (WriteAheadLog log = WriteAheadLog.open(dir, small().build())) {
            assertThat(log.startOffset()).isEqualTo(base);
            assertThat(log.endOffset()).isEqualTo(base + 400);
            assertThat(log.append(record(base + 400))).isEqualTo(base + 400);
        }
        try (WriteAheadLog log = WriteAheadLog.open(dir, small().build(), 42)) {
            assertThat(log.startOffset()).isEqualTo(base);
            assertThat(log.append(record(base + 401))).isEqualTo(base + 401);
            try (TailReader reader = log.openReader(base, ReadLimit.WRITTEN)) {
                assertReadsFrom(reader, base, 402);
            }
        }
    }

    @Test
    void segmentsRollBySizeIntoSealedFilesNamedByTheirOffsets() throws Exception {
        int segmentBytes = 8 * 1024;
        try (WriteAheadLog log = WriteAheadLog.open(dir, small().build())) {
            append(log, 0, 2000, new Random(2));
            log.flush();
            assertContiguousChain(dir, 0, 2000);
            List<String> names = segmentNames(dir);
            assertThat(names).hasSizeGreaterThan(20);
            assertThat(log.stats().segments()).isEqualTo(names.size());

            for (int i = 0; i < names.size() - 1; i++) {
                long size = Files.size(dir.resolve(names.get(i)));
                assertThat(size).as("size of %s", names.get(i)).isLessThanOrEqualTo(segmentBytes);
                // It rolled only because the next frame did not fit.
                ByteBuffer next =
                        ByteBuffer.wrap(Files.readAllBytes(dir.resolve(names.get(i + 1))));
                assertThat(size + RecordFrame.frameSize(next, 0))
                        .as("%s plus the first frame of %s", names.get(i), names.get(i + 1))
                        .isGreaterThan(segmentBytes);
            }
            // Each sealed segment starts with the record its name says.
            for (long[] range : sealedRanges(dir)) {
                try (TailReader reader = log.openReader(range[1], ReadLimit.WRITTEN)) {
                    assertReadsFrom(reader, range[1], 2);
                }
            }
        }
        // Closing does not seal the open segment; reopening continues in it.
        List<String> before = segmentNames(dir);
        try (WriteAheadLog log = WriteAheadLog.open(dir, small().build())) {
            assertThat(segmentNames(dir)).isEqualTo(before);
            assertThat(log.endOffset()).isEqualTo(2000);
        }
    }

    @Test
    void segmentRollsByAgeOnTheNextAppendAfterSegmentMaxAge() throws Exception {
        ManualClock clock = new ManualClock(1_700_000_000_000L);
        WalOptions options = small().segmentMaxAge(Duration.ofMinutes(1)).clock(clock).build();
        try (WriteAheadLog log = WriteAheadLog.open(dir, options)) {
            // An empty segment has no age: its first record may come much later.
            clock.advance(Duration.ofHours(2));
            log.append(record(0));
            clock.advance(Duration.ofSeconds(30));
            log.append(record(1));
            log.flush();
            assertThat(segmentNames(dir)).containsExactly(openName(0));

            // Past the age, but nothing is appended: nothing rolls.
            clock.advance(Duration.ofSeconds(31));
            log.flush();
            assertThat(segmentNames(dir)).containsExactly(openName(0));

            log.append(record(2));
            log.flush();
            assertThat(segmentNames(dir)).containsExactly(sealedName(0, 1), openName(2));

            // The new segment's age counts from its first record.
            clock.advance(Duration.ofSeconds(59));
            log.append(List.of(record(3), record(4)));
            log.flush();
            assertThat(segmentNames(dir)).containsExactly(sealedName(0, 1), openName(2));
            clock.advance(Duration.ofSeconds(1));
            log.append(record(5));
            log.flush();
            assertThat(segmentNames(dir))
                    .containsExactly(sealedName(0, 1), sealedName(2, 4), openName(5));
            assertThat(fileNames(dir)).contains(indexName(0), indexName(2));

            try (TailReader reader = log.openReader(0, ReadLimit.WRITTEN)) {
                assertReadsFrom(reader, 0, 6);
            }
        }
    }

    // ---- offset index and seeking ----

    @Test
    void readersStartExactlyAtAnyOffsetIncludingInsideBatchFrames() throws Exception {
        int total = 20_000;
        WalOptions options = small().segmentBytes(64 * 1024).indexIntervalBytes(1024).build();
        Random rnd = new Random(3);
        List<Long> probes = new ArrayList<>(List.of(0L, 1L, (long) total - 1));
        for (int i = 0; i < 40; i++) {
            probes.add((long) rnd.nextInt(total));
        }
        try (WriteAheadLog log = WriteAheadLog.open(dir, options)) {
            append(log, 0, total, rnd);
            log.sync();
            for (long[] range : sealedRanges(dir)) {
                probes.add(range[0]);
                probes.add(range[1]);
                probes.add((range[0] + range[1]) / 2);
            }
            assertThat(sealedRanges(dir)).hasSizeGreaterThan(20);
            for (long offset : probes) {
                int count = (int) Math.min(3, total - offset);
                try (TailReader live = log.openReader(offset, ReadLimit.DURABLE);
                        TailReader files =
                                WriteAheadLog.openReader(dir, offset, ReadLimit.DURABLE, options)) {
                    assertReadsFrom(live, offset, count);
                    assertReadsFrom(files, offset, count);
                }
            }
        }
        // After reopening, sealed segments are sought through their index files.
        try (WriteAheadLog log = WriteAheadLog.open(dir, options)) {
            for (long offset : probes) {
                try (TailReader reader = log.openReader(offset, ReadLimit.WRITTEN)) {
                    assertReadsFrom(reader, offset, (int) Math.min(3, total - offset));
                }
            }
        }
    }

    @Test
    void readersOpenedBeyondTheEndStartThereOnceTheLogGetsThere() throws Exception {
        WalOptions options = small().build();
        try (WriteAheadLog log = WriteAheadLog.open(dir, options);
                TailReader live = log.openReader(500, ReadLimit.WRITTEN);
                TailReader files = WriteAheadLog.openReader(dir, 500, ReadLimit.WRITTEN, options)) {
            assertThat(live.poll(10, Duration.ofMillis(20))).isEmpty();
            assertThat(files.poll(10, Duration.ofMillis(20))).isEmpty();
            // The readers look while the first segment holds only offsets below theirs ...
            append(log, 0, 20, new Random(8));
            log.flush();
            assertThat(live.poll(10, Duration.ofMillis(20))).isEmpty();
            assertThat(files.poll(10, Duration.ofMillis(20))).isEmpty();
            // ... and that segment is sealed long before the log reaches offset 500.
            append(log, 20, 1000, new Random(9));
            log.flush();
            assertThat(sealedRanges(dir).get(0)[1]).isLessThan(500);
            assertReadsFrom(live, 500, 500);
            assertReadsFrom(files, 500, 500);
        }
    }

    @Test
    void missingOrDamagedIndexFilesAreRebuiltAndNeverMisleadReaders() throws Exception {
        int total = 3000;
        WalOptions options = small().build();
        try (WriteAheadLog log = WriteAheadLog.open(dir, options)) {
            append(log, 0, total, new Random(4));
        }
        List<long[]> sealed = sealedRanges(dir);
        assertThat(sealed).hasSizeGreaterThan(15);
        Map<Long, byte[]> original = new HashMap<>();
        for (long[] range : sealed) {
            original.put(range[0], Files.readAllBytes(dir.resolve(indexName(range[0]))));
        }
        long deleted = sealed.get(2)[0];
        long flipped = sealed.get(5)[0];
        long cut = sealed.get(8)[0];
        long foreign = sealed.get(11)[0];
        Files.delete(dir.resolve(indexName(deleted)));
        flipByte(dir.resolve(indexName(flipped)), original.get(flipped).length / 2);
        Files.write(dir.resolve(indexName(cut)), new byte[10]);
        Files.write(dir.resolve(indexName(foreign)), original.get(sealed.get(12)[0]));

        try (WriteAheadLog log = WriteAheadLog.open(dir, options)) {
            for (long[] range : sealed) {
                assertThat(Files.readAllBytes(dir.resolve(indexName(range[0]))))
                        .as("index of the segment starting at %d after reopening", range[0])
                        .isEqualTo(original.get(range[0]));
            }
            for (long start : List.of(deleted, flipped, cut, foreign)) {
                assertSeeksWithin(log, options, sealed, start);
            }

            // Damage while the log is open, to segments no reader has sought in yet.
            long laterDeleted = sealed.get(3)[0];
            long laterFlipped = sealed.get(6)[0];
            Files.delete(dir.resolve(indexName(laterDeleted)));
            flipByte(dir.resolve(indexName(laterFlipped)), 30);
            for (long start : List.of(laterDeleted, laterFlipped)) {
                assertSeeksWithin(log, options, sealed, start);
            }
            try (TailReader reader = log.openReader(0, ReadLimit.WRITTEN)) {
                assertReadsFrom(reader, 0, total);
            }
        }
    }

    private static void flipByte(Path file, int position) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[position] ^= 0x5A;
        Files.write(file, bytes);
    }

    /** Readers opened at several offsets of the sealed segment starting at {@code start}. */
    private void assertSeeksWithin(
            WriteAheadLog log, WalOptions options, List<long[]> sealed, long start)
            throws Exception {
        long last = sealed.stream().filter(r -> r[0] == start).findFirst().orElseThrow()[1];
        for (long offset : List.of(start, start + 1, (start + last) / 2, last - 1, last)) {
            try (TailReader live = log.openReader(offset, ReadLimit.WRITTEN);
                    TailReader files =
                            WriteAheadLog.openReader(dir, offset, ReadLimit.WRITTEN, options)) {
                assertReadsFrom(live, offset, 2);
                assertReadsFrom(files, offset, 2);
            }
        }
    }

    // ---- retention ----

    @Test
    void deleteBeforeDropsOnlyWholeSealedSegmentsAndNeverTheOpenOne() throws Exception {
        WalOptions options = small().build();
        long openStart;
        try (WriteAheadLog log = WriteAheadLog.open(dir, options)) {
            append(log, 0, 1500, new Random(5));
            log.flush();
            List<long[]> sealed = sealedRanges(dir);
            assertThat(sealed).hasSizeGreaterThan(8);
            TailReader lagging = log.openReader(0, ReadLimit.WRITTEN);

            // A floor inside segment 4 keeps segment 4: only whole segments below it go.
            long keptStart = sealed.get(4)[0];
            assertThat(log.deleteBefore(keptStart + 3)).isEqualTo(keptStart);
            assertThat(log.startOffset()).isEqualTo(keptStart);
            assertThat(log.stats().startOffset()).isEqualTo(keptStart);
            for (int i = 0; i < 4; i++) {
                assertThat(fileNames(dir))
                        .doesNotContain(
                                sealedName(sealed.get(i)[0], sealed.get(i)[1]),
                                indexName(sealed.get(i)[0]));
            }
            assertThat(fileNames(dir))
                    .contains(sealedName(keptStart, sealed.get(4)[1]), indexName(keptStart));
            assertContiguousChain(dir, keptStart, 1500);
            assertThat(log.deleteBefore(keptStart)).isEqualTo(keptStart);
            assertThat(log.deleteBefore(0)).isEqualTo(keptStart);

            // Readers below the new start are told where the log starts now.
            for (TailReader reader :
                    List.of(
                            lagging,
                            log.openReader(keptStart - 1, ReadLimit.DURABLE),
                            WriteAheadLog.openReader(dir, 0, ReadLimit.WRITTEN, options))) {
                try (reader) {
                    assertThatThrownBy(() -> reader.poll(10, Duration.ofSeconds(1)))
                            .isInstanceOf(OffsetOutOfRangeException.class)
                            .hasMessageContaining("now starts at offset " + keptStart);
                }
            }
            try (TailReader reader = log.openReader(keptStart, ReadLimit.WRITTEN)) {
                assertReadsFrom(reader, keptStart, (int) (1500 - keptStart));
            }
            assertThatThrownBy(() -> log.truncateTo(keptStart - 1))
                    .isInstanceOf(OffsetOutOfRangeException.class)
                    .hasMessageContaining("offset " + (keptStart - 1))
                    .hasMessageContaining("[" + keptStart + ", 1500)");

            // Even a floor past the end keeps the open segment, and appends go on.
            String open = segmentNames(dir).get(segmentNames(dir).size() - 1);
            openStart = Long.parseLong(open.substring(0, 20));
            assertThat(log.deleteBefore(Long.MAX_VALUE)).isEqualTo(openStart);
            assertThat(segmentNames(dir)).containsExactly(open);
            assertThat(log.endOffset()).isEqualTo(1500);
            append(log, 1500, 1600, new Random(6));
            try (TailReader reader = log.openReader(openStart, ReadLimit.WRITTEN)) {
                assertReadsFrom(reader, openStart, (int) (1600 - openStart));
            }
        }
        try (WriteAheadLog log = WriteAheadLog.open(dir, options)) {
            assertThat(log.startOffset()).isEqualTo(openStart);
            assertThat(log.endOffset()).isEqualTo(1600);
        }
    }

    // ---- errors ----

    @Test
    void recordOverMaxRecordBytesIsRefusedNamingOffsetLogAndLimit() throws Exception {
        try (WriteAheadLog log = WriteAheadLog.open(dir, small().build())) {
            log.append(record(0));
            WalRecord big = WalRecord.of(1, null, new byte[2000]);
            assertThatThrownBy(() -> log.append(big))
                    .isInstanceOf(WalException.class)
                    .hasMessageContaining("offset 1 ")
                    .hasMessageContaining(dir.toString())
                    .hasMessageContaining("1024")
                    .hasMessageContaining("maxRecordBytes");

            List<WalRecord> batch = List.of(record(1), record(2), big, record(4));
            assertThatThrownBy(() -> log.append(batch))
                    .isInstanceOf(WalException.class)
                    .hasMessageContaining("offset 3 ")
                    .hasMessageContaining("maxRecordBytes");
            // Nothing of the refused batch was written; the log goes on.
            assertThat(log.endOffset()).isEqualTo(1);
            assertThat(log.append(List.of(record(1), record(2)))).isEqualTo(1);
            // Exactly at the limit is fine.
            int fits = 1024 - RecordFrame.RECORD_OVERHEAD;
            assertThat(log.append(WalRecord.of(3, null, new byte[fits]))).isEqualTo(3);
            log.sync();
            try (TailReader reader = log.openReader(0, ReadLimit.DURABLE)) {
                assertThat(read(reader, 4))
                        .extracting(LoggedRecord::offset)
                        .containsExactly(0L, 1L, 2L, 3L);
            }
        }
    }

    @Test
    void nullRecordsAndEmptyBatchesAreRefused() {
        try (WriteAheadLog log = WriteAheadLog.open(dir, small().build())) {
            assertThatThrownBy(() -> log.append((WalRecord) null))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessageContaining("record");
            assertThatThrownBy(() -> log.append((List<WalRecord>) null))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessageContaining("records");
            assertThatThrownBy(() -> log.append(List.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("empty batch");
            List<WalRecord> withNull = new ArrayList<>(List.of(record(0), record(1)));
            withNull.add(null);
            assertThatThrownBy(() -> log.append(withNull))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessageContaining("record 2 of the batch is null");
            assertThat(log.endOffset()).isZero();
            assertThat(log.append(record(0))).isZero();
        }
    }

    @Test
    void closedLogRefusesEveryWriteSayingItIsClosed() throws Exception {
        WriteAheadLog log = WriteAheadLog.open(dir, small().build());
        log.append(record(0));
        log.close();
        log.close();
        List<Runnable> writes =
                List.of(
                        () -> log.append(record(1)),
                        () -> log.append(List.of(record(1))),
                        log::sync,
                        log::flush,
                        () -> log.truncateTo(0),
                        () -> log.deleteBefore(0),
                        () -> log.awaitDurable(5));
        for (Runnable write : writes) {
            assertThatThrownBy(write::run)
                    .isInstanceOf(WalException.class)
                    .hasMessageContaining(dir.toString())
                    .hasMessageContaining("closed");
        }
        CompletableFuture<Long> future = log.whenDurable(5);
        assertThat(future).isCompletedExceptionally();
        // What was appended before close is durable and there on reopening.
        try (WriteAheadLog reopened = WriteAheadLog.open(dir, small().build())) {
            assertThat(reopened.endOffset()).isEqualTo(1);
        }
    }

    @Test
    void truncateToBeyondTheEndOrBelowTheStartIsRefused() {
        try (WriteAheadLog log = WriteAheadLog.open(dir, small().build(), 100)) {
            append(log, 100, 150, new Random(7));
            assertThatThrownBy(() -> log.truncateTo(151))
                    .isInstanceOf(OffsetOutOfRangeException.class)
                    .hasMessageContaining(dir.toString())
                    .hasMessageContaining("offset 151")
                    .hasMessageContaining("[100, 150)");
            assertThatThrownBy(() -> log.truncateTo(99))
                    .isInstanceOf(OffsetOutOfRangeException.class)
                    .hasMessageContaining("offset 99")
                    .hasMessageContaining("[100, 150)");
            assertThat(log.endOffset()).isEqualTo(150);
            log.truncateTo(150);
            log.truncateTo(100);
            assertThat(log.endOffset()).isEqualTo(100);
        }
    }

    @Test
    void openRefusesAPathThatIsARegularFile() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        assertThatThrownBy(() -> WriteAheadLog.open(file, small().build()))
                .isInstanceOf(WalException.class)
                .hasMessageContaining(file.toString());
        assertThat(Files.readString(file)).isEqualTo("x");

        Path below = file.resolve("wal");
        assertThatThrownBy(() -> WriteAheadLog.open(below, small().build()))
                .isInstanceOf(WalException.class)
                .hasMessageContaining(below.toString());
    }

    @Test
    void openRefusesADirectoryItCannotWrite() throws Exception {
        Path readOnly = Files.createDirectory(dir.resolve("read-only"));
        boolean root = ((Integer) Files.getAttribute(readOnly, "unix:uid")) == 0;
        if (root) {
            // Permissions do not stop root; the immutable attribute does, where it can be set.
            Assumptions.assumeThat(run("chattr", "+i", readOnly.toString()))
                    .as("chattr +i works here")
                    .isZero();
        } else {
            Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        }
        try {
            assertThatThrownBy(() -> WriteAheadLog.open(readOnly, small().build()))
                    .isInstanceOf(WalException.class)
                    .hasMessageContaining(readOnly.toString())
                    .hasMessageContaining("writable");
        } finally {
            if (root) {
                run("chattr", "-i", readOnly.toString());
            } else {
                Files.setPosixFilePermissions(
                        readOnly, PosixFilePermissions.fromString("rwx------"));
            }
        }
        assertThat(fileNames(readOnly)).isEmpty();
    }

    private static int run(String... command) throws Exception {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    @Test
    void secondWriterIsRefusedNamingTheHolderInThisProcessAndInAnother() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try (WriteAheadLog log = WriteAheadLog.open(dir, small().build())) {
            log.append(record(0));
            assertThatThrownBy(() -> WriteAheadLog.open(dir, small().build()))
                    .isInstanceOf(WalException.class)
                    .hasMessageContaining(dir.toString())
                    .hasMessageContaining("already open")
                    .hasMessageContaining(ManagementFactory.getRuntimeMXBean().getName());

            // The refused attempt must not have weakened the lock for other processes.
            try (ReaderProcessTest.ChildJvm child =
                    ReaderProcessTest.ChildJvm.start(
                            ReaderProcessTest.OpenWriterMain.class, dir.toString())) {
                String answer =
                        child.awaitLine(
                                l -> l.startsWith("OPENED") || l.startsWith("REFUSED"), deadline);
                assertThat(answer)
                        .startsWith("REFUSED")
                        .contains("already open")
                        .contains(
                                "held by process "
                                        + ManagementFactory.getRuntimeMXBean().getName());
            }
            assertThat(log.append(record(1))).isEqualTo(1);
        }
        try (ReaderProcessTest.ChildJvm child =
                ReaderProcessTest.ChildJvm.start(
                        ReaderProcessTest.OpenWriterMain.class, dir.toString())) {
            assertThat(
                            child.awaitLine(
                                    l -> l.startsWith("OPENED") || l.startsWith("REFUSED"),
                                    deadline))
                    .isEqualTo("OPENED at 2");
        }
        try (WriteAheadLog log = WriteAheadLog.open(dir, small().build())) {
            assertThat(log.endOffset()).isEqualTo(2);
        }
    }

    @Test
    void everyOptionRejectsBadValuesNamingTheOption() {
        Duration forever = ChronoUnit.FOREVER.getDuration();
        List<Map.Entry<String, Runnable>> bad = new ArrayList<>();
        bad.add(Map.entry("syncPolicy", () -> WalOptions.builder().syncPolicy(null)));
        bad.add(
                Map.entry(
                        "groupCommitMaxWait", () -> WalOptions.builder().groupCommitMaxWait(null)));
        bad.add(
                Map.entry(
                        "groupCommitMaxWait",
                        () -> WalOptions.builder().groupCommitMaxWait(Duration.ZERO)));
        bad.add(
                Map.entry(
                        "groupCommitMaxWait",
                        () -> WalOptions.builder().groupCommitMaxWait(Duration.ofMillis(-1))));
        bad.add(
                Map.entry(
                        "groupCommitMaxWait",
                        () -> WalOptions.builder().groupCommitMaxWait(forever)));
        bad.add(
                Map.entry(
                        "groupCommitMaxBytes", () -> WalOptions.builder().groupCommitMaxBytes(0)));
        bad.add(Map.entry("segmentBytes", () -> WalOptions.builder().segmentBytes(4095)));
        bad.add(Map.entry("segmentBytes", () -> WalOptions.builder().segmentBytes((1 << 30) + 1)));
        bad.add(
                Map.entry(
                        "segmentMaxAge", () -> WalOptions.builder().segmentMaxAge(Duration.ZERO)));
        bad.add(Map.entry("segmentMaxAge", () -> WalOptions.builder().segmentMaxAge(null)));
        bad.add(Map.entry("segmentMaxAge", () -> WalOptions.builder().segmentMaxAge(forever)));
        bad.add(Map.entry("maxRecordBytes", () -> WalOptions.builder().maxRecordBytes(63)));
        bad.add(
                Map.entry(
                        "maxRecordBytes",
                        () -> WalOptions.builder().maxRecordBytes(Integer.MAX_VALUE).build()));
        bad.add(
                Map.entry(
                        "maxRecordBytes",
                        () ->
                                WalOptions.builder()
                                        .segmentBytes(8192)
                                        .maxRecordBytes(8192)
                                        .build()));
        bad.add(Map.entry("indexIntervalBytes", () -> WalOptions.builder().indexIntervalBytes(0)));
        bad.add(Map.entry("writeBufferBytes", () -> WalOptions.builder().writeBufferBytes(-1)));
        bad.add(Map.entry("readBufferBytes", () -> WalOptions.builder().readBufferBytes(100)));
        bad.add(
                Map.entry(
                        "readerPollInterval",
                        () -> WalOptions.builder().readerPollInterval(Duration.ZERO)));
        bad.add(
                Map.entry(
                        "readerPollInterval",
                        () -> WalOptions.builder().readerPollInterval(forever)));
        bad.add(Map.entry("corruptionPolicy", () -> WalOptions.builder().corruptionPolicy(null)));
        bad.add(Map.entry("clock", () -> WalOptions.builder().clock(null)));
        for (int i = 0; i < bad.size(); i++) {
            String option = bad.get(i).getKey();
            assertThat(catchThrowable(bad.get(i).getValue()::run))
                    .as("bad value %d, for %s", i, option)
                    .isInstanceOfAny(IllegalArgumentException.class, NullPointerException.class)
                    .hasMessageContaining(option);
        }

        // Boundary values are accepted.
        WalOptions edge =
                WalOptions.builder()
                        .segmentBytes(4096)
                        .maxRecordBytes(4096 - RecordFrame.FRAME_OVERHEAD)
                        .groupCommitMaxBytes(1)
                        .indexIntervalBytes(64)
                        .writeBufferBytes(4096)
                        .readBufferBytes(4096)
                        .groupCommitMaxWait(Duration.ofNanos(1))
                        .build();
        assertThat(edge.segmentBytes()).isEqualTo(4096);
    }
}
