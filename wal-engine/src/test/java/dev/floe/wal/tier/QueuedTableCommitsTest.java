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
package dev.floe.wal.tier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.wal.manifest.ObjectDescriptor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class QueuedTableCommitsTest {

    /** Table commits that record each call and hold the first until let go. */
    private static final class RecordingCommits implements TableCommits {
        final List<Map<Integer, ObjectDescriptor>> calls = new ArrayList<>();
        final List<String> threads = new ArrayList<>();
        final CountDownLatch firstStarted = new CountDownLatch(1);
        final CountDownLatch letGo = new CountDownLatch(1);

        @Override
        public void swapped(String stream, Map<Integer, ObjectDescriptor> swapped) {
            synchronized (this) {
                calls.add(Map.copyOf(swapped));
                threads.add(Thread.currentThread().getName());
            }
            firstStarted.countDown();
            try {
                letGo.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        synchronized List<Map<Integer, ObjectDescriptor>> calls() {
            return List.copyOf(calls);
        }
    }

    private static ObjectDescriptor object(String key, long start, long end) {
        return new ObjectDescriptor(ObjectDescriptor.Kind.PARQUET, key, start, end, 100, 0, 0, 1);
    }

    @Test
    void swapsReportedDuringACommitGoIntoOneLaterCommit() throws Exception {
        RecordingCommits tables = new RecordingCommits();
        TableCommits queued = QueuedTableCommits.of(tables, "test-iceberg");

        queued.swapped("s", Map.of(0, object("a", 0, 10)));
        assertThat(tables.firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
        queued.swapped("s", Map.of(1, object("b", 0, 10), 2, object("b", 0, 7)));
        queued.swapped("s", Map.of(3, object("c", 0, 4)));
        tables.letGo.countDown();
        QueuedTableCommits.awaitIfQueued(queued);

        assertThat(tables.calls())
                .containsExactly(
                        Map.of(0, object("a", 0, 10)),
                        Map.of(
                                1, object("b", 0, 10),
                                2, object("b", 0, 7),
                                3, object("c", 0, 4)));
        assertThat(tables.threads).containsOnly("test-iceberg");
        QueuedTableCommits.closeIfQueued(queued);
    }

    @Test
    void swapsReportedWhileTheFirstLingersShareItsCommit() throws Exception {
        RecordingCommits tables = new RecordingCommits();
        tables.letGo.countDown();
        TableCommits queued = QueuedTableCommits.of(tables, "test-iceberg");

        queued.swapped("s", Map.of(0, object("a", 0, 10)));
        queued.swapped("s", Map.of(1, object("b", 0, 10)));
        queued.swapped("s", Map.of(2, object("c", 0, 10)));
        assertThat(tables.firstStarted.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(tables.calls())
                .containsExactly(
                        Map.of(
                                0,
                                object("a", 0, 10),
                                1,
                                object("b", 0, 10),
                                2,
                                object("c", 0, 10)));
        QueuedTableCommits.closeIfQueued(queued);
    }

    @Test
    void awaitCommitsWhatWasReportedWithoutLingering() throws Exception {
        RecordingCommits tables = new RecordingCommits();
        tables.letGo.countDown();
        TableCommits queued = QueuedTableCommits.of(tables, "test-iceberg", Duration.ofHours(1));

        queued.swapped("s", Map.of(0, object("a", 0, 10)));
        queued.swapped("t", Map.of(0, object("b", 0, 10)));
        QueuedTableCommits.awaitIfQueued(queued);

        assertThat(tables.calls())
                .containsExactlyInAnyOrder(
                        Map.of(0, object("a", 0, 10)), Map.of(0, object("b", 0, 10)));
        QueuedTableCommits.closeIfQueued(queued);
        assertThat(tables.calls()).as("nothing left lingering").hasSize(2);
    }

    @Test
    void swapsOfOnePartitionStayInOrderInCommitsOfTheirOwn() throws Exception {
        RecordingCommits tables = new RecordingCommits();
        TableCommits queued = QueuedTableCommits.of(tables, "test-iceberg");

        queued.swapped("s", Map.of(9, object("first", 0, 5)));
        assertThat(tables.firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
        queued.swapped("s", Map.of(0, object("a", 0, 5)));
        queued.swapped("s", Map.of(0, object("b", 5, 9), 1, object("b", 0, 3)));
        queued.swapped("s", Map.of(2, object("c", 0, 2)));
        tables.letGo.countDown();
        QueuedTableCommits.closeIfQueued(queued);

        assertThat(tables.calls())
                .containsExactly(
                        Map.of(9, object("first", 0, 5)),
                        Map.of(0, object("a", 0, 5)),
                        Map.of(0, object("b", 5, 9), 1, object("b", 0, 3), 2, object("c", 0, 2)));
    }

    @Test
    void closeWaitsForWhatWasReportedAndLaterSwapsCommitOnTheCaller() throws Exception {
        RecordingCommits tables = new RecordingCommits();
        tables.letGo.countDown();
        TableCommits queued = QueuedTableCommits.of(tables, "test-iceberg");

        queued.swapped("s", Map.of(0, object("a", 0, 10)));
        queued.swapped("t", Map.of(0, object("b", 0, 10)));
        QueuedTableCommits.closeIfQueued(queued);
        assertThat(tables.calls()).hasSize(2);
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.getName().equals("test-iceberg"));

        queued.swapped("s", Map.of(1, object("c", 0, 10)));
        assertThat(tables.calls()).hasSize(3);
        assertThat(tables.threads.get(2)).isEqualTo(Thread.currentThread().getName());
    }

    @Test
    void aFailedTableCommitDoesNotFailTheWaitForIt() throws Exception {
        TableCommits failing =
                (stream, swapped) -> {
                    throw new IllegalStateException("table unreachable");
                };
        TableCommits queued = QueuedTableCommits.of(failing, "test-iceberg", Duration.ofHours(1));

        queued.swapped("s", Map.of(0, object("a", 0, 10)));
        QueuedTableCommits.awaitIfQueued(queued);
        QueuedTableCommits.closeIfQueued(queued);
    }

    @Test
    void tablesThatCommitNothingAreNotQueued() {
        assertThat(QueuedTableCommits.of(TableCommits.NONE, "test-iceberg"))
                .isSameAs(TableCommits.NONE);
    }
}
