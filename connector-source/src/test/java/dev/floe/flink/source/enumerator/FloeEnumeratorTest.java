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
package dev.floe.flink.source.enumerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.flink.connection.FloeConnection;
import dev.floe.flink.connection.FloeConnectionOptions;
import dev.floe.flink.source.FloeSourceOptions;
import dev.floe.flink.source.FloeSourceOptions.StartMode;
import dev.floe.flink.source.FloeSourceOptions.StopMode;
import dev.floe.flink.source.split.FloeSplit;
import dev.floe.flink.source.testsuite.FloeSplitDataWriter;
import dev.floe.wal.manifest.StreamConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.util.FlinkRuntimeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The enumerator on Flink's mock enumerator context, against an embedded manifest and a local
 * bucket. Stream "orders" has three partitions: partition 0 holds offsets [0, 3) written at 1000
 * and [3, 5) written at 2000, partition 1 holds [0, 2) written at 1500, partition 2 is empty.
 */
class FloeEnumeratorTest {

    private static final long U = FloeSplit.UNBOUNDED;
    private static final long NO_TS = FloeSplit.NO_TIMESTAMP;

    @TempDir Path dir;
    private Configuration config;
    private FloeConnection connection;
    private final List<CountingContext> contexts = new ArrayList<>();
    private final List<FloeEnumerator> enumerators = new ArrayList<>();

    @BeforeEach
    void writeStream() throws Exception {
        config = new Configuration();
        config.set(FloeConnectionOptions.LOCAL_PATH, dir.toString());
        config.set(FloeSourceOptions.STREAM, "orders");
        connection = FloeConnection.open(config);
        connection.manifest().createStream(StreamConfig.of("orders", 3));
        write(0, 1000, "a", "b", "c");
        write(0, 2000, "d", "e");
        write(1, 1500, "f", "g");
    }

    @AfterEach
    void close() throws Exception {
        for (FloeEnumerator e : enumerators) {
            e.close();
        }
        for (CountingContext c : contexts) {
            c.close();
        }
        connection.close();
    }

    static Stream<Arguments> startPositions() {
        return Stream.of(
                Arguments.of(StartMode.EARLIEST, noOptions(), List.of(0L, 0L, 0L), NO_TS),
                Arguments.of(StartMode.LATEST, noOptions(), List.of(5L, 2L, 0L), NO_TS),
                Arguments.of(
                        StartMode.OFFSETS,
                        (Consumer<Configuration>)
                                c -> c.set(FloeSourceOptions.START_OFFSETS, Map.of("0", "4")),
                        List.of(4L, 0L, 0L),
                        NO_TS),
                Arguments.of(
                        StartMode.TIMESTAMP,
                        (Consumer<Configuration>)
                                c -> c.set(FloeSourceOptions.START_TIMESTAMP, 2000L),
                        List.of(3L, 2L, 0L),
                        2000L),
                Arguments.of(
                        StartMode.CONSUMER,
                        (Consumer<Configuration>)
                                c -> c.set(FloeSourceOptions.CONSUMER_ID, "analytics"),
                        List.of(1L, 2L, 0L),
                        NO_TS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("startPositions")
    void plansEachPartitionFromTheStartPosition(
            StartMode start, Consumer<Configuration> options, List<Long> from, long skipBefore) {
        connection
                .manifest()
                .putConsumerPosition(
                        "orders", "analytics", Map.of(0, 1L, 1, 2L), Duration.ofHours(1));
        config.set(FloeSourceOptions.START, start);
        options.accept(config);
        CountingContext context = context(1);
        FloeEnumerator enumerator = enumerator(context, FloeEnumeratorState.initial());
        enumerator.start();
        register(context, enumerator, 0);

        assertThat(context.assigned(0))
                .containsExactly(
                        new FloeSplit("orders", 0, from.get(0), U, skipBefore),
                        new FloeSplit("orders", 1, from.get(1), U, skipBefore),
                        new FloeSplit("orders", 2, from.get(2), U, skipBefore));
    }

    @Test
    void assignsEachPartitionToItsReaderOnceThatReaderRegisters() {
        CountingContext context = context(2);
        FloeEnumerator enumerator = enumerator(context, FloeEnumeratorState.initial());
        enumerator.start();
        assertThat(context.getSplitsAssignmentSequence()).isEmpty();

        register(context, enumerator, 1);
        assertThat(context.assigned(1)).containsExactly(split(1, 0, U));
        assertThat(context.assigned(0)).isEmpty();

        register(context, enumerator, 0);
        assertThat(context.assigned(0)).containsExactly(split(0, 0, U), split(2, 0, U));

        enumerator.handleSplitRequest(0, "localhost");
        enumerator.handleSplitRequest(1, "localhost");
        assertThat(context.assigned(0)).hasSize(2);
        assertThat(context.assigned(1)).hasSize(1);
        assertThat(context.noMoreSplits).isEmpty();
        assertThat(enumerator.snapshotState(1).unassigned()).isEmpty();
    }

    @Test
    void tellsABoundedReaderOncePerRegistrationThatNoMoreSplitsCome() {
        config.set(FloeSourceOptions.STOP, StopMode.COMMITTED_AT_START);
        CountingContext context = context(2);
        FloeEnumerator enumerator = enumerator(context, FloeEnumeratorState.initial());
        enumerator.start();

        register(context, enumerator, 0);
        assertThat(context.assigned(0)).containsExactly(split(0, 0, 5), split(2, 0, 0));
        assertThat(context.noMoreSplits).containsExactly(Map.entry(0, 1));

        enumerator.handleSplitRequest(0, "localhost");
        enumerator.handleSplitRequest(0, "localhost");
        assertThat(context.noMoreSplits).containsExactly(Map.entry(0, 1));

        // Reader 0 fails before it finished partition 0; its successor registers.
        context.unregisterReader(0);
        enumerator.addSplitsBack(List.of(split(0, 3, 5)), 0);
        assertThat(context.noMoreSplits).containsExactly(Map.entry(0, 1));
        register(context, enumerator, 0);
        assertThat(context.assigned(0)).endsWith(split(0, 3, 5));
        assertThat(context.noMoreSplits).containsEntry(0, 2);

        register(context, enumerator, 1);
        assertThat(context.assigned(1)).containsExactly(split(1, 0, 2));
        assertThat(context.noMoreSplits).containsExactly(Map.entry(0, 2), Map.entry(1, 1));
    }

    @Test
    void keepsSplitsHandedBackUntilTheirReaderReturnsAndResumesThemWhereTheyWere() {
        CountingContext context = context(2);
        FloeEnumerator enumerator = enumerator(context, FloeEnumeratorState.initial());
        enumerator.start();
        register(context, enumerator, 0);
        register(context, enumerator, 1);

        context.unregisterReader(1);
        enumerator.addSplitsBack(List.of(split(1, 1, U)), 1);
        assertThat(enumerator.snapshotState(7).unassigned()).containsExactly(split(1, 1, U));
        enumerator.handleSplitRequest(0, "localhost");
        assertThat(context.assigned(0)).containsExactly(split(0, 0, U), split(2, 0, U));

        register(context, enumerator, 1);
        assertThat(context.assigned(1)).containsExactly(split(1, 0, U), split(1, 1, U));
        assertThat(enumerator.snapshotState(8).unassigned()).isEmpty();
    }

    @Test
    void readsPartitionsAddedToTheStreamFromTheirEarliestOffset() throws Throwable {
        config.set(FloeSourceOptions.PARTITION_DISCOVERY_INTERVAL, Duration.ofMinutes(1));
        CountingContext context = context(2);
        FloeEnumerator enumerator = enumerator(context, FloeEnumeratorState.initial());
        enumerator.start();
        register(context, enumerator, 0);
        register(context, enumerator, 1);
        assertThat(context.getPeriodicCallables()).hasSize(1);

        context.runPeriodicCallable(0);
        assertThat(context.assigned(0)).hasSize(2);
        assertThat(context.assigned(1)).hasSize(1);

        connection.manifest().growPartitions("orders", 5);
        write(3, 3000, "h", "i");
        context.runPeriodicCallable(0);
        assertThat(context.assigned(1)).containsExactly(split(1, 0, U), split(3, 0, U));
        assertThat(context.assigned(0))
                .containsExactly(split(0, 0, U), split(2, 0, U), split(4, 0, U));

        context.runPeriodicCallable(0);
        assertThat(context.assigned(0)).hasSize(3);
        assertThat(context.assigned(1)).hasSize(2);
        assertThat(enumerator.snapshotState(1).partitions()).isEqualTo(5);
    }

    @Test
    void looksForNewPartitionsOnlyWhenFollowingAllOfThem() {
        config.set(FloeSourceOptions.PARTITION_DISCOVERY_INTERVAL, Duration.ofMinutes(1));
        assertThat(discoveryTasks(c -> c.set(FloeSourceOptions.BOUNDED, true))).isZero();
        assertThat(discoveryTasks(c -> c.set(FloeSourceOptions.PARTITIONS, List.of(0, 1))))
                .isZero();
        assertThat(
                        discoveryTasks(
                                c ->
                                        c.set(
                                                FloeSourceOptions.PARTITION_DISCOVERY_INTERVAL,
                                                Duration.ZERO)))
                .isZero();
        assertThat(discoveryTasks(c -> {})).isOne();
    }

    @Test
    void aRestoredEnumeratorAssignsItsCheckpointedSplitsWithoutPlanningAgain() throws Exception {
        config.set(FloeSourceOptions.START, StartMode.LATEST);
        CountingContext before = context(2);
        FloeEnumerator first = enumerator(before, FloeEnumeratorState.initial());
        first.start();
        register(before, first, 1);
        FloeEnumeratorStateSerializer serializer = new FloeEnumeratorStateSerializer();
        byte[] checkpoint = serializer.serialize(first.snapshotState(1));

        // Written after the checkpoint: a fresh plan from LATEST would start after it.
        write(0, 3000, "late");
        write(2, 3000, "late");
        CountingContext after = context(2);
        FloeEnumerator restored =
                enumerator(after, serializer.deserialize(serializer.getVersion(), checkpoint));
        restored.start();
        register(after, restored, 0);
        register(after, restored, 1);

        assertThat(after.assigned(0)).containsExactly(split(0, 5, U), split(2, 0, U));
        assertThat(after.assigned(1)).isEmpty();
        assertThat(restored.snapshotState(2))
                .isEqualTo(new FloeEnumeratorState(true, 3, List.of()));
    }

    @Test
    void stateWithoutAPartitionCountTakesTheStreamsCountSoNoPartitionIsReadTwice()
            throws Throwable {
        config.set(FloeSourceOptions.PARTITION_DISCOVERY_INTERVAL, Duration.ofMinutes(1));
        CountingContext context = context(1);
        FloeEnumerator enumerator =
                enumerator(
                        context,
                        new FloeEnumeratorState(
                                true,
                                FloeEnumeratorState.UNKNOWN_PARTITIONS,
                                List.of(split(1, 1, U))));
        enumerator.start();
        register(context, enumerator, 0);
        context.runPeriodicCallable(0);

        assertThat(context.assigned(0)).containsExactly(split(1, 1, U));
        assertThat(enumerator.snapshotState(1).partitions()).isEqualTo(3);
    }

    @Test
    void failsToStartNamingAStreamThatDoesNotExist() {
        config.set(FloeSourceOptions.STREAM, "nope");
        FloeEnumerator enumerator = enumerator(context(1), FloeEnumeratorState.initial());
        assertThatThrownBy(enumerator::start)
                .isInstanceOf(FlinkRuntimeException.class)
                .hasMessageStartingWith(
                        "Cannot plan the Floe source of nope: Stream nope does not exist in ");
    }

    private long discoveryTasks(Consumer<Configuration> options) {
        Configuration c = new Configuration(config);
        options.accept(c);
        CountingContext context = context(1);
        FloeEnumerator enumerator = new FloeEnumerator(context, c, FloeEnumeratorState.initial());
        enumerators.add(enumerator);
        enumerator.start();
        return context.getPeriodicCallables().size();
    }

    private void write(int partition, long timestamp, String... values) {
        new FloeSplitDataWriter(
                        connection.manifest(), connection.stores().segments(), "orders", partition)
                .writeRecords(List.of(values), timestamp);
    }

    private CountingContext context(int parallelism) {
        CountingContext context = new CountingContext(parallelism);
        contexts.add(context);
        return context;
    }

    private FloeEnumerator enumerator(CountingContext context, FloeEnumeratorState state) {
        FloeEnumerator enumerator = new FloeEnumerator(context, config, state);
        enumerators.add(enumerator);
        return enumerator;
    }

    private static void register(CountingContext context, FloeEnumerator enumerator, int subtask) {
        context.registerReader(new ReaderInfo(subtask, "localhost"));
        enumerator.addReader(subtask);
    }

    private static FloeSplit split(int partition, long from, long stop) {
        return new FloeSplit("orders", partition, from, stop, NO_TS);
    }

    private static Consumer<Configuration> noOptions() {
        return c -> {};
    }

    /** Flink's mock context, counting the no-more-splits signals each reader was sent. */
    @SuppressWarnings("try") // its close() is Flink's
    private static final class CountingContext extends MockSplitEnumeratorContext<FloeSplit> {

        final Map<Integer, Integer> noMoreSplits = new HashMap<>();

        CountingContext(int parallelism) {
            super(parallelism);
        }

        @Override
        public void signalNoMoreSplits(int subtask) {
            noMoreSplits.merge(subtask, 1, Integer::sum);
            super.signalNoMoreSplits(subtask);
        }

        /** Every split assigned to {@code subtask} so far, in the order assigned. */
        List<FloeSplit> assigned(int subtask) {
            List<FloeSplit> splits = new ArrayList<>();
            for (SplitsAssignment<FloeSplit> a : getSplitsAssignmentSequence()) {
                splits.addAll(a.assignment().getOrDefault(subtask, List.of()));
            }
            return splits;
        }
    }
}
