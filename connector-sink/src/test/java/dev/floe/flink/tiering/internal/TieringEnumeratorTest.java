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
package dev.floe.flink.tiering.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.flink.connection.FloeConnection;
import dev.floe.flink.connection.FloeConnectionOptions;
import dev.floe.flink.tiering.FloeTieringOptions;
import dev.floe.wal.manifest.StreamConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.util.FlinkRuntimeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tiering enumerator on Flink's mock enumerator context, against an embedded manifest with
 * stream "a" of three partitions and stream "b" of one.
 */
class TieringEnumeratorTest {

    @TempDir Path dir;
    private Configuration config;
    private FloeConnection connection;
    private final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeEach
    void createStreams() throws Exception {
        config = new Configuration();
        config.set(FloeConnectionOptions.LOCAL_PATH, dir.toString());
        config.set(FloeTieringOptions.BOUNDED, true);
        connection = FloeConnection.open(config);
        connection.manifest().createStream(StreamConfig.of("a", 3));
        connection.manifest().createStream(StreamConfig.of("b", 1));
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        connection.close();
    }

    @Test
    void aBoundedJobHandsEveryPartitionToOneReaderInTurnThenSaysThereAreNoMore() {
        MockSplitEnumeratorContext<TieringSplit> context = context(2);
        TieringEnumerator enumerator = start(context, TieringEnumeratorState.initial());
        assertThat(context.getSplitsAssignmentSequence()).isEmpty();

        register(context, enumerator, 0);
        assertThat(assigned(context, 0)).containsExactly(split("a", 0), split("a", 2));
        assertThat(context.hasNoMoreSplits(0)).isTrue();
        assertThat(context.hasNoMoreSplits(1)).isFalse();

        register(context, enumerator, 1);
        assertThat(assigned(context, 1)).containsExactly(split("a", 1), split("b", 0));
        assertThat(context.hasNoMoreSplits(1)).isTrue();
    }

    @Test
    void onlyTheNamedStreamsAreTiered() {
        config.set(FloeTieringOptions.STREAMS, List.of("b"));
        MockSplitEnumeratorContext<TieringSplit> context = context(1);
        TieringEnumerator enumerator = start(context, TieringEnumeratorState.initial());
        register(context, enumerator, 0);

        assertThat(assigned(context, 0)).containsExactly(split("b", 0));
    }

    @Test
    void aBoundedJobFailsOnANamedStreamThatDoesNotExist() {
        config.set(FloeTieringOptions.STREAMS, List.of("b", "nope"));
        MockSplitEnumeratorContext<TieringSplit> context = context(1);

        assertThatThrownBy(() -> start(context, TieringEnumeratorState.initial()))
                .isInstanceOf(FlinkRuntimeException.class)
                .hasMessageContaining("Stream nope named in floe.tiering.streams does not exist");
    }

    @Test
    void anUnboundedJobPicksUpNewStreamsAndPartitionsAndNeverSaysThereAreNoMore() throws Throwable {
        config.set(FloeTieringOptions.BOUNDED, false);
        config.set(FloeTieringOptions.STREAMS, List.of("b", "c"));
        MockSplitEnumeratorContext<TieringSplit> context = context(2);
        TieringEnumerator enumerator = start(context, TieringEnumeratorState.initial());
        register(context, enumerator, 0);
        register(context, enumerator, 1);
        assertThat(context.getPeriodicCallables()).hasSize(1);

        context.runPeriodicCallable(0);
        assertThat(assigned(context, 0)).containsExactly(split("b", 0));

        connection.manifest().createStream(StreamConfig.of("c", 2));
        connection.manifest().growPartitions("b", 2);
        context.runPeriodicCallable(0);
        context.runPeriodicCallable(0);

        // Each split once, though the second discovery found them again.
        assertThat(assigned(context, 1)).containsExactly(split("b", 1), split("c", 1));
        assertThat(assigned(context, 0)).containsExactly(split("b", 0), split("c", 0));
        assertThat(context.hasNoMoreSplits(0) || context.hasNoMoreSplits(1)).isFalse();
    }

    @Test
    void aFailedReadersSplitsGoToItsSuccessorAndARestoredJobHandsOutNothingTwice() {
        MockSplitEnumeratorContext<TieringSplit> context = context(2);
        TieringEnumerator enumerator = start(context, TieringEnumeratorState.initial());
        register(context, enumerator, 0);
        TieringEnumeratorState checkpoint = enumerator.snapshotState(1);

        context.unregisterReader(0);
        enumerator.addSplitsBack(List.of(split("a", 2)), 0);
        assertThat(assigned(context, 0)).containsExactly(split("a", 0), split("a", 2));
        register(context, enumerator, 0);
        assertThat(assigned(context, 0))
                .containsExactly(split("a", 0), split("a", 2), split("a", 2));

        MockSplitEnumeratorContext<TieringSplit> restoredContext = context(2);
        TieringEnumerator restored = start(restoredContext, checkpoint);
        register(restoredContext, restored, 0);
        register(restoredContext, restored, 1);
        List<TieringSplit> reassigned = new ArrayList<>(assigned(restoredContext, 0));
        reassigned.addAll(assigned(restoredContext, 1));
        assertThat(reassigned).containsExactlyInAnyOrder(split("a", 1), split("b", 0));
        assertThat(restoredContext.hasNoMoreSplits(0)).isTrue();
        assertThat(restoredContext.hasNoMoreSplits(1)).isTrue();
    }

    private MockSplitEnumeratorContext<TieringSplit> context(int parallelism) {
        MockSplitEnumeratorContext<TieringSplit> context =
                new MockSplitEnumeratorContext<>(parallelism);
        closing.add(context);
        return context;
    }

    private TieringEnumerator start(
            MockSplitEnumeratorContext<TieringSplit> context, TieringEnumeratorState state) {
        TieringEnumerator enumerator = new TieringEnumerator(context, config, state);
        closing.add(enumerator);
        enumerator.start();
        return enumerator;
    }

    private static void register(
            MockSplitEnumeratorContext<TieringSplit> context,
            TieringEnumerator enumerator,
            int subtask) {
        context.registerReader(new ReaderInfo(subtask, "localhost"));
        enumerator.addReader(subtask);
    }

    private static List<TieringSplit> assigned(
            MockSplitEnumeratorContext<TieringSplit> context, int subtask) {
        List<TieringSplit> splits = new ArrayList<>();
        for (SplitsAssignment<TieringSplit> a : context.getSplitsAssignmentSequence()) {
            splits.addAll(a.assignment().getOrDefault(subtask, List.of()));
        }
        return splits;
    }

    private static TieringSplit split(String stream, int partition) {
        return new TieringSplit(stream, partition);
    }
}
