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
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Appenders and in-process tail readers running at the same time on one log. */
class ConcurrencyTest {

    private static final Duration DEADLINE = Duration.ofSeconds(40);

    @TempDir Path dir;

    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** Small segments and buffers: thousands of records roll the segment hundreds of times. */
    static WalOptions smallSegments() {
        return WalOptions.builder()
                .segmentBytes(8 * 1024)
                .maxRecordBytes(1024)
                .indexIntervalBytes(512)
                .writeBufferBytes(8 * 1024)
                .groupCommitMaxWait(Duration.ofMillis(1))
                .build();
    }

    static WalRecord record(long offset) {
        Random rnd = new Random(offset * 0x9E3779B97F4A7C15L + 3);
        byte[] value = new byte[rnd.nextInt(200)];
        rnd.nextBytes(value);
        byte[] key = offset % 5 == 0 ? null : ("k" + offset).getBytes(UTF_8);
        List<Header> headers = offset % 9 == 0 ? List.of(Header.of("h", "v" + offset)) : List.of();
        return new WalRecord(offset * 10, key, value, headers);
    }

    static List<WalRecord> records(long from, int count) {
        List<WalRecord> batch = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            batch.add(record(from + i));
        }
        return batch;
    }

    static void await(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    /**
     * Reads {@code [from, until)} and checks each record's offset and content; a DURABLE reader
     * must never get a record at or past the log's durable end at that moment, a WRITTEN one never
     * past what was handed to the operating system.
     */
    static Callable<Long> readTask(
            WriteAheadLog log, TailReader reader, ReadLimit limit, long from, long until) {
        return () -> {
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            Random rnd = new Random(from);
            long next = from;
            try (reader) {
                while (next < until) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError(
                                limit + " reader from " + from + " stuck at offset " + next);
                    }
                    List<LoggedRecord> got =
                            reader.poll(1 + rnd.nextInt(300), Duration.ofMillis(500));
                    long durableNow = log.durableEndOffset();
                    long writtenNow = log.stats().writtenEnd();
                    for (LoggedRecord r : got) {
                        if (r.offset() != next) {
                            throw new AssertionError(
                                    limit
                                            + " reader from "
                                            + from
                                            + " expected offset "
                                            + next
                                            + ", got "
                                            + r.offset());
                        }
                        if (!r.record().equals(record(next))) {
                            throw new AssertionError(
                                    "wrong content at offset " + next + ": " + r.record());
                        }
                        long visibleEnd = limit == ReadLimit.DURABLE ? durableNow : writtenNow;
                        if (r.offset() >= visibleEnd) {
                            throw new AssertionError(
                                    limit
                                            + " reader got offset "
                                            + r.offset()
                                            + " while the log's "
                                            + limit
                                            + " end was "
                                            + visibleEnd);
                        }
                        next++;
                    }
                }
                List<LoggedRecord> extra = reader.poll(10, Duration.ofMillis(20));
                if (!extra.isEmpty()) {
                    throw new AssertionError("read past the last record: " + extra.get(0));
                }
            }
            return next - from;
        };
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void oneWriterAndManyTailReadersEachSeeEveryOffsetOnceInOrder() throws Exception {
        int total = 30_000;
        try (WriteAheadLog log = WriteAheadLog.open(dir, smallSegments())) {
            AtomicLong lastNotified = new AtomicLong();
            AtomicReference<String> listenerProblem = new AtomicReference<>();
            log.addDurabilityListener(
                    end -> {
                        if (end < lastNotified.get() || end > log.durableEndOffset()) {
                            listenerProblem.compareAndSet(
                                    null,
                                    "listener told "
                                            + end
                                            + " after "
                                            + lastNotified.get()
                                            + ", durable end "
                                            + log.durableEndOffset());
                        }
                        lastNotified.set(end);
                    });

            // Opened before any data exists: at the start, and at offsets still in the future.
            List<Future<Long>> readers = new ArrayList<>();
            List<Long> starts = new ArrayList<>();
            for (Object[] spec :
                    new Object[][] {
                        {0L, ReadLimit.DURABLE},
                        {0L, ReadLimit.WRITTEN},
                        {9_999L, ReadLimit.WRITTEN},
                        {21_001L, ReadLimit.DURABLE},
                    }) {
                long from = (Long) spec[0];
                ReadLimit limit = (ReadLimit) spec[1];
                starts.add(from);
                readers.add(
                        pool.submit(
                                readTask(log, log.openReader(from, limit), limit, from, total)));
            }

            CountDownLatch halfway = new CountDownLatch(1);
            Future<?> writer =
                    pool.submit(
                            () -> {
                                Random rnd = new Random(42);
                                long next = 0;
                                while (next < total) {
                                    if (next >= total / 2) {
                                        halfway.countDown();
                                    }
                                    if (rnd.nextInt(3) == 0) {
                                        int n = (int) Math.min(1 + rnd.nextInt(40), total - next);
                                        assertThat(log.append(records(next, n))).isEqualTo(next);
                                        next += n;
                                    } else {
                                        assertThat(log.append(record(next))).isEqualTo(next);
                                        next++;
                                    }
                                }
                                return null;
                            });

            // Opened mid-stream: one far behind the writer, one at its current end.
            assertThat(halfway.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
            starts.add(17L);
            readers.add(
                    pool.submit(
                            readTask(
                                    log,
                                    log.openReader(17, ReadLimit.DURABLE),
                                    ReadLimit.DURABLE,
                                    17,
                                    total)));
            long end = log.endOffset();
            starts.add(end);
            readers.add(
                    pool.submit(
                            readTask(
                                    log,
                                    log.openReader(end, ReadLimit.WRITTEN),
                                    ReadLimit.WRITTEN,
                                    end,
                                    total)));

            writer.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            for (int i = 0; i < readers.size(); i++) {
                assertThat(readers.get(i).get(DEADLINE.toSeconds(), TimeUnit.SECONDS))
                        .as("records read by the reader from offset %d", starts.get(i))
                        .isEqualTo(total - starts.get(i));
            }
            assertThat(log.stats().segments()).isGreaterThan(100);
            assertThat(log.durableEndOffset()).isEqualTo(total);
            await(() -> lastNotified.get() == total, DEADLINE, "the listener is told " + total);
            assertThat(listenerProblem.get()).isNull();
        }
    }

    /** A record whose content says which appender wrote it and its sequence number there. */
    static WalRecord appenderRecord(int appender, int seq) {
        byte[] value = new byte[20 + (seq * 37 + appender * 11) % 180];
        ByteBuffer.wrap(value).putInt(appender).putInt(seq);
        return new WalRecord(
                appender * 1_000_000L + seq, ("appender-" + appender).getBytes(UTF_8), value, null);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void concurrentAppendersGetDenseUniqueOffsetsAndBatchesStayContiguous() throws Exception {
        int appenders = 4;
        int perAppender = 1500;
        int total = appenders * perAppender;
        // Batches larger than a write buffer must wait for buffer space between their frames.
        WalOptions options =
                WalOptions.builder()
                        .segmentBytes(16 * 1024)
                        .maxRecordBytes(512)
                        .writeBufferBytes(4096)
                        .groupCommitMaxWait(Duration.ofMillis(1))
                        .build();
        Map<Long, WalRecord> byOffset = new ConcurrentHashMap<>();
        AtomicReference<String> duplicate = new AtomicReference<>();
        try (WriteAheadLog log = WriteAheadLog.open(dir, options)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int a = 0; a < appenders; a++) {
                int appender = a;
                futures.add(
                        pool.submit(
                                () -> {
                                    Random rnd = new Random(appender);
                                    start.await();
                                    int seq = 0;
                                    while (seq < perAppender) {
                                        int n =
                                                rnd.nextBoolean()
                                                        ? 1
                                                        : Math.min(
                                                                2 + rnd.nextInt(60),
                                                                perAppender - seq);
                                        List<WalRecord> batch = new ArrayList<>(n);
                                        for (int i = 0; i < n; i++) {
                                            batch.add(appenderRecord(appender, seq + i));
                                        }
                                        long first =
                                                n == 1
                                                        ? log.append(batch.get(0))
                                                        : log.append(batch);
                                        for (int i = 0; i < n; i++) {
                                            if (byOffset.putIfAbsent(first + i, batch.get(i))
                                                    != null) {
                                                duplicate.compareAndSet(
                                                        null, "offset " + (first + i) + " twice");
                                            }
                                        }
                                        seq += n;
                                    }
                                    return null;
                                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            }
            assertThat(duplicate.get()).isNull();
            assertThat(log.endOffset()).isEqualTo(total);
            assertThat(byOffset).hasSize(total);
            assertThat(byOffset.keySet()).allMatch(o -> o >= 0 && o < total);

            // What is in the log at each offset is what the appender was told it got there.
            log.flush();
            int[] lastSeq = new int[appenders];
            Arrays.fill(lastSeq, -1);
            try (TailReader reader = log.openReader(0, ReadLimit.WRITTEN)) {
                long next = 0;
                long deadline = System.nanoTime() + DEADLINE.toNanos();
                while (next < total && System.nanoTime() < deadline) {
                    for (LoggedRecord r : reader.poll(1000, Duration.ofMillis(100))) {
                        assertThat(r.offset()).isEqualTo(next);
                        assertThat(r.record())
                                .as("record at offset %d", next)
                                .isEqualTo(byOffset.get(next));
                        ByteBuffer value = ByteBuffer.wrap(r.value());
                        int appender = value.getInt();
                        int seq = value.getInt();
                        assertThat(seq)
                                .as("appender %d's records are in the order it appended", appender)
                                .isEqualTo(lastSeq[appender] + 1);
                        lastSeq[appender] = seq;
                        next++;
                    }
                }
                assertThat(next).isEqualTo(total);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ReadLimit.class)
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void readerWaitingAtTheEndWakesPromptlyWhenARecordArrives(ReadLimit limit) throws Exception {
        try (WriteAheadLog log = WriteAheadLog.open(dir, WalOptions.defaults())) {
            log.append(records(0, 10));
            log.sync();
            try (TailReader reader = log.openReader(10, limit)) {
                AtomicReference<Thread> polling = new AtomicReference<>();
                Future<List<LoggedRecord>> poll =
                        pool.submit(
                                () -> {
                                    polling.set(Thread.currentThread());
                                    return reader.poll(100, Duration.ofSeconds(10));
                                });
                await(
                        () ->
                                polling.get() != null
                                        && polling.get().getState() == Thread.State.TIMED_WAITING,
                        Duration.ofSeconds(10),
                        "the reader waits at the end");

                long appended = System.nanoTime();
                assertThat(log.append(record(10))).isEqualTo(10);
                List<LoggedRecord> got = poll.get(20, TimeUnit.SECONDS);
                Duration took = Duration.ofNanos(System.nanoTime() - appended);

                assertThat(got).extracting(LoggedRecord::offset).containsExactly(10L);
                assertThat(got.get(0).record()).isEqualTo(record(10));
                assertThat(took)
                        .as("the reader returns the record well before its 10 s poll timeout")
                        .isLessThan(Duration.ofSeconds(5));
            }
        }
    }
}
