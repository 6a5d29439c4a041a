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

import dev.floe.wal.record.Header;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.record.WalRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A reader in a second JVM follows the log directory (listing, {@code wal.durable}, polling) while
 * this JVM's writer appends across many segment rolls.
 */
class ReaderProcessTest {

    private static final Duration DEADLINE = Duration.ofSeconds(45);

    @TempDir Path dir;

    /** Small segments so a few thousand records roll dozens of times. */
    static WalOptions options(SyncPolicy policy) {
        return WalOptions.builder()
                .syncPolicy(policy)
                .segmentBytes(8 * 1024)
                .maxRecordBytes(1024)
                .indexIntervalBytes(512)
                .writeBufferBytes(8 * 1024)
                .groupCommitMaxWait(Duration.ofMillis(1))
                .readerPollInterval(Duration.ofMillis(2))
                .build();
    }

    /** The record every test here writes at {@code offset}; the child checks against it. */
    static WalRecord record(long offset) {
        Random rnd = new Random(offset * 0x9E3779B97F4A7C15L + 17);
        byte[] value = new byte[rnd.nextInt(240)];
        rnd.nextBytes(value);
        byte[] key = offset % 4 == 0 ? null : ("key-" + offset).getBytes(UTF_8);
        List<Header> headers =
                offset % 7 == 0
                        ? List.of(Header.of("trace", "t" + offset), new Header("empty", null))
                        : List.of();
        return new WalRecord(1_700_000_000_000L + offset, key, value, headers);
    }

    static void checksum(CRC32 crc, LoggedRecord r) {
        ByteBuffer head = ByteBuffer.allocate(16).putLong(r.offset()).putLong(r.timestamp());
        crc.update(head.array());
        if (r.key() != null) {
            crc.update(r.key());
        }
        crc.update(r.value());
        crc.update(r.record().headers().size());
    }

    static long expectedChecksum(long from, long to) {
        CRC32 crc = new CRC32();
        for (long o = from; o < to; o++) {
            checksum(crc, new LoggedRecord(o, record(o)));
        }
        return crc.getValue();
    }

    /** Appends records {@code [from, to)}, singles and batches mixed; checks the offsets. */
    static void appendRange(WriteAheadLog log, long from, long to, Random rnd) {
        long next = from;
        while (next < to) {
            if (rnd.nextInt(3) == 0) {
                int n = (int) Math.min(1 + rnd.nextInt(25), to - next);
                List<WalRecord> batch = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    batch.add(record(next + i));
                }
                assertThat(log.append(batch)).isEqualTo(next);
                next += n;
            } else {
                assertThat(log.append(record(next))).isEqualTo(next);
                next++;
            }
        }
    }

    static long sealedSegments(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".wal")).count();
        }
    }

    static long seenIn(String line) {
        return line.startsWith("SEEN ") ? Long.parseLong(line.substring(5)) : -1;
    }

    @ParameterizedTest
    @CsvSource({"DURABLE, 0", "WRITTEN, 0", "WRITTEN, 777"})
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void childJvmTailsEveryRecordInOrderAcrossSegmentRolls(ReadLimit limit, long from)
            throws Exception {
        int total = 3000;
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        Random rnd = new Random(limit.ordinal() + from);
        try (WriteAheadLog log = WriteAheadLog.open(dir, options(SyncPolicy.GROUP));
                ChildJvm child =
                        ChildJvm.start(
                                TailMain.class,
                                dir.toString(),
                                "GROUP",
                                limit.name(),
                                String.valueOf(from),
                                String.valueOf(total - from),
                                String.valueOf(DEADLINE.toSeconds()))) {
            child.awaitLine("READY"::equals, deadline);

            // First half as fast as the writer can go; the child catches up and waits at the end.
            appendRange(log, 0, total / 2, rnd);
            child.awaitLine(l -> seenIn(l) == total / 2, deadline);
            long sealedAtHalf = sealedSegments(dir);

            // Second half in chunks, each read by the child before the next is written, so the
            // child is at the end of the open segment whenever the writer writes and rolls.
            for (long chunk = total / 2; chunk < total; chunk += 100) {
                long to = Math.min(chunk + 100, total);
                appendRange(log, chunk, to, rnd);
                child.awaitLine(l -> seenIn(l) == to, deadline);
            }

            String result = child.awaitLine(l -> l.startsWith("RESULT"), deadline);
            assertThat(result)
                    .as("child output:%n%s", child.output())
                    .isEqualTo(
                            "RESULT count="
                                    + (total - from)
                                    + " last="
                                    + (total - 1)
                                    + " crc="
                                    + expectedChecksum(from, total));
            assertThat(child.awaitExit(deadline)).as(child.output()).isZero();
            assertThat(sealedAtHalf).isGreaterThan(5);
            assertThat(sealedSegments(dir)).isGreaterThan(sealedAtHalf + 5);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void durableChildStopsAtTheDurableMarkerUntilSync() throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        Random rnd = new Random(5);
        // One segment: sealing also fsyncs, and this test is about sync() alone.
        WalOptions oneSegment = options(SyncPolicy.NONE).toBuilder().segmentBytes(1 << 20).build();
        try (WriteAheadLog log = WriteAheadLog.open(dir, oneSegment);
                ChildJvm child =
                        ChildJvm.start(
                                TailMain.class,
                                dir.toString(),
                                "NONE",
                                "DURABLE",
                                "0",
                                "400",
                                String.valueOf(DEADLINE.toSeconds()))) {
            child.awaitLine("READY"::equals, deadline);
            appendRange(log, 0, 40, rnd);
            log.sync();
            child.awaitLine(l -> seenIn(l) == 40, deadline);

            // Written to the file, readable by a WRITTEN reader, but not fsynced: the child must
            // keep waiting at 40 however often it polls.
            appendRange(log, 40, 400, rnd);
            log.flush();
            int mark = child.lineCount();
            int idle = child.awaitIndex(mark, l -> l.equals("IDLE 40"), deadline);
            child.awaitIndex(idle + 1, l -> l.equals("IDLE 40"), deadline);
            assertThat(child.lines()).noneMatch(l -> seenIn(l) > 40);
            assertThat(log.durableEndOffset()).isEqualTo(40);

            log.sync();
            String result = child.awaitLine(l -> l.startsWith("RESULT"), deadline);
            assertThat(result)
                    .as("child output:%n%s", child.output())
                    .isEqualTo("RESULT count=400 last=399 crc=" + expectedChecksum(0, 400));
            assertThat(child.awaitExit(deadline)).isZero();
        }
    }

    /**
     * Child JVM: tails {@code dir} with the static, directory-based reader and checks every record
     * against {@link #record}. Args: dir, sync policy, read limit, from offset, count, seconds.
     * Prints READY, then SEEN n after every non-empty poll, IDLE n after every empty one, and
     * finally one RESULT line.
     */
    public static final class TailMain {
        public static void main(String[] args) throws Exception {
            Path dir = Path.of(args[0]);
            SyncPolicy policy = SyncPolicy.valueOf(args[1]);
            ReadLimit limit = ReadLimit.valueOf(args[2]);
            long from = Long.parseLong(args[3]);
            long count = Long.parseLong(args[4]);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[5]));
            ProcessHandle parent = ProcessHandle.current().parent().orElse(null);
            CRC32 crc = new CRC32();
            long next = from;
            try (TailReader reader = WriteAheadLog.openReader(dir, from, limit, options(policy))) {
                say("READY");
                while (next < from + count) {
                    if (System.nanoTime() > deadline || (parent != null && !parent.isAlive())) {
                        say("RESULT gave up waiting at offset " + next);
                        System.exit(2);
                    }
                    List<LoggedRecord> got = reader.poll(64, Duration.ofMillis(50));
                    for (LoggedRecord r : got) {
                        if (r.offset() != next || !r.record().equals(record(next))) {
                            say(
                                    "RESULT wrong record: expected offset "
                                            + next
                                            + " with "
                                            + record(next)
                                            + ", got offset "
                                            + r.offset()
                                            + " with "
                                            + r.record());
                            System.exit(3);
                        }
                        checksum(crc, r);
                        next++;
                    }
                    say((got.isEmpty() ? "IDLE " : "SEEN ") + next);
                }
            } catch (Exception e) {
                say("RESULT failed at offset " + next + ": " + e);
                System.exit(4);
            }
            say("RESULT count=" + (next - from) + " last=" + (next - 1) + " crc=" + crc.getValue());
        }
    }

    /** Child JVM: tries to open {@code dir} as a writer; prints OPENED or REFUSED message. */
    public static final class OpenWriterMain {
        public static void main(String[] args) {
            try (WriteAheadLog log =
                    WriteAheadLog.open(Path.of(args[0]), options(SyncPolicy.GROUP))) {
                say("OPENED at " + log.endOffset());
            } catch (WalException e) {
                say("REFUSED " + e.getMessage());
            }
        }
    }

    static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    /**
     * A child {@code java} process on this JVM's class path whose output lines are collected. Close
     * kills it: use in try-with-resources so a failing test never leaves it running.
     */
    static final class ChildJvm implements AutoCloseable {
        private final Process process;
        private final List<String> lines = new ArrayList<>();
        private final Thread pump;

        private ChildJvm(Process process) {
            this.process = process;
            this.pump = new Thread(this::pump, "child-jvm-output-" + process.pid());
            pump.setDaemon(true);
            pump.start();
        }

        static ChildJvm start(Class<?> mainClass, String... args) throws IOException {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Xmx256m");
            command.add("-XX:TieredStopAtLevel=1");
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(mainClass.getName());
            command.addAll(List.of(args));
            return new ChildJvm(new ProcessBuilder(command).redirectErrorStream(true).start());
        }

        private void pump() {
            try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(line);
                        lines.notifyAll();
                    }
                }
            } catch (IOException e) {
                // The process was killed; what was read stays in lines.
            } finally {
                synchronized (lines) {
                    lines.add("<end of output>");
                    lines.notifyAll();
                }
            }
        }

        int lineCount() {
            synchronized (lines) {
                return lines.size();
            }
        }

        List<String> lines() {
            synchronized (lines) {
                return List.copyOf(lines);
            }
        }

        String output() {
            return String.join(System.lineSeparator(), lines());
        }

        String awaitLine(Predicate<String> matches, long deadlineNanos)
                throws InterruptedException {
            int index = awaitIndex(0, matches, deadlineNanos);
            synchronized (lines) {
                return lines.get(index);
            }
        }

        /** Waits for a matching line at index {@code from} or later and returns its index. */
        int awaitIndex(int from, Predicate<String> matches, long deadlineNanos)
                throws InterruptedException {
            synchronized (lines) {
                int checked = from;
                while (true) {
                    for (; checked < lines.size(); checked++) {
                        String line = lines.get(checked);
                        if (matches.test(line)) {
                            return checked;
                        }
                        if (line.equals("<end of output>")) {
                            throw new AssertionError(
                                    "child exited without the expected line; output:\n"
                                            + String.join("\n", lines));
                        }
                    }
                    long left = deadlineNanos - System.nanoTime();
                    if (left <= 0) {
                        throw new AssertionError(
                                "child did not print the expected line in time; output:\n"
                                        + String.join("\n", lines));
                    }
                    TimeUnit.NANOSECONDS.timedWait(lines, left);
                }
            }
        }

        int awaitExit(long deadlineNanos) throws InterruptedException {
            long left = Math.max(0, deadlineNanos - System.nanoTime());
            if (!process.waitFor(left, TimeUnit.NANOSECONDS)) {
                throw new AssertionError("child did not exit in time; output:\n" + output());
            }
            return process.exitValue();
        }

        @Override
        public void close() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            pump.join(TimeUnit.SECONDS.toMillis(5));
        }
    }
}
