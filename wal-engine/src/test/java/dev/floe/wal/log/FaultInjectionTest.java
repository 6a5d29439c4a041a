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
import static org.assertj.core.api.Assertions.fail;

import dev.floe.wal.format.RecordFrame;
import dev.floe.wal.record.Header;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.record.WalRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damages log directories the way disks and crashes do (flipped bytes, cut files, lost unsynced
 * writes, zero-filled tails) and checks what recovery and readers make of it. Every random choice
 * comes from one seed, printed at the start; rerun a failure with {@code -Dfloe.test.seed=<seed>}.
 */
class FaultInjectionTest {

    private static final int MAX_RECORD_BYTES = 1024;
    private static final Duration READ_DEADLINE = Duration.ofSeconds(20);

    private static long seed;

    @TempDir Path tmp;

    private Random rnd;
    private String seedNote;
    private int dirs;

    @BeforeAll
    static void chooseSeed() {
        seed = TestSeed.choose(FaultInjectionTest.class);
    }

    @BeforeEach
    void seedThisTest(TestInfo info) {
        String name = info.getTestMethod().orElseThrow().getName();
        rnd = new Random(seed ^ name.hashCode());
        seedNote = "seed " + seed + ", " + name;
    }

    static WalOptions options(CorruptionPolicy policy) {
        return options(policy, 4096);
    }

    static WalOptions options(CorruptionPolicy policy, int segmentBytes) {
        return WalOptions.builder()
                .segmentBytes(segmentBytes)
                .maxRecordBytes(MAX_RECORD_BYTES)
                .indexIntervalBytes(256)
                .writeBufferBytes(4096)
                .readBufferBytes(4096)
                .syncPolicy(SyncPolicy.NONE)
                .corruptionPolicy(policy)
                .build();
    }

    // ---------------------------------------------------------------- flipped bytes

    @Test
    void flippedByteInTheOpenSegmentIsCorruptionUnlessItLooksLikeATornTail() throws Exception {
        Path pristine = newDir();
        List<WalRecord> model = build(pristine, 4, 8, 300);
        Path openName = openSegment(pristine).getFileName();
        List<Frame> frames = frames(Files.readAllBytes(pristine.resolve(openName)));
        int torn = 0;
        int corrupt = 0;
        for (int iteration = 0; iteration < 30; iteration++) {
            // Every third iteration damages the last frame, where torn-tail handling applies.
            Frame frame =
                    iteration % 3 == 0
                            ? frames.get(frames.size() - 1)
                            : frames.get(rnd.nextInt(frames.size()));
            int at = (int) frame.pos + flipPosition(frame);
            int mask = 1 + rnd.nextInt(255);
            String what = describeFlip(iteration, at, mask, frame, openName);

            Path dir = copyOf(pristine);
            Path file = dir.resolve(openName);
            byte[] damaged = flip(file, at, mask);
            boolean tornTail =
                    looksLikeTornTail(
                            damaged,
                            (int) frame.pos,
                            MAX_RECORD_BYTES + RecordFrame.FRAME_OVERHEAD);
            Map<String, byte[]> before = snapshot(dir);

            if (tornTail) {
                torn++;
                try (WriteAheadLog log = WriteAheadLog.open(dir, options(CorruptionPolicy.FAIL))) {
                    assertHolds(log, model, frame.base, what);
                    assertThat(Files.size(file)).as(what).isEqualTo(frame.pos);
                    assertThat(log.append(model.get(0))).as(what).isEqualTo(frame.base);
                }
            } else {
                corrupt++;
                assertThatThrownBy(() -> WriteAheadLog.open(dir, options(CorruptionPolicy.FAIL)))
                        .as(what)
                        .isInstanceOfSatisfying(
                                CorruptLogException.class,
                                e -> {
                                    assertThat(e.file()).isEqualTo(file);
                                    assertThat(e.position()).isEqualTo(frame.pos);
                                    assertThat(e.getMessage())
                                            .contains(openName.toString())
                                            .contains("byte " + frame.pos);
                                });
                assertThat(snapshot(dir)).as(what + ": FAIL changes nothing").isEqualTo(before);
                assertNoOpenHandles(dir, what);
            }
            Path again = copyOf(pristine);
            flip(again.resolve(openName), at, mask);
            try (WriteAheadLog log =
                    WriteAheadLog.open(again, options(CorruptionPolicy.TRUNCATE))) {
                assertHolds(log, model, frame.base, what + " (TRUNCATE)");
                assertThat(Files.size(again.resolve(openName))).as(what).isEqualTo(frame.pos);
                assertThat(log.append(model.get(1))).as(what).isEqualTo(frame.base);
            }
        }
        assertThat(torn).as("iterations that were torn tails").isPositive();
        assertThat(corrupt).as("iterations that were corruption").isPositive();
    }

    @Test
    void flippedByteInASealedSegmentIsReportedByReadersAndByRecovery() throws Exception {
        Path pristine = newDir();
        List<WalRecord> model = build(pristine, 4, 1, 300);
        List<Path> sealed =
                segmentFiles(pristine).stream()
                        .filter(p -> p.getFileName().toString().endsWith(".wal"))
                        .toList();
        assertThat(sealed).hasSizeGreaterThanOrEqualTo(4);
        for (int iteration = 0; iteration < 16; iteration++) {
            Path name = sealed.get(rnd.nextInt(sealed.size())).getFileName();
            List<Frame> frames = frames(Files.readAllBytes(pristine.resolve(name)));
            // Every fourth iteration damages the segment's last frame, which has no successor.
            Frame frame =
                    iteration % 4 == 0
                            ? frames.get(frames.size() - 1)
                            : frames.get(rnd.nextInt(frames.size()));
            int at = (int) frame.pos + flipPosition(frame);
            int mask = 1 + rnd.nextInt(255);
            String what = describeFlip(iteration, at, mask, frame, name);
            Path dir = copyOf(pristine);
            Path file = dir.resolve(name);
            flip(file, at, mask);

            // Sealed segments are trusted on open (docs/formats.md), so the log opens; a reader
            // that reaches the damage must fail there, after returning only intact records.
            try (WriteAheadLog log = WriteAheadLog.open(dir, options(CorruptionPolicy.FAIL))) {
                assertThat(log.endOffset()).as(what).isEqualTo(model.size());
                long from = rnd.nextBoolean() ? 0 : rnd.nextInt((int) frame.base + 1);
                CorruptLogException e =
                        readUntilCorrupt(openReader(log, from), from, model, frame.base, what);
                assertThat(e.file()).as(what).isEqualTo(file);
                assertThat(e.position()).as(what).isEqualTo(frame.pos);
                assertThat(e.getMessage()).as(what).contains(name.toString());
            }

            // Without a valid index file recovery validates the segment while rebuilding it.
            Path index = file.resolveSibling(name.toString().substring(0, 20) + ".idx");
            if (rnd.nextBoolean()) {
                Files.delete(index);
            } else {
                flip(index, rnd.nextInt((int) Files.size(index)), 1 + rnd.nextInt(255));
            }
            Map<String, byte[]> before = snapshot(dir);
            assertThatThrownBy(() -> WriteAheadLog.open(dir, options(CorruptionPolicy.FAIL)))
                    .as(what)
                    .isInstanceOfSatisfying(
                            CorruptLogException.class,
                            e -> {
                                assertThat(e.file()).isEqualTo(file);
                                assertThat(e.position()).isEqualTo(frame.pos);
                                assertThat(e.getMessage())
                                        .contains(name.toString())
                                        .contains("byte " + frame.pos);
                            });
            assertThat(snapshot(dir)).as(what + ": FAIL changes nothing").isEqualTo(before);
            assertNoOpenHandles(dir, what);

            List<Path> recovered;
            try (WriteAheadLog log = WriteAheadLog.open(dir, options(CorruptionPolicy.TRUNCATE))) {
                recovered = segmentFiles(dir);
                assertHolds(log, model, frame.base, what + " (TRUNCATE)");
                // The append may roll into a new segment at frame.base: checked before it.
                assertThat(log.append(model.get(2))).as(what).isEqualTo(frame.base);
            }
            assertThat(recovered)
                    .as(what + ": segments after the damaged one are gone")
                    .allSatisfy(
                            p ->
                                    assertThat(p.getFileName().toString().substring(0, 20))
                                            .isLessThanOrEqualTo(name.toString().substring(0, 20)));
        }
    }

    // ---------------------------------------------------------------- cut files

    @Test
    void cutAtEveryByteOfTheLastFramesRecoversToTheLastWholeRecord() throws Exception {
        Path pristine = newDir();
        List<WalRecord> model = build(pristine, 3, 6, 24);
        Path openName = openSegment(pristine).getFileName();
        byte[] original = Files.readAllBytes(pristine.resolve(openName));
        List<Frame> frames = frames(original);
        Frame firstCut = frames.get(frames.size() - 2);
        for (long cut = firstCut.pos; cut < original.length; cut++) {
            checkCut(pristine, openName, frames, model, cut, false);
        }
    }

    @Test
    void cutAtRandomPositionsRecoversToTheLastWholeRecord() throws Exception {
        for (int build = 0; build < 3; build++) {
            Path pristine = newDir();
            List<WalRecord> model = build(pristine, 1 + rnd.nextInt(3), 8, 600);
            Path openName = openSegment(pristine).getFileName();
            byte[] original = Files.readAllBytes(pristine.resolve(openName));
            List<Frame> frames = frames(original);
            Frame first = frames.get(Math.max(0, frames.size() - 6));
            for (int i = 0; i < 12; i++) {
                long cut =
                        rnd.nextInt(4) == 0
                                ? rnd.nextInt(original.length)
                                : first.pos + rnd.nextInt((int) (original.length - first.pos));
                checkCut(pristine, openName, frames, model, cut, true);
            }
        }
    }

    private void checkCut(
            Path pristine,
            Path openName,
            List<Frame> frames,
            List<WalRecord> model,
            long cut,
            boolean reopen)
            throws Exception {
        Path dir = copyOf(pristine);
        Path file = dir.resolve(openName);
        try (var ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(cut);
        }
        long keptBytes = 0;
        long keptEnd = frames.get(0).base;
        for (Frame f : frames) {
            if (f.pos + f.size <= cut) {
                keptBytes = f.pos + f.size;
                keptEnd = f.end();
            }
        }
        String what = seedNote + ": " + openName + " cut to " + cut + " bytes";
        List<WalRecord> expected = new ArrayList<>(model.subList(0, (int) keptEnd));
        try (WriteAheadLog log = WriteAheadLog.open(dir, options(CorruptionPolicy.FAIL))) {
            assertThat(log.endOffset()).as(what).isEqualTo(keptEnd);
            assertThat(Files.size(file)).as(what).isEqualTo(keptBytes).isLessThanOrEqualTo(cut);
            WalRecord next = record(rnd, 40);
            assertThat(log.append(next)).as(what).isEqualTo(keptEnd);
            expected.add(next);
            assertHolds(log, expected, keptEnd + 1, what);
        }
        if (reopen) {
            // What was appended after recovery survives the next recovery.
            try (WriteAheadLog log = WriteAheadLog.open(dir, options(CorruptionPolicy.FAIL))) {
                assertHolds(log, expected, keptEnd + 1, what + ", reopened");
            }
        }
    }

    @Test
    void sealedSegmentCutShortIsReportedInsteadOfWaitedOn() throws Exception {
        Path pristine = newDir();
        List<WalRecord> model = build(pristine, 4, 1, 300);
        List<Path> sealed =
                segmentFiles(pristine).stream()
                        .filter(p -> p.getFileName().toString().endsWith(".wal"))
                        .toList();
        for (int iteration = 0; iteration < 10; iteration++) {
            Path name = sealed.get(rnd.nextInt(sealed.size())).getFileName();
            byte[] original = Files.readAllBytes(pristine.resolve(name));
            List<Frame> frames = frames(original);
            Frame frame = frames.get(Math.max(0, frames.size() - 1 - rnd.nextInt(3)));
            Path dir = copyOf(pristine);
            Path file = dir.resolve(name);
            String what;
            if (iteration % 2 == 0) {
                // The file ends inside or right before the frame.
                int cut = (int) frame.pos + rnd.nextInt(frame.size);
                Files.write(file, Arrays.copyOf(original, cut));
                what = seedNote + ": " + name + " cut to " + cut + " bytes";
            } else {
                // The frame's length claims more bytes than the file holds.
                int grow = (int) (original.length - frame.pos - frame.size) + 1 + rnd.nextInt(20);
                ByteBuffer.wrap(original)
                        .putInt(
                                (int) frame.pos + RecordFrame.LENGTH_OFFSET,
                                frame.size - RecordFrame.LOG_OVERHEAD + grow);
                Files.write(file, original);
                what = seedNote + ": frame at " + frame.pos + " of " + name + " grown by " + grow;
            }
            what += " (frame holds offsets " + frame.base + ".." + (frame.end() - 1) + ")";

            try (WriteAheadLog log = WriteAheadLog.open(dir, options(CorruptionPolicy.FAIL))) {
                CorruptLogException e =
                        readUntilCorrupt(openReader(log, 0), 0, model, frame.base, what);
                assertThat(e.file()).as(what).isEqualTo(file);
                assertThat(e.position()).as(what).isEqualTo(frame.pos);
            }
            Files.delete(file.resolveSibling(name.toString().substring(0, 20) + ".idx"));
            assertThatThrownBy(() -> WriteAheadLog.open(dir, options(CorruptionPolicy.FAIL)))
                    .as(what)
                    .isInstanceOfSatisfying(
                            CorruptLogException.class,
                            e -> {
                                assertThat(e.file()).isEqualTo(file);
                                assertThat(e.position()).isEqualTo(frame.pos);
                            });
            try (WriteAheadLog log = WriteAheadLog.open(dir, options(CorruptionPolicy.TRUNCATE))) {
                assertHolds(log, model, frame.base, what + " (TRUNCATE)");
            }
        }
    }

    // ---------------------------------------------------------------- power loss

    @Test
    void powerLossKeepsEverythingSyncedAndNothingAfterATornFrame() throws Exception {
        for (int iteration = 0; iteration < 12; iteration++) {
            String what = seedNote + ", iteration " + iteration;
            Path dir = newDir();
            WalOptions opts =
                    options(CorruptionPolicy.FAIL, new int[] {4096, 8192, 16384}[rnd.nextInt(3)]);
            List<WalRecord> model = new ArrayList<>();
            Map<String, byte[]> lastSnapshot = null;
            long durable = 0;
            String tailAtSnapshot = null;
            WriteAheadLog log = WriteAheadLog.open(dir, opts);
            int syncs = 1 + rnd.nextInt(4);
            for (int s = 0; s < syncs; s++) {
                appendRandom(log, model, 1 + rnd.nextInt(60));
                log.sync();
                assertThat(log.durableEndOffset()).as(what).isEqualTo(model.size());
                durable = model.size();
                lastSnapshot = snapshot(dir);
                tailAtSnapshot = openSegment(dir).getFileName().toString();
            }
            appendRandom(log, model, rnd.nextInt(80));
            if (rnd.nextBoolean()) {
                log.flush();
            }
            dir = WalCrash.crash(log, newDir());

            // The bytes written to the snapshot's open segment after the snapshot, in order.
            byte[] atSnapshot = lastSnapshot.get(tailAtSnapshot);
            byte[] later = new byte[0];
            Path grown = fileStartingWith(dir, tailAtSnapshot.substring(0, 20));
            if (grown != null) {
                byte[] now = Files.readAllBytes(grown);
                assertThat(Arrays.copyOf(now, atSnapshot.length))
                        .as(what + ": synced bytes are not rewritten")
                        .isEqualTo(atSnapshot);
                later = Arrays.copyOfRange(now, atSnapshot.length, now.length);
            }
            int prefix = rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(later.length + 1);
            int zeros = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(8192) : 0;

            restore(dir, lastSnapshot);
            try (var out =
                    Files.newOutputStream(dir.resolve(tailAtSnapshot), StandardOpenOption.APPEND)) {
                out.write(later, 0, prefix);
                out.write(new byte[zeros]);
            }
            long wholeBytes = 0;
            long expectedEnd = durable;
            for (Frame f : frames(Arrays.copyOf(later, prefix))) {
                wholeBytes = f.pos + f.size;
                expectedEnd = f.end();
            }
            what +=
                    ": "
                            + durable
                            + " records synced, "
                            + model.size()
                            + " appended, "
                            + prefix
                            + " of "
                            + later.length
                            + " later bytes and "
                            + zeros
                            + " zeros reached "
                            + tailAtSnapshot;

            try (WriteAheadLog reopened = WriteAheadLog.open(dir, opts)) {
                assertThat(reopened.endOffset()).as(what).isEqualTo(expectedEnd);
                assertThat(Files.size(dir.resolve(tailAtSnapshot)))
                        .as(what)
                        .isEqualTo(atSnapshot.length + wholeBytes);
                assertHolds(reopened, model, expectedEnd, what);
                WalRecord next = record(rnd, 100);
                assertThat(reopened.append(next)).as(what).isEqualTo(expectedEnd);
                model.subList((int) expectedEnd, model.size()).clear();
                model.add(next);
            }
            try (WriteAheadLog reopened = WriteAheadLog.open(dir, opts)) {
                assertHolds(reopened, model, expectedEnd + 1, what + ", reopened");
            }
        }
    }

    // ---------------------------------------------------------------- zero-filled tails

    @Test
    void trailingZerosAfterTheLastFrameAreATornTail() throws Exception {
        Path pristine = newDir();
        List<WalRecord> model = build(pristine, 2, 4, 200);
        Path openName = openSegment(pristine).getFileName();
        long size = Files.size(pristine.resolve(openName));
        for (int zeros :
                new int[] {1, 21, 22, 4096 - (int) (size % 4096), 1 + rnd.nextInt(20_000)}) {
            String what = seedNote + ": " + zeros + " zeros after " + openName;
            Path dir = copyOf(pristine);
            Path file = dir.resolve(openName);
            try (var out = Files.newOutputStream(file, StandardOpenOption.APPEND)) {
                out.write(new byte[zeros]);
            }
            WalRecord next = record(rnd, 50);
            try (WriteAheadLog log = WriteAheadLog.open(dir, options(CorruptionPolicy.FAIL))) {
                assertThat(Files.size(file)).as(what).isEqualTo(size);
                assertThat(log.append(next)).as(what).isEqualTo(model.size());
            }
            List<WalRecord> expected = new ArrayList<>(model);
            expected.add(next);
            try (WriteAheadLog log = WriteAheadLog.open(dir, options(CorruptionPolicy.FAIL))) {
                assertHolds(log, expected, expected.size(), what);
            }
        }
    }

    @Test
    void zerosInPlaceOfTheLastWritesAreATornTail() throws Exception {
        // After a power loss a file can keep its new size while its last blocks read as zeros:
        // frames from some point on are zero, possibly starting inside a frame.
        Path pristine = newDir();
        List<WalRecord> model = build(pristine, 2, 10, 200);
        Path openName = openSegment(pristine).getFileName();
        byte[] original = Files.readAllBytes(pristine.resolve(openName));
        List<Frame> frames = frames(original);
        Frame first = frames.get(frames.size() - 5);
        for (int i = 0; i < 24; i++) {
            int from = (int) first.pos + rnd.nextInt((int) (original.length - first.pos));
            int extra = rnd.nextBoolean() ? 0 : rnd.nextInt(8192);
            byte[] damaged = Arrays.copyOf(original, original.length + extra);
            Arrays.fill(damaged, from, damaged.length, (byte) 0);
            // Frames whose bytes the zeros did not change (a frame may end in zeros) survive.
            long keptBytes = 0;
            long keptEnd = frames.get(0).base;
            for (Frame f : frames) {
                int end = (int) f.pos + f.size;
                if (!Arrays.equals(original, (int) f.pos, end, damaged, (int) f.pos, end)) {
                    break;
                }
                keptBytes = end;
                keptEnd = f.end();
            }
            String what =
                    seedNote
                            + ": "
                            + openName
                            + " zeroed from byte "
                            + from
                            + " plus "
                            + extra
                            + " zeros; whole frames end at byte "
                            + keptBytes;
            Path dir = copyOf(pristine);
            Path file = dir.resolve(openName);
            Files.write(file, damaged);
            try (WriteAheadLog log = WriteAheadLog.open(dir, options(CorruptionPolicy.FAIL))) {
                assertHolds(log, model, keptEnd, what);
                assertThat(Files.size(file)).as(what).isEqualTo(keptBytes);
                assertThat(log.append(model.get(3))).as(what).isEqualTo(keptEnd);
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Where in a frame to flip a byte: anywhere, but every other time within its header (magic,
     * base offset, length, CRC, record count), whose damage readers and recovery must interpret.
     */
    private int flipPosition(Frame frame) {
        return rnd.nextBoolean()
                ? rnd.nextInt(RecordFrame.RECORDS_OFFSET)
                : rnd.nextInt(frame.size);
    }

    record Frame(long pos, int size, long base, int count) {
        long end() {
            return base + count;
        }
    }

    /** The valid frames at the start of a segment file's bytes. */
    static List<Frame> frames(byte[] bytes) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        List<Frame> out = new ArrayList<>();
        int pos = 0;
        while (RecordFrame.check(
                        buf, pos, bytes.length, MAX_RECORD_BYTES + RecordFrame.FRAME_OVERHEAD)
                == RecordFrame.Check.VALID) {
            int size = RecordFrame.frameSize(buf, pos);
            out.add(
                    new Frame(
                            pos,
                            size,
                            RecordFrame.baseOffset(buf, pos),
                            RecordFrame.recordCount(buf, pos)));
            pos += size;
        }
        return out;
    }

    /**
     * The documented torn-tail rule: a bad frame is an interrupted write, not corruption, when
     * nothing but zeros follows it — after its declared end if its header is plausible (magic
     * intact, length within the maximum frame), else after its header.
     */
    static boolean looksLikeTornTail(byte[] file, int frameStart, int maxFrameBytes) {
        long extent = RecordFrame.RECORDS_OFFSET;
        if (file.length - frameStart >= RecordFrame.RECORDS_OFFSET) {
            int length = ByteBuffer.wrap(file).getInt(frameStart + RecordFrame.LENGTH_OFFSET);
            if (file[frameStart] == RecordFrame.MAGIC_V1 && length > 0 && length <= maxFrameBytes) {
                extent = Math.max(extent, RecordFrame.LOG_OVERHEAD + (long) length);
            }
        }
        for (long i = frameStart + extent; i < file.length; i++) {
            if (file[(int) i] != 0) {
                return false;
            }
        }
        return true;
    }

    static WalRecord record(Random rnd, int maxValue) {
        byte[] key = rnd.nextInt(4) == 0 ? null : bytes(rnd, rnd.nextInt(12));
        List<Header> headers = new ArrayList<>();
        if (rnd.nextInt(4) == 0) {
            headers.add(new Header("trace", rnd.nextBoolean() ? null : bytes(rnd, 8)));
        }
        if (rnd.nextInt(8) == 0) {
            headers.add(new Header("ключ-" + rnd.nextInt(10), bytes(rnd, rnd.nextInt(5))));
        }
        return new WalRecord(
                1 + rnd.nextInt(1 << 30), key, bytes(rnd, rnd.nextInt(maxValue + 1)), headers);
    }

    static byte[] bytes(Random rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    /** Appends {@code count} random records, as singles and batches; the model follows. */
    private void appendRandom(WriteAheadLog log, List<WalRecord> model, int count) {
        int maxValue = rnd.nextBoolean() ? 60 : 600;
        while (count > 0) {
            if (rnd.nextInt(3) == 0) {
                int n = Math.min(count, 2 + rnd.nextInt(8));
                List<WalRecord> batch = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    batch.add(record(rnd, maxValue));
                }
                assertThat(log.append(batch)).isEqualTo(model.size());
                model.addAll(batch);
                count -= n;
            } else {
                WalRecord r = record(rnd, maxValue);
                assertThat(log.append(r)).isEqualTo(model.size());
                model.add(r);
                count--;
            }
        }
    }

    /**
     * Builds and closes a log with at least {@code sealed} sealed segments and an open segment of
     * at least {@code openFrames} frames; returns its records.
     */
    private List<WalRecord> build(Path dir, int sealed, int openFrames, int maxValue)
            throws IOException {
        List<WalRecord> model = new ArrayList<>();
        try (WriteAheadLog log = WriteAheadLog.open(dir, options(CorruptionPolicy.FAIL))) {
            while (true) {
                for (int i = 0; i < 8; i++) {
                    if (rnd.nextInt(3) == 0) {
                        List<WalRecord> batch = new ArrayList<>();
                        for (int n = 2 + rnd.nextInt(4); n > 0; n--) {
                            batch.add(record(rnd, maxValue / 3));
                        }
                        log.append(batch);
                        model.addAll(batch);
                    } else {
                        WalRecord r = record(rnd, maxValue);
                        log.append(r);
                        model.add(r);
                    }
                }
                log.flush();
                List<Path> files = segmentFiles(dir);
                if (files.size() > sealed
                        && frames(Files.readAllBytes(openSegment(dir))).size() >= openFrames) {
                    break;
                }
            }
        }
        return model;
    }

    private Path newDir() throws IOException {
        return Files.createDirectory(tmp.resolve("d" + dirs++));
    }

    private Path copyOf(Path source) throws IOException {
        Path dir = newDir();
        try (Stream<Path> files = Files.list(source)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        return dir;
    }

    static List<Path> segmentFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> SegmentFile.parse(p.getFileName().toString()).isPresent())
                    .sorted()
                    .toList();
        }
    }

    static Path openSegment(Path dir) throws IOException {
        List<Path> open =
                segmentFiles(dir).stream()
                        .filter(p -> p.getFileName().toString().endsWith(".wal.open"))
                        .toList();
        assertThat(open).as("open segments in " + dir).hasSize(1);
        return open.get(0);
    }

    private static Path fileStartingWith(Path dir, String start) throws IOException {
        for (Path p : segmentFiles(dir)) {
            if (p.getFileName().toString().startsWith(start)) {
                return p;
            }
        }
        return null;
    }

    /** Contents of the segment and index files, by name. */
    static Map<String, byte[]> snapshot(Path dir) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : (Iterable<Path>) list::iterator) {
                String name = p.getFileName().toString();
                if (SegmentFile.parse(name).isPresent() || name.endsWith(".idx")) {
                    files.put(name, Files.readAllBytes(p));
                }
            }
        }
        return new MapOfBytes(files);
    }

    /** Replaces the directory's segment and index files with a snapshot. */
    private static void restore(Path dir, Map<String, byte[]> snapshot) throws IOException {
        for (String name : snapshot(dir).keySet()) {
            Files.delete(dir.resolve(name));
        }
        for (Map.Entry<String, byte[]> e : snapshot.entrySet()) {
            Files.write(dir.resolve(e.getKey()), e.getValue());
        }
    }

    private static byte[] flip(Path file, int at, int mask) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[at] ^= (byte) mask;
        Files.write(file, bytes);
        return bytes;
    }

    /** The log holds exactly {@code model[0, end)}, readable from its start. */
    private static void assertHolds(WriteAheadLog log, List<WalRecord> model, long end, String what)
            throws Exception {
        assertThat(log.endOffset()).as(what).isEqualTo(end);
        long start = log.startOffset();
        List<LoggedRecord> got = new ArrayList<>();
        try (TailReader reader = log.openReader(start, ReadLimit.WRITTEN)) {
            long deadline = System.nanoTime() + READ_DEADLINE.toNanos();
            while (got.size() < end - start && System.nanoTime() < deadline) {
                got.addAll(reader.poll(100_000, Duration.ofMillis(200)));
            }
            got.addAll(reader.poll(100_000, Duration.ZERO));
        }
        assertThat(got).as(what + ": records read back").hasSize((int) (end - start));
        for (int i = 0; i < got.size(); i++) {
            assertThat(got.get(i).offset()).as(what).isEqualTo(start + i);
            assertThat(got.get(i).record())
                    .as(what + ": record " + (start + i))
                    .isEqualTo(model.get((int) (start + i)));
        }
    }

    /** A reader in the writer's process, or one that follows the directory like another process. */
    private TailReader openReader(WriteAheadLog log, long from) {
        return rnd.nextBoolean()
                ? log.openReader(from, ReadLimit.WRITTEN)
                : WriteAheadLog.openReader(
                        log.directory(), from, ReadLimit.WRITTEN, options(CorruptionPolicy.FAIL));
    }

    /** Reads from {@code from} until the reader fails; every record before must be intact. */
    private static CorruptLogException readUntilCorrupt(
            TailReader tailReader, long from, List<WalRecord> model, long damagedBase, String what)
            throws Exception {
        long next = from;
        try (TailReader reader = tailReader) {
            long deadline = System.nanoTime() + READ_DEADLINE.toNanos();
            while (System.nanoTime() < deadline) {
                for (LoggedRecord r : reader.poll(100_000, Duration.ofMillis(100))) {
                    assertThat(r.offset()).as(what).isEqualTo(next).isLessThan(damagedBase);
                    assertThat(r.record()).as(what).isEqualTo(model.get((int) next));
                    next++;
                }
            }
        } catch (CorruptLogException e) {
            return e;
        }
        return fail(what + ": reader stopped at offset " + next + " without reporting damage");
    }

    /** No descriptor of this process refers to a file in {@code dir} (Linux only). */
    private static void assertNoOpenHandles(Path dir, String what) throws IOException {
        Path fds = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fds)) {
            return;
        }
        List<String> open = new ArrayList<>();
        try (Stream<Path> list = Files.list(fds)) {
            for (Path fd : (Iterable<Path>) list::iterator) {
                try {
                    Path target = Files.readSymbolicLink(fd);
                    if (target.startsWith(dir)) {
                        open.add(target.getFileName().toString());
                    }
                } catch (IOException ignored) {
                    // The descriptor closed while listing.
                }
            }
        }
        assertThat(open).as(what + ": files a refused open left open").isEmpty();
    }

    /** A map whose values are byte arrays, compared by content. */
    private static final class MapOfBytes extends TreeMap<String, byte[]> {
        private static final long serialVersionUID = 1L;

        MapOfBytes(Map<String, byte[]> m) {
            super(m);
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Map<?, ?> other) || !keySet().equals(other.keySet())) {
                return false;
            }
            for (Map.Entry<String, byte[]> e : entrySet()) {
                if (!(other.get(e.getKey()) instanceof byte[] b)
                        || !Arrays.equals(e.getValue(), b)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            return keySet().hashCode();
        }
    }

    /** What a byte flip did, for assertion messages (with the seed, to replay it). */
    private String describeFlip(int iteration, int at, int mask, Frame frame, Object file) {
        return seedNote
                + ", iteration "
                + iteration
                + ": byte "
                + at
                + " ^ "
                + mask
                + " in frame at "
                + frame.pos
                + " (offsets "
                + frame.base
                + ".."
                + (frame.end() - 1)
                + ") of "
                + file;
    }
}
