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
package dev.floe.flink.sink.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.flink.sink.FloeFencedException;
import dev.floe.flink.sink.FloeSinkOptions;
import dev.floe.wal.manifest.CommitRequest;
import dev.floe.wal.manifest.CommitResult;
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.ManifestStores;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.PartitionClaim;
import dev.floe.wal.manifest.StreamConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a sink writer's partitions of stream "orders" (four partitions) resume, against an embedded
 * manifest. Job "job" restores checkpoint 7 unless a test says otherwise.
 */
class RestorePlanTest {

    private static final long CHECKPOINT = 7;
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(200);

    @TempDir Path dir;
    private ManifestStore manifest;
    private StreamConfig stream;
    private final Configuration config = new Configuration();

    @BeforeEach
    void createStream() {
        manifest = ManifestStores.embedded(dir, "test");
        stream = manifest.createStream(StreamConfig.of("orders", 4));
    }

    @AfterEach
    void close() {
        manifest.close();
    }

    @Test
    void withoutACheckpointEachOwnedPartitionResumesAtTheCommittedEnd() throws Exception {
        commitUpTo(1, 10);
        Map<Integer, Long> targets =
                new RestorePlan(manifest, config, stream, 1, 2, "job", OptionalLong.empty())
                        .targets(List.of(state(1, 4)));

        assertThat(targets)
                .containsExactly(
                        Map.entry(1, RestorePlan.COMMITTED_END),
                        Map.entry(3, RestorePlan.COMMITTED_END));
    }

    @Test
    void resumesEachPartitionAtTheEndItsCheckpointRecorded() throws Exception {
        commitUpTo(0, 10);
        commitUpTo(2, 3);

        assertThat(plan(0, 2).targets(List.of(state(0, 10), state(2, 3))))
                .containsExactly(Map.entry(0, 10L), Map.entry(2, 3L));
    }

    @Test
    void waitsUntilTheCommitterHasCommittedWhatTheCheckpointCovers() throws Exception {
        commitUpTo(0, 5);
        CompletableFuture<Map<Integer, Long>> targets =
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return plan(0, 4).targets(List.of(state(0, 12)));
                            } catch (InterruptedException e) {
                                throw new IllegalStateException(e);
                            }
                        });

        commitUpTo(0, 12);
        assertThat(targets.get(30, TimeUnit.SECONDS)).containsExactly(Map.entry(0, 12L));
    }

    @Test
    void refusesACheckpointThatTheStreamWasWrittenPast() {
        commitUpTo(0, 10);

        assertThatThrownBy(() -> plan(0, 4).targets(List.of(state(0, 5))))
                .isInstanceOf(FloeFencedException.class)
                .hasMessageStartingWith(
                        "Stream orders/0 is committed up to 10 (last commit commit-0-0), past the"
                                + " end of the checkpoint being restored (5).");
    }

    @Test
    void failsNamingThePartitionWhenTheCommitsDoNotLandInTime() {
        config.set(FloeSinkOptions.RESTORE_TIMEOUT, SHORT_TIMEOUT);
        commitUpTo(0, 5);

        assertThatThrownBy(() -> plan(0, 4).targets(List.of(state(0, 12))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(
                        "Restoring checkpoint 7: orders/0 is committed up to 5 but the checkpoint"
                                + " covers up to 12, and the committer did not commit the rest"
                                + " within PT0.2S. Is the manifest store reachable?");
    }

    @Test
    void handsThePositionOfAPartitionItNoLongerOwnsToItsNewOwner() throws Exception {
        // Rescaled from one subtask to two: subtask 0 restored every partition's state.
        commitUpTo(0, 4);
        commitUpTo(1, 6);
        commitUpTo(3, 2);
        Collection<FloeWriterState> restored =
                List.of(state(0, 4), state(1, 6), state(2, 0), state(3, 2));

        assertThat(plan(0, 2).targets(restored))
                .containsExactly(Map.entry(0, 4L), Map.entry(2, 0L));
        assertThat(plan(1, 2).targets(List.of()))
                .containsExactly(Map.entry(1, 6L), Map.entry(3, 2L));
    }

    @Test
    void failsNamingThePartitionNoSubtaskHandedOver() {
        config.set(FloeSinkOptions.RESTORE_TIMEOUT, SHORT_TIMEOUT);

        assertThatThrownBy(() -> plan(0, 2).targets(List.of(state(0, 0))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith(
                        "Restoring checkpoint 7: no subtask handed over the position of orders/2"
                                + " within PT0.2S.");
    }

    @Test
    void aPositionHandedOverForAnotherCheckpointIsNotTaken() throws Exception {
        config.set(FloeSinkOptions.RESTORE_TIMEOUT, SHORT_TIMEOUT);
        plan(0, 2).targets(List.of(state(0, 0), state(1, 0), state(2, 0), state(3, 0)));

        RestorePlan later =
                new RestorePlan(manifest, config, stream, 1, 2, "job", OptionalLong.of(8));
        assertThatThrownBy(() -> later.targets(List.of()))
                .hasMessageStartingWith(
                        "Restoring checkpoint 8: no subtask handed over the position of orders/1");
    }

    @Test
    void ignoresStateOfAnotherStreamOrOfAPartitionTheStreamDoesNotHave() throws Exception {
        config.set(FloeSinkOptions.RESTORE_TIMEOUT, SHORT_TIMEOUT);
        commitUpTo(0, 3);

        assertThat(
                        plan(0, 4)
                                .targets(
                                        List.of(
                                                state(0, 3),
                                                new FloeWriterState("other", 1, 9, 1),
                                                state(6, 9))))
                .containsExactly(Map.entry(0, 3L));
        assertThat(manifest.restorePoint("orders", 1, "job-" + CHECKPOINT)).isEmpty();
        assertThat(manifest.restorePoint("other", 1, "job-" + CHECKPOINT)).isEmpty();
    }

    private RestorePlan plan(int subtask, int parallelism) {
        return new RestorePlan(
                manifest, config, stream, subtask, parallelism, "job", OptionalLong.of(CHECKPOINT));
    }

    private static FloeWriterState state(int partition, long end) {
        return new FloeWriterState("orders", partition, end, 1);
    }

    /** Commits one object that extends {@code partition} to {@code end}, as a committer does. */
    private void commitUpTo(int partition, long end) {
        try (PartitionClaim claim =
                manifest.acquire("orders", partition, "test", Duration.ofMinutes(1))) {
            long from = claim.head().committedEnd();
            ObjectDescriptor object =
                    new ObjectDescriptor(
                            ObjectDescriptor.Kind.SEGMENT,
                            "orders/" + partition + "/" + from + ".seg",
                            from,
                            end,
                            1024,
                            0,
                            0,
                            claim.epoch());
            CommitResult result =
                    manifest.commit(
                            new CommitRequest(
                                    "orders",
                                    partition,
                                    claim.epoch(),
                                    from,
                                    List.of(object),
                                    "commit-" + partition + "-" + from));
            assertThat(result.status()).isEqualTo(CommitResult.Status.COMMITTED);
        }
    }
}
