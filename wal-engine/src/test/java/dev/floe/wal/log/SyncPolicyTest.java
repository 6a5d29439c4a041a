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

import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.record.WalRecord;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** When appended records become durable under each {@link SyncPolicy}, and who can see them. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SyncPolicyTest {

    @TempDir Path dir;

    static WalRecord record(long i) {
        return WalRecord.of(i, ("k" + i).getBytes(UTF_8), ("value-" + i).getBytes(UTF_8));
    }

    static WalOptions.Builder options(SyncPolicy policy) {
        return WalOptions.builder().syncPolicy(policy).readerPollInterval(Duration.ofMillis(2));
    }

    /** Reads {@code count} records from the reader's position, failing after 20 s. */
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

    /**
     * The value of the {@code wal.durable} file as another process would read it: 0 while the log
     * has not created it.
     */
    static long markerFile(Path dir) throws Exception {
        Path file = dir.resolve("wal.durable");
        return Files.exists(file) ? ByteBuffer.wrap(Files.readAllBytes(file)).getLong() : 0;
    }

    @Test
    void groupWhenDurableCompletesOnlyOnceTheDurableEndHasPassedTheOffset() throws Exception {
        WalOptions opts =
                options(SyncPolicy.GROUP).groupCommitMaxWait(Duration.ofMillis(5)).build();
        try (WriteAheadLog log = WriteAheadLog.open(dir, opts)) {
            int n = 2000;
            List<CompletableFuture<long[]>> seen = new ArrayList<>();
            for (long i = 0; i < n; i++) {
                long offset = i % 4 == 0 ? log.append(List.of(record(i))) : log.append(record(i));
                assertThat(offset).isEqualTo(i);
                // What a caller sees when its future completes: the value and the log's state.
                seen.add(
                        log.whenDurable(offset)
                                .thenApply(v -> new long[] {offset, v, log.durableEndOffset()}));
            }
            // A future for an offset not appended yet waits for it.
            CompletableFuture<Long> future = log.whenDurable(n);
            for (CompletableFuture<long[]> f : seen) {
                long[] s = f.get(20, TimeUnit.SECONDS);
                assertThat(s[1]).as("value of the future for offset %d", s[0]).isGreaterThan(s[0]);
                assertThat(s[2])
                        .as("durable end when offset %d completed", s[0])
                        .isGreaterThan(s[0]);
            }
            assertThat(future).isNotDone();
            log.append(record(n));
            assertThat(future.get(20, TimeUnit.SECONDS)).isEqualTo(n + 1);
            assertThat(log.durableEndOffset()).isEqualTo(n + 1);
            assertThat(log.awaitDurable(n, Duration.ofSeconds(1))).isTrue();
        }
    }

    @Test
    void groupCoversABurstOfAppendsWithFewFsyncs() throws Exception {
        WalOptions opts =
                options(SyncPolicy.GROUP).groupCommitMaxWait(Duration.ofMillis(5)).build();
        int perThread = 5_000;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (WriteAheadLog log = WriteAheadLog.open(dir, opts)) {
            List<Future<?>> appenders = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                appenders.add(
                        pool.submit(
                                () -> {
                                    for (long i = 0; i < perThread; i++) {
                                        log.append(record(i));
                                    }
                                }));
            }
            for (Future<?> f : appenders) {
                f.get(30, TimeUnit.SECONDS);
            }
            log.awaitDurable(2 * perThread - 1);
            WalStats stats = log.stats();
            assertThat(stats.durableEnd()).isEqualTo(2 * perThread);
            assertThat(stats.fsyncs())
                    .as("fsyncs for %d appended records", 2 * perThread)
                    .isPositive()
                    .isLessThan(2 * perThread / 20);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void groupMaxBytesTriggersTheFsyncLongBeforeMaxWait() throws Exception {
        WalOptions opts =
                options(SyncPolicy.GROUP)
                        .groupCommitMaxWait(Duration.ofSeconds(10))
                        .groupCommitMaxBytes(1024)
                        .build();
        try (WriteAheadLog log = WriteAheadLog.open(dir, opts)) {
            long first = log.append(record(0));
            CompletableFuture<Long> firstDurable = log.whenDurable(first);
            // One small record is far below max-bytes: it waits for max-wait.
            assertThatThrownBy(() -> firstDurable.get(300, TimeUnit.MILLISECONDS))
                    .isInstanceOf(TimeoutException.class);
            assertThat(log.durableEndOffset()).isZero();

            long started = System.nanoTime();
            List<WalRecord> more = new ArrayList<>();
            for (long i = 1; i <= 40; i++) {
                more.add(record(i));
            }
            log.append(more);
            assertThat(firstDurable.get(10, TimeUnit.SECONDS)).isGreaterThan(first);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(took)
                    .as("durable through max-bytes, not the 10 s max-wait")
                    .isLessThan(Duration.ofSeconds(5));
            assertThat(log.stats().fsyncs()).isEqualTo(1);
        }
    }

    @Test
    void alwaysReturnsFromAppendOnlyOnceTheRecordIsDurable() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try (WriteAheadLog log =
                WriteAheadLog.open(
                        dir,
                        options(SyncPolicy.ALWAYS)
                                .segmentBytes(16 * 1024)
                                .maxRecordBytes(1024)
                                .build())) {
            List<Future<?>> appenders = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                int thread = t;
                appenders.add(
                        pool.submit(
                                () -> {
                                    for (long i = 0; i < 200; i++) {
                                        if (i % 10 == thread) {
                                            List<WalRecord> batch =
                                                    List.of(record(i), record(i), record(i));
                                            long first = log.append(batch);
                                            assertThat(log.durableEndOffset())
                                                    .isGreaterThan(first + 2);
                                        } else {
                                            long offset = log.append(record(i));
                                            assertThat(log.durableEndOffset())
                                                    .isGreaterThan(offset);
                                        }
                                    }
                                    return null;
                                }));
            }
            for (Future<?> f : appenders) {
                f.get(30, TimeUnit.SECONDS);
            }
            assertThat(log.durableEndOffset()).isEqualTo(log.endOffset());
            assertThat(markerFile(dir)).isEqualTo(log.endOffset());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void noneMakesNothingDurableUntilSyncAndDurableReadersWaitForIt() throws Exception {
        WalOptions opts = options(SyncPolicy.NONE).groupCommitMaxWait(Duration.ofMillis(1)).build();
        try (WriteAheadLog log = WriteAheadLog.open(dir, opts);
                TailReader durable = log.openReader(0, ReadLimit.DURABLE);
                TailReader written = log.openReader(0, ReadLimit.WRITTEN);
                TailReader otherProcessDurable =
                        WriteAheadLog.openReader(dir, 0, ReadLimit.DURABLE, opts);
                TailReader otherProcessWritten =
                        WriteAheadLog.openReader(dir, 0, ReadLimit.WRITTEN, opts)) {
            List<WalRecord> batch = new ArrayList<>();
            for (long i = 0; i < 100; i++) {
                batch.add(record(i));
            }
            log.append(batch.subList(0, 50));
            for (long i = 50; i < 100; i++) {
                log.append(record(i));
            }
            CompletableFuture<Long> future = log.whenDurable(99);

            // Written records reach WRITTEN readers within max-wait, with no flush or sync.
            assertThat(read(written, 100)).extracting(LoggedRecord::offset).endsWith(99L);
            assertThat(read(otherProcessWritten, 100))
                    .extracting(LoggedRecord::record)
                    .isEqualTo(batch);

            // ... but nothing is durable, however long one waits.
            assertThatThrownBy(() -> future.get(300, TimeUnit.MILLISECONDS))
                    .isInstanceOf(TimeoutException.class);
            assertThat(log.durableEndOffset()).isZero();
            assertThat(log.stats().fsyncs()).isZero();
            assertThat(markerFile(dir)).isZero();
            assertThat(durable.poll(100, Duration.ofMillis(100))).isEmpty();
            assertThat(otherProcessDurable.poll(100, Duration.ofMillis(100))).isEmpty();

            log.sync();

            assertThat(log.durableEndOffset()).isEqualTo(100);
            assertThat(future.get(5, TimeUnit.SECONDS)).isEqualTo(100);
            assertThat(log.stats().fsyncs()).isEqualTo(1);
            assertThat(markerFile(dir)).isEqualTo(100);
            assertThat(read(durable, 100)).extracting(LoggedRecord::record).isEqualTo(batch);
            assertThat(read(otherProcessDurable, 100))
                    .extracting(LoggedRecord::record)
                    .isEqualTo(batch);

            // A second sync with nothing new costs no fsync.
            log.sync();
            assertThat(log.stats().fsyncs()).isEqualTo(1);
        }
    }

    @Test
    void noneWritesTricklingRecordsOutWithinMaxWait() throws Exception {
        WalOptions opts = options(SyncPolicy.NONE).groupCommitMaxWait(Duration.ofMillis(2)).build();
        WalIoPool pool = WalIoPool.create("trickle", 2);
        try (WriteAheadLog log = WriteAheadLog.open(dir, opts, 0, pool)) {
            for (long i = 0; i < 300; i++) {
                log.append(record(i));
                long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                while (log.writtenEndOffset() <= i) {
                    assertThat(System.nanoTime())
                            .as("record %d written out, not left in the buffer", i)
                            .isLessThan(deadline);
                    Thread.sleep(1);
                }
            }
        } finally {
            pool.close();
        }
    }

    @Test
    void aCheckpointUnderNoneHandsRecordsToTheSystemWithoutAnFsync() throws Exception {
        // A max-wait far beyond the test: only the checkpoint writes the records out.
        WalOptions opts = options(SyncPolicy.NONE).groupCommitMaxWait(Duration.ofHours(1)).build();
        try (WriteAheadLog log = WriteAheadLog.open(dir, opts);
                TailReader written = log.openReader(0, ReadLimit.WRITTEN)) {
            for (long i = 0; i < 10; i++) {
                log.append(record(i));
            }
            assertThat(written.poll(10, Duration.ofMillis(100))).isEmpty();

            CompletableFuture<Long> checkpoint = log.checkpointAsync();

            assertThat(checkpoint).isCompletedWithValue(10L);
            assertThat(log.writtenEndOffset()).isEqualTo(10);
            assertThat(read(written, 10)).extracting(LoggedRecord::offset).endsWith(9L);
            assertThat(log.durableEndOffset()).isZero();
            assertThat(log.stats().fsyncs()).isZero();
        }
    }

    @Test
    void aCloseUnderNoneWritesEverythingOutWithoutAnFsyncAndGroupFsyncsIt() throws Exception {
        for (SyncPolicy policy : List.of(SyncPolicy.NONE, SyncPolicy.GROUP)) {
            Path logDir = dir.resolve(policy.name());
            WalOptions opts = options(policy).groupCommitMaxWait(Duration.ofHours(1)).build();
            WriteAheadLog log = WriteAheadLog.open(logDir, opts);
            for (long i = 0; i < 10; i++) {
                log.append(record(i));
            }
            log.close();
            assertThat(log.stats().fsyncs())
                    .as(policy.name())
                    .isEqualTo(policy == SyncPolicy.NONE ? 0 : 1);
            try (WriteAheadLog reopened = WriteAheadLog.open(logDir, opts);
                    TailReader reader = reopened.openReader(0, ReadLimit.WRITTEN)) {
                assertThat(read(reader, 10)).extracting(LoggedRecord::offset).endsWith(9L);
            }
        }
    }

    @Test
    void aCheckpointUnderGroupFsyncsEverythingAppended() throws Exception {
        WalOptions opts = options(SyncPolicy.GROUP).groupCommitMaxWait(Duration.ofHours(1)).build();
        try (WriteAheadLog log = WriteAheadLog.open(dir, opts)) {
            for (long i = 0; i < 10; i++) {
                log.append(record(i));
            }
            assertThat(log.durableEndOffset()).isZero();

            assertThat(log.checkpointAsync().get(5, TimeUnit.SECONDS)).isEqualTo(10);
            assertThat(log.durableEndOffset()).isEqualTo(10);
            assertThat(log.stats().fsyncs()).isEqualTo(1);
        }
    }

    @Test
    void durableMarkerNeverRunsAheadOfTheLogAndCatchesUpWithIt() throws Exception {
        WalOptions opts =
                options(SyncPolicy.GROUP)
                        .segmentBytes(8 * 1024)
                        .maxRecordBytes(1024)
                        .writeBufferBytes(8 * 1024)
                        .groupCommitMaxWait(Duration.ofMillis(1))
                        .build();
        int total = 3000;
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (WriteAheadLog log = WriteAheadLog.open(dir, opts);
                TailReader reader = WriteAheadLog.openReader(dir, 0, ReadLimit.DURABLE, opts)) {
            Future<?> writer =
                    pool.submit(
                            () -> {
                                for (long i = 0; i < total; i++) {
                                    log.append(record(i));
                                }
                            });
            long next = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (next < total) {
                assertThat(System.nanoTime()).as("read all in time").isLessThan(deadline);
                for (LoggedRecord r : reader.poll(500, Duration.ofMillis(100))) {
                    assertThat(r.offset()).isEqualTo(next);
                    assertThat(r.record()).isEqualTo(record(next));
                    assertThat(log.durableEndOffset())
                            .as("durable end when the marker let offset %d through", next)
                            .isGreaterThan(next);
                    next++;
                }
                assertThat(markerFile(dir)).isLessThanOrEqualTo(log.durableEndOffset());
            }
            writer.get(30, TimeUnit.SECONDS);
            log.awaitDurable(total - 1);
            assertThat(markerFile(dir)).isEqualTo(log.durableEndOffset()).isEqualTo(total);
            assertThat(log.stats().segments()).isGreaterThan(5);
        } finally {
            pool.shutdownNow();
        }
    }
}
