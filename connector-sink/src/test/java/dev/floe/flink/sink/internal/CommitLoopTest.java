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
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.ManifestStores;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.PartitionClaim;
import dev.floe.wal.manifest.StreamConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a commit is decided when the manifest refuses it, against the embedded manifest. */
class CommitLoopTest {

    private static final Duration LEASE = Duration.ofMinutes(1);

    @TempDir Path dir;
    private ManifestStore manifest;

    @BeforeEach
    void open() {
        manifest = ManifestStores.embedded(dir, "test");
        manifest.createStream(StreamConfig.of("s", 1));
    }

    @AfterEach
    void close() {
        manifest.close();
    }

    @Test
    void commitsAndRecognisesAReplay() throws Exception {
        long epoch = claim().epoch();
        FloeCommittable first = committable(epoch, 0, 10);
        assertThat(commit(first)).isEqualTo(CommitLoop.Outcome.COMMITTED);
        assertThat(commit(first)).isEqualTo(CommitLoop.Outcome.ALREADY_COMMITTED);
    }

    @Test
    void aRangeCompactedAwayIsStillRecognisedAsCommitted() throws Exception {
        long epoch = claim().epoch();
        FloeCommittable first = committable(epoch, 0, 10);
        FloeCommittable second = committable(epoch, 10, 20);
        commit(first);
        commit(second);
        manifest.swap(
                "s",
                0,
                epoch,
                List.of(first.objects().get(0), second.objects().get(0)),
                parquet(epoch, 0, 20),
                Instant.now());
        assertThat(commit(first)).isEqualTo(CommitLoop.Outcome.ALREADY_COMMITTED);

        claim();
        assertThat(commit(second)).isEqualTo(CommitLoop.Outcome.ALREADY_COMMITTED);
    }

    @Test
    void waitsForAnEarlierCommitAndGivesUpAtTheDeadline() throws Exception {
        long epoch = claim().epoch();
        AtomicInteger retries = new AtomicInteger();
        assertThat(
                        CommitLoop.commit(
                                manifest,
                                committable(epoch, 10, 20),
                                Duration.ofMillis(200),
                                retries::incrementAndGet))
                .isEqualTo(CommitLoop.Outcome.RETRY_LATER);
        assertThat(retries.get()).isPositive();
    }

    @Test
    void aNewerWriterFencesAnUncommittedRange() throws Exception {
        long epoch = claim().epoch();
        commit(committable(epoch, 0, 10));
        claim();
        assertThatThrownBy(() -> commit(committable(epoch, 10, 20)))
                .isInstanceOf(FloeFencedException.class)
                .hasMessageContaining("another writer took the partition at epoch " + (epoch + 1))
                .hasMessageContaining("s/0 [10, 20)");
    }

    @Test
    void aContradictingHeadIsAnError() throws Exception {
        long epoch = claim().epoch();
        commit(committable(epoch, 0, 10));
        assertThatThrownBy(() -> commit(committable(epoch, 5, 15)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("contradicts the manifest");
    }

    private PartitionClaim claim() {
        return manifest.acquire("s", 0, "test", LEASE);
    }

    private CommitLoop.Outcome commit(FloeCommittable c) throws InterruptedException {
        return CommitLoop.commit(manifest, c, Duration.ofSeconds(5), () -> {});
    }

    private static FloeCommittable committable(long epoch, long start, long end) {
        ObjectDescriptor o =
                new ObjectDescriptor(
                        ObjectDescriptor.Kind.SEGMENT,
                        "s/" + start + "-" + epoch + ".seg",
                        start,
                        end,
                        100,
                        0,
                        0,
                        epoch);
        return new FloeCommittable("s", 0, epoch, start, List.of(o), "c-" + epoch + "-" + start);
    }

    private static ObjectDescriptor parquet(long epoch, long start, long end) {
        return new ObjectDescriptor(
                ObjectDescriptor.Kind.PARQUET,
                "s/" + start + ".parquet",
                start,
                end,
                100,
                0,
                0,
                epoch);
    }
}
