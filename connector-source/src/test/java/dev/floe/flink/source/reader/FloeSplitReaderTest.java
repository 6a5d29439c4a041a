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
package dev.floe.flink.source.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.floe.flink.connection.FloeConnection;
import dev.floe.flink.connection.FloeConnectionOptions;
import dev.floe.flink.source.FloeSourceOptions;
import dev.floe.flink.source.split.FloeSplit;
import dev.floe.flink.source.testsuite.FloeSplitDataWriter;
import dev.floe.wal.manifest.StreamConfig;
import dev.floe.wal.record.LoggedRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The split reader against an embedded manifest and a local bucket. Stream "s" has two partitions:
 * partition 0 holds objects [0, 3) with values a, b, c and [3, 5) with d, e; partition 1 holds [0,
 * 2) with x, y.
 */
class FloeSplitReaderTest {

    private static final long U = FloeSplit.UNBOUNDED;

    @TempDir Path dir;
    private Configuration config;
    private FloeConnection connection;
    private final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeEach
    void writeStream() throws Exception {
        config = new Configuration();
        config.set(FloeConnectionOptions.LOCAL_PATH, dir.resolve("floe").toString());
        config.set(FloeSourceOptions.POLL_INTERVAL, Duration.ofMillis(10));
        connection = FloeConnection.open(config);
        connection.manifest().createStream(StreamConfig.of("s", 2));
        commit(0, "a", "b", "c");
        commit(0, "d", "e");
        commit(1, "x", "y");
    }

    @AfterEach
    void close() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
        connection.close();
    }

    @Test
    void readsABoundedSplitAcrossObjectsInOffsetOrderAndFinishesItAtItsStop() throws Exception {
        FloeSplitReader reader = reader();
        reader.handleSplitsChanges(new SplitsAddition<>(List.of(split(0, 0, 5))));

        Fetched fetched = fetchUntil(reader, f -> f.finished.contains("s/0"));
        assertThat(fetched.offsets("s/0")).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(fetched.values("s/0")).containsExactly("a", "b", "c", "d", "e");
        assertThat(fetched.finished).containsExactly("s/0");

        reader.wakeUp();
        RecordsWithSplitIds<LoggedRecord> after = reader.fetch();
        assertThat(after.nextSplit()).isNull();
        assertThat(after.finishedSplits()).isEmpty();
    }

    @Test
    void readsFromTheSplitsOffsetToItsStopWithinObjects() throws Exception {
        FloeSplitReader reader = reader();
        reader.handleSplitsChanges(new SplitsAddition<>(List.of(split(0, 1, 4))));

        Fetched fetched = fetchUntil(reader, f -> f.finished.contains("s/0"));
        assertThat(fetched.offsets("s/0")).containsExactly(1L, 2L, 3L);
        assertThat(fetched.values("s/0")).containsExactly("b", "c", "d");
    }

    @Test
    void aSplitWithNothingToReadFinishesOnTheFirstFetch() throws Exception {
        FloeSplitReader reader = reader();
        reader.handleSplitsChanges(new SplitsAddition<>(List.of(split(1, 2, 2))));

        RecordsWithSplitIds<LoggedRecord> first = reader.fetch();
        assertThat(first.nextSplit()).isNull();
        assertThat(first.finishedSplits()).containsExactly("s/1");
    }

    @Test
    void takesTurnsBetweenItsSplitsOneBatchPerFetch() throws Exception {
        FloeSplitReader reader = reader();
        reader.handleSplitsChanges(new SplitsAddition<>(List.of(split(0, 0, 5), split(1, 0, 2))));

        List<String> order = new ArrayList<>();
        Fetched fetched =
                fetchUntil(
                        reader,
                        f -> {
                            if (f.lastSplit != null) {
                                order.add(f.lastSplit);
                            }
                            return f.finished.size() == 2;
                        });
        assertThat(order).containsExactly("s/0", "s/1", "s/0");
        assertThat(fetched.values("s/0")).containsExactly("a", "b", "c", "d", "e");
        assertThat(fetched.values("s/1")).containsExactly("x", "y");
    }

    @Test
    void readsNothingOfAPausedSplitUntilItIsResumed() throws Exception {
        FloeSplitReader reader = reader();
        FloeSplit first = split(0, 0, 5);
        FloeSplit second = split(1, 0, 2);
        reader.handleSplitsChanges(new SplitsAddition<>(List.of(first, second)));
        reader.pauseOrResumeSplits(List.of(first), List.of());

        Fetched paused = fetchUntil(reader, f -> f.finished.contains("s/1"));
        assertThat(paused.records).containsOnlyKeys("s/1");
        reader.wakeUp();
        assertThat(reader.fetch().nextSplit()).isNull();

        reader.pauseOrResumeSplits(List.of(), List.of(first));
        Fetched resumed = fetchUntil(reader, f -> f.finished.contains("s/0"));
        assertThat(resumed.values("s/0")).containsExactly("a", "b", "c", "d", "e");
    }

    @Test
    void readUncommittedHandsOverFromObjectsToTheWritersTailWithoutGapOrDuplicate()
            throws Exception {
        config.set(FloeSourceOptions.ISOLATION, FloeSourceOptions.Isolation.READ_UNCOMMITTED);
        LiveWriter writer = LiveWriter.start(connection.manifest(), "s", 0, dir.resolve("wal"));
        closing.add(writer);
        writer.append("f", "g", "h");
        writer.advertise(null);
        FloeSplitReader reader = reader();
        reader.handleSplitsChanges(new SplitsAddition<>(List.of(split(0, 0, 10))));

        Fetched tail = fetchUntil(reader, f -> f.offsets("s/0").size() >= 8);
        assertThat(tail.offsets("s/0")).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(tail.values("s/0")).containsExactly("a", "b", "c", "d", "e", "f", "g", "h");
        assertThat(tail.finished).isEmpty();

        writer.append("i", "j", "k");
        Fetched rest = fetchUntil(reader, f -> f.finished.contains("s/0"));
        assertThat(rest.offsets("s/0")).containsExactly(8L, 9L);
        assertThat(rest.values("s/0")).containsExactly("i", "j");
    }

    @Test
    void aCommitWakesAnIdleReaderLongBeforeItsPollInterval() throws Exception {
        config.set(FloeSourceOptions.POLL_INTERVAL, Duration.ofMinutes(10));
        FloeSplitReader reader = reader();
        reader.handleSplitsChanges(new SplitsAddition<>(List.of(split(1, 0, U))));
        assertThat(fetchUntil(reader, f -> f.offsets("s/1").size() == 2).values("s/1"))
                .containsExactly("x", "y");

        CompletableFuture<Void> committed = CompletableFuture.runAsync(() -> commit(1, "z"));
        Fetched woken =
                assertTimeoutPreemptively(
                        Duration.ofSeconds(30),
                        () -> fetchUntil(reader, f -> !f.offsets("s/1").isEmpty()));
        committed.get();
        assertThat(woken.offsets("s/1")).containsExactly(2L);
        assertThat(woken.values("s/1")).containsExactly("z");
    }

    private FloeSplitReader reader() throws Exception {
        FloeSplitReader reader =
                new FloeSplitReader(
                        FloeConnection.open(config),
                        config,
                        null,
                        new ReaderMetrics(
                                UnregisteredMetricsGroup.createSourceReaderMetricGroup()));
        closing.add(reader);
        return reader;
    }

    private void commit(int partition, String... values) {
        new FloeSplitDataWriter(
                        connection.manifest(), connection.stores().segments(), "s", partition)
                .writeRecords(List.of(values));
    }

    private static FloeSplit split(int partition, long from, long stop) {
        return new FloeSplit("s", partition, from, stop, FloeSplit.NO_TIMESTAMP);
    }

    /**
     * Fetches until {@code done} holds for what was fetched, checked after every fetch; fails after
     * a deadline.
     */
    private static Fetched fetchUntil(FloeSplitReader reader, Predicate<Fetched> done)
            throws Exception {
        Fetched fetched = new Fetched();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        do {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "fetched only " + fetched.records + " " + fetched.finished);
            }
            fetched.add(reader.fetch());
        } while (!done.test(fetched));
        return fetched;
    }

    /** What fetches returned: records by split in order, and the splits reported finished. */
    private static final class Fetched {

        final Map<String, List<LoggedRecord>> records = new LinkedHashMap<>();
        final List<String> finished = new ArrayList<>();
        String lastSplit;

        void add(RecordsWithSplitIds<LoggedRecord> batch) {
            lastSplit = null;
            String split;
            while ((split = batch.nextSplit()) != null) {
                lastSplit = split;
                LoggedRecord r;
                while ((r = batch.nextRecordFromSplit()) != null) {
                    records.computeIfAbsent(split, s -> new ArrayList<>()).add(r);
                }
            }
            finished.addAll(batch.finishedSplits());
            batch.recycle();
        }

        List<Long> offsets(String split) {
            return records.getOrDefault(split, List.of()).stream()
                    .map(LoggedRecord::offset)
                    .toList();
        }

        List<String> values(String split) {
            return records.getOrDefault(split, List.of()).stream()
                    .map(r -> new String(r.value(), StandardCharsets.UTF_8))
                    .toList();
        }
    }
}
