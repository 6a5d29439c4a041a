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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Many logs with their IO on one small {@link WalIoPool}. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WalIoPoolTest {

    private static final String APPENDER = "test-appender-";

    @TempDir Path dir;

    private final AtomicInteger appenders = new AtomicInteger();
    private final ExecutorService appending =
            Executors.newFixedThreadPool(
                    8,
                    task -> {
                        Thread t = new Thread(task, APPENDER + appenders.getAndIncrement());
                        t.setDaemon(true);
                        return t;
                    });
    private final List<WriteAheadLog> logs = new ArrayList<>();
    private WalIoPool pool;

    @AfterEach
    void closeEverything() throws InterruptedException {
        appending.shutdownNow();
        appending.awaitTermination(10, TimeUnit.SECONDS);
        logs.forEach(WriteAheadLog::close);
        if (pool != null) {
            pool.close();
        }
    }

    static WalOptions.Builder small() {
        return WalOptions.builder()
                .segmentBytes(16 * 1024)
                .maxRecordBytes(1024)
                .writeBufferBytes(4096)
                .indexIntervalBytes(512);
    }

    static WalRecord record(int log, long offset) {
        Random rnd = new Random(log * 1_000_003L + offset);
        byte[] value = new byte[20 + rnd.nextInt(200)];
        rnd.nextBytes(value);
        return WalRecord.of(offset, ("log" + log + "-" + offset).getBytes(UTF_8), value);
    }

    private WriteAheadLog open(int log, WalOptions options) {
        WriteAheadLog wal = WriteAheadLog.open(dir.resolve("p" + log), options, 0, pool);
        logs.add(wal);
        return wal;
    }

    /** Reopens each closed log on its own and checks it holds exactly {@code records} each. */
    private void assertDurableAndReadable(List<Integer> which, long records, WalOptions options)
            throws Exception {
        for (int log : which) {
            try (WriteAheadLog reopened = WriteAheadLog.open(dir.resolve("p" + log), options);
                    TailReader reader = reopened.openReader(0, ReadLimit.DURABLE)) {
                assertThat(reopened.endOffset()).as("records in log %d", log).isEqualTo(records);
                long next = 0;
                while (next < records) {
                    List<LoggedRecord> got = reader.poll(500, Duration.ofSeconds(5));
                    assertThat(got).as("log %d at offset %d", log, next).isNotEmpty();
                    for (LoggedRecord r : got) {
                        assertThat(r.offset()).isEqualTo(next);
                        assertThat(r.record()).isEqualTo(record(log, next));
                        next++;
                    }
                }
            }
        }
    }

    private static Set<Thread> liveThreads() {
        return new HashSet<>(Thread.getAllStackTraces().keySet());
    }

    @Test
    void twoHundredLogsOnTwoThreadsAppendAndSyncConcurrentlyAndEverythingIsDurable()
            throws Exception {
        int logCount = 200;
        int rounds = 10;
        int perRound = 20;
        WalOptions options = small().groupCommitMaxWait(Duration.ofMillis(5)).build();
        Set<Thread> before = liveThreads();
        pool = WalIoPool.create("many", 2);
        for (int i = 0; i < logCount; i++) {
            open(i, options);
        }
        Set<String> ioThreadNames = ConcurrentHashMap.newKeySet();
        logs.forEach(
                wal ->
                        wal.addDurabilityListener(
                                end -> ioThreadNames.add(Thread.currentThread().getName())));
        CountDownLatch halfway = new CountDownLatch(8);
        List<Future<?>> done = new ArrayList<>();
        for (int a = 0; a < 8; a++) {
            int first = a;
            done.add(
                    appending.submit(
                            () -> {
                                for (int round = 0; round < rounds; round++) {
                                    for (int log = first; log < logCount; log += 8) {
                                        for (int k = 0; k < perRound; k++) {
                                            long offset = (long) round * perRound + k;
                                            logs.get(log).append(record(log, offset));
                                        }
                                    }
                                    // Every log of this appender syncs at once; the pool runs them.
                                    List<CompletableFuture<Long>> syncs = new ArrayList<>();
                                    for (int log = first; log < logCount; log += 8) {
                                        syncs.add(logs.get(log).syncAsync());
                                    }
                                    long end = (long) (round + 1) * perRound;
                                    for (CompletableFuture<Long> sync : syncs) {
                                        assertThat(sync.join()).isGreaterThanOrEqualTo(end);
                                    }
                                    if (round == rounds / 2) {
                                        halfway.countDown();
                                    }
                                }
                                return null;
                            }));
        }
        assertThat(halfway.await(60, TimeUnit.SECONDS)).as("halfway in time").isTrue();
        Set<Thread> added = liveThreads();
        added.removeAll(before);
        added.removeIf(t -> t.getName().startsWith(APPENDER));
        assertThat(added)
                .as("threads started for %d logs on a pool of 2", logCount)
                .hasSizeLessThanOrEqualTo(2)
                .allMatch(t -> t.getName().startsWith("floe-wal-io-many-"));
        for (Future<?> f : done) {
            f.get();
        }
        for (WriteAheadLog wal : logs) {
            assertThat(wal.durableEndOffset()).isEqualTo((long) rounds * perRound);
        }
        assertThat(ioThreadNames).isNotEmpty().allMatch(n -> n.startsWith("floe-wal-io-many-"));
        logs.forEach(WriteAheadLog::close);
        logs.clear();
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < logCount; i++) {
            all.add(i);
        }
        assertDurableAndReadable(all, (long) rounds * perRound, options);
    }

    @Test
    void recordsBecomeDurableByMaxWaitAloneOnASharedPool() throws Exception {
        pool = WalIoPool.create("timers", 2);
        WalOptions options = small().groupCommitMaxWait(Duration.ofMillis(20)).build();
        List<CompletableFuture<Long>> durable = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            WriteAheadLog wal = open(i, options);
            long offset = wal.append(record(i, 0));
            durable.add(wal.whenDurable(offset));
        }
        // Nobody syncs: only each log's max-wait wake-up on the pool makes its record durable.
        CompletableFuture.allOf(durable.toArray(CompletableFuture[]::new))
                .get(30, TimeUnit.SECONDS);
        for (WriteAheadLog wal : logs) {
            assertThat(wal.stats().fsyncs()).as("fsyncs of %s", wal.directory()).isEqualTo(1);
        }
    }

    @Test
    void logsWithoutFsyncsWaitLongerBeforeWritingWhenThePoolHasManyLogs() {
        pool = WalIoPool.create("many", 2);
        long maxWait = Duration.ofMillis(2).toNanos();
        List<WalIoPool.Worker> workers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            workers.add(pool.register("log-" + i, () -> {}, e -> {}));
        }
        assertThat(workers.get(0).writeWaitNanos(maxWait)).isEqualTo(maxWait);
        for (int i = 100; i < 512; i++) {
            workers.add(pool.register("log-" + i, () -> {}, e -> {}));
        }
        assertThat(workers.get(0).writeWaitNanos(maxWait))
                .isEqualTo(Duration.ofNanos(512 * WalIoPool.WAIT_PER_LOG_NANOS).toNanos())
                .isEqualTo(Duration.ofMillis(8).plusNanos(192_000).toNanos());
        workers.subList(100, 512).forEach(WalIoPool.Worker::deregister);
        assertThat(workers.get(0).writeWaitNanos(maxWait)).isEqualTo(maxWait);
        workers.subList(0, 100).forEach(WalIoPool.Worker::deregister);
    }

    @Test
    void aLogThatFailsOnItsDiskLeavesTheOthersOnThePoolWriting() throws Exception {
        pool = WalIoPool.create("failing", 2);
        LogLifecycleTest.ManualClock clock = new LogLifecycleTest.ManualClock(0);
        WalOptions healthyOptions = small().build();
        WriteAheadLog victim =
                open(0, small().segmentMaxAge(Duration.ofMinutes(1)).clock(clock).build());
        List<WriteAheadLog> healthy = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            healthy.add(open(i, healthyOptions));
        }
        for (int i = 0; i < 10; i++) {
            victim.append(record(0, i));
        }
        victim.sync();
        // The next append rolls the segment; a file already where the new one goes fails its IO.
        Files.createFile(dir.resolve("p0").resolve(SegmentFile.open(10).fileName()));
        clock.advance(Duration.ofMinutes(2));
        victim.append(record(0, 10));

        assertThatThrownBy(victim::sync)
                .isInstanceOf(WalException.class)
                .hasMessageContaining(dir.resolve("p0").toString())
                .hasMessageContaining("failed writing segment files");
        assertThatThrownBy(() -> victim.append(record(0, 11)))
                .hasMessageContaining("failed and accepts no more writes");
        assertThat(victim.syncAsync()).isCompletedExceptionally();

        for (int round = 0; round < 20; round++) {
            List<CompletableFuture<Long>> syncs = new ArrayList<>();
            for (int i = 0; i < healthy.size(); i++) {
                healthy.get(i).append(record(i + 1, round));
                syncs.add(healthy.get(i).syncAsync());
            }
            syncs.forEach(CompletableFuture::join);
        }
        victim.close();
        for (WriteAheadLog wal : healthy) {
            wal.append(record(logs.indexOf(wal), 20));
            wal.sync();
        }
        logs.forEach(WriteAheadLog::close);
        logs.clear();
        assertDurableAndReadable(List.of(1, 2, 3, 4), 21, healthyOptions);
    }

    @Test
    void aLogStuckInItsIoHoldsOneThreadWhileTheOthersGoOnWithTheRest() throws Exception {
        pool = WalIoPool.create("stuck", 2);
        WalOptions options = small().build();
        WriteAheadLog stuck = open(0, options);
        CountDownLatch inIo = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // A listener runs inside the log's IO turn: blocking it stands for an fsync that hangs.
        stuck.addDurabilityListener(
                end -> {
                    inIo.countDown();
                    if (end == 1) {
                        awaitUninterruptibly(release);
                    }
                });
        List<WriteAheadLog> others = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            others.add(open(i, options));
        }
        stuck.append(record(0, 0));
        stuck.syncAsync();
        assertThat(inIo.await(30, TimeUnit.SECONDS)).isTrue();
        stuck.append(record(0, 1));
        CompletableFuture<Long> stuckSync = stuck.syncAsync();

        for (int round = 0; round < 20; round++) {
            List<CompletableFuture<Long>> syncs = new ArrayList<>();
            for (int i = 0; i < others.size(); i++) {
                others.get(i).append(record(i + 1, round));
                syncs.add(others.get(i).syncAsync());
            }
            CompletableFuture.allOf(syncs.toArray(CompletableFuture[]::new))
                    .get(30, TimeUnit.SECONDS);
        }
        assertThat(stuckSync).as("the stuck log's next sync").isNotDone();
        release.countDown();
        assertThat(stuckSync.get(30, TimeUnit.SECONDS)).isEqualTo(2);
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void closingOneLogWritesItsPendingRecordsWhileTheOthersKeepWriting() throws Exception {
        pool = WalIoPool.create("closing", 2);
        // Records wait for a sync or for close: max-wait is far away.
        WalOptions options =
                small().syncPolicy(SyncPolicy.NONE).groupCommitMaxWait(Duration.ofHours(1)).build();
        int others = 8;
        WriteAheadLog closing = open(0, options);
        for (int i = 1; i <= others; i++) {
            open(i, options);
        }
        CountDownLatch started = new CountDownLatch(others);
        CountDownLatch closed = new CountDownLatch(1);
        List<Future<Long>> written = new ArrayList<>();
        for (int i = 1; i <= others; i++) {
            WriteAheadLog wal = logs.get(i);
            int log = i;
            written.add(
                    appending.submit(
                            () -> {
                                long next = 0;
                                // Keeps appending and syncing until well after the close.
                                while (closed.getCount() > 0 || next < 2_000) {
                                    wal.append(record(log, next++));
                                    if (next % 50 == 0) {
                                        wal.syncAsync().join();
                                        started.countDown();
                                    }
                                }
                                wal.sync();
                                return next;
                            }));
        }
        for (int i = 0; i < 300; i++) {
            closing.append(record(0, i));
        }
        assertThat(started.await(60, TimeUnit.SECONDS)).isTrue();
        assertThat(closing.durableEndOffset()).isLessThan(300);
        closing.close();
        closed.countDown();
        logs.remove(closing);
        assertThatThrownBy(() -> closing.append(record(0, 300))).hasMessageContaining("is closed");
        assertThat(closing.syncAsync()).isCompletedExceptionally();

        List<Long> counts = new ArrayList<>();
        for (Future<Long> f : written) {
            counts.add(f.get());
        }
        logs.forEach(WriteAheadLog::close);
        logs.clear();
        assertDurableAndReadable(List.of(0), 300, options);
        for (int i = 1; i <= others; i++) {
            assertDurableAndReadable(List.of(i), counts.get(i - 1), options);
        }
    }

    @Test
    void syncAsyncOfADurableLogCompletesAtOnceWithItsEnd() {
        pool = WalIoPool.create("idle", 1);
        WriteAheadLog wal = open(0, small().build());
        wal.append(record(0, 0));
        wal.sync();
        assertThat(wal.syncAsync()).isCompletedWithValue(1L);
    }

    @Test
    void closingThePoolBeforeItsLogsFailsThemInsteadOfLeavingThemHanging() {
        pool = WalIoPool.create("early", 1);
        WriteAheadLog wal = open(0, small().build());
        wal.append(record(0, 0));
        pool.close();
        assertThatThrownBy(wal::sync)
                .isInstanceOf(WalException.class)
                .hasMessageContaining("WAL IO pool early was closed while WAL")
                .hasMessageContaining("close the logs before their pool");
        wal.close();
        logs.remove(wal);
        assertThatThrownBy(() -> open(1, small().build()))
                .isInstanceOf(WalException.class)
                .hasMessageContaining("WAL IO pool early is closed");
    }

    @Test
    void aPoolNeedsAtLeastOneThread() {
        assertThatThrownBy(() -> WalIoPool.create("none", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("WAL IO pool none needs at least 1 thread, got 0");
    }
}
