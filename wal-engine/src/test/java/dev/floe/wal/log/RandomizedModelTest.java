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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random sequences of log operations checked against a list of records. Every random choice comes
 * from one seed, printed at the start; rerun a failure with {@code -Dfloe.test.seed=<seed>}.
 */
class RandomizedModelTest {

    private static final int RUNS = 5;
    private static final int OPERATIONS = 500;
    private static final Duration SEGMENT_MAX_AGE = Duration.ofMinutes(10);
    private static final Duration READ_DEADLINE = Duration.ofSeconds(20);

    private static long seed;

    @TempDir Path tmp;

    @BeforeAll
    static void chooseSeed() {
        seed = TestSeed.choose(RandomizedModelTest.class);
    }

    @Test
    void randomOperationSequencesAgreeWithTheModel() throws Exception {
        for (int run = 0; run < RUNS; run++) {
            new Run(seed + run, Files.createDirectory(tmp.resolve("run-" + run))).execute();
        }
    }

    @Test
    void rejectedAppendsLeaveTheLogUnchanged() throws Exception {
        Random rnd = new Random(seed);
        Path dir = tmp.resolve("rejected");
        WalOptions opts = WalOptions.builder().syncPolicy(SyncPolicy.NONE).build();
        String longKey = "k".repeat(0x10000);
        List<Header> tooManyHeaders = distinctHeaders(0x10000);
        List<WalRecord> invalid =
                List.of(
                        new WalRecord(1, null, new byte[0], List.of(new Header(longKey, null))),
                        new WalRecord(2, null, new byte[0], tooManyHeaders),
                        WalRecord.of(3, null, new byte[opts.maxRecordBytes()]));
        List<WalRecord> model = new ArrayList<>();
        try (WriteAheadLog log = WriteAheadLog.open(dir, opts)) {
            for (WalRecord bad : invalid) {
                model.add(record(rnd, 100, opts.maxRecordBytes()));
                assertThat(log.append(model.get(model.size() - 1))).isEqualTo(model.size() - 1);

                assertThatThrownBy(() -> log.append(bad))
                        .as(bad.toString())
                        .isInstanceOfAny(IllegalArgumentException.class, WalException.class);
                List<WalRecord> batch =
                        new ArrayList<>(List.of(record(rnd, 100, 2000), record(rnd, 100, 2000)));
                batch.add(rnd.nextInt(3), bad);
                assertThatThrownBy(() -> log.append(batch))
                        .as("batch with " + bad)
                        .isInstanceOfAny(IllegalArgumentException.class, WalException.class);
                assertThat(log.endOffset()).isEqualTo(model.size());

                model.add(record(rnd, 100, opts.maxRecordBytes()));
                assertThat(log.append(model.get(model.size() - 1))).isEqualTo(model.size() - 1);
            }
            log.sync();
            assertReadsBack(log, 0, model, ReadLimit.DURABLE, "after rejected appends");
        }
        try (WriteAheadLog log = WriteAheadLog.open(dir, opts)) {
            assertThat(log.endOffset()).isEqualTo(model.size());
            assertReadsBack(log, 0, model, ReadLimit.WRITTEN, "reopened after rejected appends");
        }
    }

    /** One random sequence of operations on one log directory. */
    private static final class Run {
        private final long runSeed;
        private final Random rnd;
        private final Path base;
        private Path dir;
        private int crashes;
        private final ManualClock clock = new ManualClock();
        private final WalOptions opts;
        private final Deque<String> history = new ArrayDeque<>();
        private final List<WalRecord> model = new ArrayList<>();
        private WriteAheadLog log;
        private long start;
        private long durable;
        private final Map<String, Integer> counts = new TreeMap<>();

        Run(long runSeed, Path dir) {
            this.runSeed = runSeed;
            this.rnd = new Random(runSeed);
            this.base = dir;
            this.dir = dir;
            this.opts =
                    WalOptions.builder()
                            .syncPolicy(
                                    SyncPolicy.values()[rnd.nextInt(SyncPolicy.values().length)])
                            .segmentBytes((4 + rnd.nextInt(13)) * 1024)
                            .maxRecordBytes(900 + rnd.nextInt(300))
                            .indexIntervalBytes(64 + rnd.nextInt(1024))
                            .writeBufferBytes(4096 * (1 + rnd.nextInt(3)))
                            .readBufferBytes(4096)
                            .groupCommitMaxWait(Duration.ofMillis(1 + rnd.nextInt(3)))
                            .segmentMaxAge(SEGMENT_MAX_AGE)
                            .clock(clock)
                            .build();
        }

        void execute() throws Exception {
            String config =
                    "run seed "
                            + runSeed
                            + " (class seed "
                            + seed
                            + "): sync "
                            + opts.syncPolicy()
                            + ", segmentBytes "
                            + opts.segmentBytes()
                            + ", maxRecordBytes "
                            + opts.maxRecordBytes()
                            + ", indexIntervalBytes "
                            + opts.indexIntervalBytes()
                            + ", writeBufferBytes "
                            + opts.writeBufferBytes();
            System.out.println("RandomizedModelTest " + config);
            try {
                log = WriteAheadLog.open(dir, opts);
                for (int op = 0; op < OPERATIONS; op++) {
                    step(op);
                    assertThat(log.endOffset()).as("endOffset").isEqualTo(model.size());
                    assertThat(log.startOffset()).as("startOffset").isEqualTo(start);
                    assertThat(log.durableEndOffset())
                            .as("durableEndOffset")
                            .isBetween(durable, (long) model.size());
                }
                log.close();
                log = WriteAheadLog.open(dir, opts);
                verifyAll(ReadLimit.DURABLE, "final reopen");
                log.close();
                System.out.println(
                        "RandomizedModelTest run seed "
                                + runSeed
                                + " done: offsets ["
                                + start
                                + ", "
                                + model.size()
                                + "), "
                                + counts);
            } catch (Throwable t) {
                if (log != null) {
                    try {
                        log.close();
                    } catch (RuntimeException e) {
                        t.addSuppressed(e);
                    }
                }
                throw new AssertionError(
                        config
                                + "\n  model: offsets ["
                                + start
                                + ", "
                                + model.size()
                                + "), durable from "
                                + durable
                                + "\n  last operations:\n    "
                                + String.join("\n    ", history)
                                + "\n  failure: "
                                + t,
                        t);
            }
        }

        private void count(String what, int n) {
            counts.merge(what, n, Integer::sum);
        }

        private void note(String op) {
            history.addLast(op);
            if (history.size() > 25) {
                history.removeFirst();
            }
        }

        private void step(int op) throws Exception {
            int p = rnd.nextInt(100);
            if (p < 30) {
                appendOne(op);
            } else if (p < 44) {
                appendBatch(op);
            } else if (p < 47) {
                appendOversized(op);
            } else if (p < 54) {
                note(op + ": sync");
                log.sync();
                durable = model.size();
                assertThat(log.durableEndOffset()).isEqualTo(model.size());
            } else if (p < 58) {
                note(op + ": flush");
                log.flush();
            } else if (p < 63) {
                truncate(op);
            } else if (p < 64) {
                truncateOutOfRange(op);
            } else if (p < 69) {
                deleteBefore(op);
            } else if (p < 72) {
                closeAndReopen(op);
            } else if (p < 76) {
                crashAndReopen(op);
            } else if (p < 78) {
                rollByAge(op);
            } else if (p < 86) {
                note(op + ": read all");
                verifyAll(rnd.nextBoolean() ? ReadLimit.WRITTEN : ReadLimit.DURABLE, "op " + op);
            } else if (p < 90) {
                long from = start + rnd.nextInt((int) (model.size() - start) + 1);
                note(op + ": read from " + from);
                verifyFrom(from, rnd.nextBoolean() ? ReadLimit.WRITTEN : ReadLimit.DURABLE);
            } else {
                appendOne(op);
            }
        }

        private void appendOne(int op) {
            WalRecord r = record(rnd, sizeClass(), opts.maxRecordBytes());
            note(op + ": append " + r);
            count("appends", 1);
            assertThat(log.append(r)).isEqualTo(model.size());
            model.add(r);
            afterAppend();
        }

        private void appendBatch(int op) {
            List<WalRecord> batch = new ArrayList<>();
            int maxValue = sizeClass();
            for (int n = 1 + rnd.nextInt(rnd.nextInt(4) == 0 ? 40 : 8); n > 0; n--) {
                batch.add(record(rnd, maxValue, opts.maxRecordBytes()));
            }
            note(op + ": append batch of " + batch.size() + " (values up to " + maxValue + "B)");
            count("batches", 1);
            assertThat(log.append(batch)).isEqualTo(model.size());
            model.addAll(batch);
            afterAppend();
        }

        private void afterAppend() {
            if (opts.syncPolicy() == SyncPolicy.ALWAYS) {
                durable = model.size();
            }
        }

        /** A record one byte over the limit, alone or in a batch: refused, nothing written. */
        private void appendOversized(int op) {
            WalRecord base = record(rnd, 10, opts.maxRecordBytes());
            int excess = opts.maxRecordBytes() + 1 - RecordFrame.recordSize(base);
            WalRecord bad =
                    new WalRecord(
                            base.timestamp(),
                            base.key(),
                            new byte[base.value().length + excess],
                            base.headers());
            assertThat(RecordFrame.recordSize(bad)).isEqualTo(opts.maxRecordBytes() + 1);
            if (rnd.nextBoolean()) {
                note(op + ": append oversized " + bad);
                assertThatThrownBy(() -> log.append(bad))
                        .isInstanceOf(WalException.class)
                        .hasMessageContaining("offset " + model.size())
                        .hasMessageContaining("maxRecordBytes");
            } else {
                List<WalRecord> batch = new ArrayList<>();
                for (int n = rnd.nextInt(6); n > 0; n--) {
                    batch.add(record(rnd, 50, opts.maxRecordBytes()));
                }
                int at = rnd.nextInt(batch.size() + 1);
                batch.add(at, bad);
                note(op + ": append batch of " + batch.size() + " with oversized at " + at);
                assertThatThrownBy(() -> log.append(batch))
                        .isInstanceOf(WalException.class)
                        .hasMessageContaining("offset " + (model.size() + at));
            }
        }

        private int sizeClass() {
            int c = rnd.nextInt(20);
            return c < 12 ? 64 : c < 18 ? 400 : opts.maxRecordBytes();
        }

        private void truncate(int op) {
            // Mostly a few records off the end (as a restore would), sometimes deep.
            long to =
                    rnd.nextInt(3) == 0
                            ? start + rnd.nextInt((int) (model.size() - start) + 1)
                            : Math.max(start, model.size() - rnd.nextInt(20));
            note(op + ": truncateTo " + to);
            count("truncated records", model.size() - (int) to);
            log.truncateTo(to);
            if (to < model.size()) {
                // Durable when it returns: everything below the cut is now on disk.
                model.subList((int) to, model.size()).clear();
                durable = to;
            }
        }

        private void truncateOutOfRange(int op) {
            long to =
                    start > 0 && rnd.nextBoolean()
                            ? rnd.nextInt((int) start)
                            : model.size() + 1 + rnd.nextInt(5);
            note(op + ": truncateTo " + to + " (out of range)");
            assertThatThrownBy(() -> log.truncateTo(to))
                    .isInstanceOf(OffsetOutOfRangeException.class)
                    .hasMessageContaining(String.valueOf(to));
        }

        private void deleteBefore(int op) throws Exception {
            long below = rnd.nextInt(model.size() + 10);
            note(op + ": deleteBefore " + below);
            long newStart = log.deleteBefore(below);
            assertThat(newStart)
                    .as("deleteBefore(%d) from start %d", below, start)
                    .isGreaterThanOrEqualTo(start)
                    .isLessThanOrEqualTo(Math.max(below, start))
                    .isLessThanOrEqualTo(model.size());
            List<SegmentFile> files = segmentFiles();
            assertThat(files.get(0).startOffset()).isEqualTo(newStart);
            if (files.get(0).sealed()) {
                assertThat(files.get(0).endOffset())
                        .as("the first remaining segment holds offsets at or above %d", below)
                        .isGreaterThan(Math.min(below, model.size()));
            }
            count("deleted records", (int) (newStart - start));
            start = newStart;
            verifyFrom(start, ReadLimit.WRITTEN);
        }

        private void closeAndReopen(int op) throws Exception {
            note(op + ": close and reopen");
            log.close();
            log =
                    rnd.nextBoolean()
                            ? WriteAheadLog.open(dir, opts)
                            : WriteAheadLog.open(dir, opts, rnd.nextInt(1000));
            durable = model.size();
            assertThat(log.endOffset()).isEqualTo(model.size());
            assertThat(log.startOffset()).isEqualTo(start);
        }

        /**
         * A crash keeps at least what was durable; later records may or may not survive, but what
         * survives is a prefix of what was appended. The model becomes what survived.
         */
        private void crashAndReopen(int op) throws Exception {
            long lower = Math.max(durable, log.durableEndOffset());
            note(op + ": crash (durable " + lower + " of " + model.size() + ") and reopen");
            dir =
                    WalCrash.crash(
                            log, base.resolveSibling(base.getFileName() + "-crash-" + ++crashes));
            log = WriteAheadLog.open(dir, opts);
            long survived = log.endOffset();
            note(op + ": " + survived + " records survived the crash");
            assertThat(survived).isBetween(lower, (long) model.size());
            count("crashes", 1);
            count("records lost in crashes", model.size() - (int) survived);
            model.subList((int) survived, model.size()).clear();
            durable = survived;
            assertThat(log.startOffset()).isEqualTo(start);
            verifyAll(ReadLimit.DURABLE, "after crash at op " + op);
        }

        /** After the segment's maximum age the next append starts a new segment. */
        private void rollByAge(int op) throws IOException {
            log.flush();
            SegmentFile before = segmentFiles().get(segmentFiles().size() - 1);
            long bytesBefore = Files.size(dir.resolve(before.fileName()));
            clock.advance(SEGMENT_MAX_AGE.plusMillis(1));
            note(op + ": segment age passed; open segment " + before + ", " + bytesBefore + "B");
            appendOne(op);
            log.flush();
            List<SegmentFile> files = segmentFiles();
            SegmentFile after = files.get(files.size() - 1);
            assertThat(after.sealed()).isFalse();
            count("age rolls", bytesBefore > 0 ? 1 : 0);
            assertThat(after.startOffset())
                    .isEqualTo(bytesBefore > 0 ? model.size() - 1 : before.startOffset());
        }

        private List<SegmentFile> segmentFiles() throws IOException {
            try (Stream<Path> files = Files.list(dir)) {
                return files.flatMap(p -> SegmentFile.parse(p.getFileName().toString()).stream())
                        .sorted(
                                (a, b) ->
                                        a.startOffset() != b.startOffset()
                                                ? Long.compare(a.startOffset(), b.startOffset())
                                                : Boolean.compare(b.sealed(), a.sealed()))
                        .toList();
            }
        }

        private void verifyAll(ReadLimit limit, String what) throws Exception {
            verify(start, limit, what);
        }

        private void verifyFrom(long from, ReadLimit limit) throws Exception {
            verify(from, limit, "read from " + from);
        }

        private void verify(long from, ReadLimit limit, String what) throws Exception {
            if (limit == ReadLimit.DURABLE) {
                log.sync();
                durable = model.size();
            } else {
                log.flush();
            }
            assertReadsBack(log, from, model, limit, what + " (" + limit + ")");
            count("records read", model.size() - (int) from);
        }
    }

    /** A reader from {@code from} returns exactly {@code model[from, end)}, then nothing. */
    static void assertReadsBack(
            WriteAheadLog log, long from, List<WalRecord> model, ReadLimit limit, String what)
            throws Exception {
        List<LoggedRecord> got = new ArrayList<>();
        long expected = model.size() - from;
        try (TailReader reader = log.openReader(from, limit)) {
            long deadline = System.nanoTime() + READ_DEADLINE.toNanos();
            while (got.size() < expected && System.nanoTime() < deadline) {
                got.addAll(reader.poll(100_000, Duration.ofMillis(200)));
            }
            got.addAll(reader.poll(100_000, Duration.ZERO));
        }
        assertThat(got).as(what + ": records from " + from).hasSize((int) expected);
        for (int i = 0; i < got.size(); i++) {
            long offset = from + i;
            assertThat(got.get(i).offset()).as(what).isEqualTo(offset);
            assertThat(got.get(i).record())
                    .as(what + ": record " + offset)
                    .isEqualTo(model.get((int) offset));
        }
    }

    /** A random valid record with a value of up to {@code maxValue} bytes. */
    static WalRecord record(Random rnd, int maxValue, int maxRecordBytes) {
        byte[] key =
                rnd.nextInt(5) == 0
                        ? null
                        : ("key-" + rnd.nextInt(1000)).getBytes(StandardCharsets.UTF_8);
        List<Header> headers = new ArrayList<>();
        for (int n = rnd.nextInt(6) == 0 ? 1 + rnd.nextInt(3) : 0; n > 0; n--) {
            headers.add(
                    rnd.nextBoolean()
                            ? new Header("h" + n, null)
                            : Header.of("ключ-" + n, "v" + rnd.nextInt(100)));
        }
        byte[] value = new byte[rnd.nextInt(maxValue + 1)];
        rnd.nextBytes(value);
        WalRecord r = new WalRecord(rnd.nextLong(), key, value, headers);
        int excess = RecordFrame.recordSize(r) - maxRecordBytes;
        if (excess > 0) {
            r =
                    new WalRecord(
                            r.timestamp(),
                            key,
                            Arrays.copyOf(value, Math.max(0, value.length - excess)),
                            headers);
        }
        return r;
    }

    /** A clock that moves only when told; the log reads it from appending threads. */
    private static final class ManualClock extends Clock {
        private final AtomicLong millis = new AtomicLong(1_700_000_000_000L);

        void advance(Duration d) {
            millis.addAndGet(d.toMillis());
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
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }

        @Override
        public long millis() {
            return millis.get();
        }
    }

    static List<Header> distinctHeaders(int count) {
        List<Header> headers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            headers.add(new Header("h" + i, null));
        }
        return headers;
    }
}
