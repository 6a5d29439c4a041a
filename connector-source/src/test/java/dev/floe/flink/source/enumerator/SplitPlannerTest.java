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

import dev.floe.flink.source.FloeSourceOptions;
import dev.floe.flink.source.FloeSourceOptions.StartMode;
import dev.floe.flink.source.FloeSourceOptions.StopMode;
import dev.floe.flink.source.split.FloeSplit;
import dev.floe.wal.manifest.CommitRequest;
import dev.floe.wal.manifest.CommitResult;
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.ManifestStores;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.PartitionClaim;
import dev.floe.wal.manifest.StreamConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Planning splits against the embedded manifest. Stream "orders" has three partitions: partition 0
 * holds objects [0, 100) with timestamps 1000 to 1999, [100, 250) with 2000 to 2999 and [250, 300)
 * with 3000 to 3999; partition 1 holds [0, 50) with 1500 to 2500; partition 2 is empty.
 */
class SplitPlannerTest {

    private static final long U = FloeSplit.UNBOUNDED;
    private static final long NO_TS = FloeSplit.NO_TIMESTAMP;

    @TempDir Path dir;
    private ManifestStore manifest;

    @BeforeEach
    void commitObjects() {
        manifest = ManifestStores.embedded(dir, "test");
        manifest.createStream(StreamConfig.of("orders", 3));
        commit(0, object(0, 0, 100, 1000, 1999), object(0, 100, 250, 2000, 2999));
        commit(0, object(0, 250, 300, 3000, 3999));
        commit(1, object(1, 0, 50, 1500, 2500));
        manifest.createStream(StreamConfig.of("empty", 1));
    }

    @AfterEach
    void close() {
        manifest.close();
    }

    @Test
    void startsAtTheEarliestAndFollowsByDefault() {
        assertThat(plan(config())).containsExactly(split(0, 0, U), split(1, 0, U), split(2, 0, U));
    }

    @Test
    void startsAtTheLatest() {
        Configuration config = config();
        config.set(FloeSourceOptions.START, StartMode.LATEST);
        assertThat(plan(config)).containsExactly(split(0, 300, U), split(1, 50, U), split(2, 0, U));
    }

    @Test
    void startsAtOffsetsAndTheEarliestForOtherPartitions() {
        Configuration config = config();
        config.set(FloeSourceOptions.START, StartMode.OFFSETS);
        config.set(FloeSourceOptions.START_OFFSETS, Map.of("0", "120", "1", "50"));
        assertThat(plan(config)).containsExactly(split(0, 120, U), split(1, 50, U), split(2, 0, U));
    }

    @Test
    void startsAtTheFirstObjectReachingATimestampAndSkipsEarlierRecords() {
        Configuration config = config();
        config.set(FloeSourceOptions.START, StartMode.TIMESTAMP);
        config.set(FloeSourceOptions.START_TIMESTAMP, 2100L);
        assertThat(plan(config))
                .containsExactly(
                        new FloeSplit("orders", 0, 100, U, 2100),
                        new FloeSplit("orders", 1, 0, U, 2100),
                        new FloeSplit("orders", 2, 0, U, 2100));

        config.set(FloeSourceOptions.START_TIMESTAMP, 5000L);
        assertThat(plan(config)).extracting(FloeSplit::nextOffset).containsExactly(300L, 50L, 0L);
    }

    @Test
    void startsAtAConsumersPositions() {
        manifest.putConsumerPosition("orders", "analytics", Map.of(0, 150L), Duration.ofHours(1));
        Configuration config = config();
        config.set(FloeSourceOptions.START, StartMode.CONSUMER);
        config.set(FloeSourceOptions.CONSUMER_ID, "analytics");
        assertThat(plan(config)).containsExactly(split(0, 150, U), split(1, 0, U), split(2, 0, U));
    }

    @Test
    void stopsAtTheCommittedEndSeenAtStart() {
        Configuration config = config();
        config.set(FloeSourceOptions.STOP, StopMode.COMMITTED_AT_START);
        assertThat(plan(config)).containsExactly(split(0, 0, 300), split(1, 0, 50), split(2, 0, 0));

        config.set(FloeSourceOptions.START, StartMode.LATEST);
        assertThat(plan(config))
                .containsExactly(split(0, 300, 300), split(1, 50, 50), split(2, 0, 0));
    }

    @Test
    void boundedIsAnAliasOfCommittedAtStartUnlessStopIsSet() {
        Configuration config = config();
        config.set(FloeSourceOptions.BOUNDED, true);
        assertThat(FloeSourceOptions.stopMode(config)).isEqualTo(StopMode.COMMITTED_AT_START);
        assertThat(plan(config)).extracting(FloeSplit::stopOffset).containsExactly(300L, 50L, 0L);

        config.set(FloeSourceOptions.STOP, StopMode.UNBOUNDED);
        assertThat(plan(config)).extracting(FloeSplit::stopOffset).containsExactly(U, U, U);
    }

    @Test
    void stopsAtOffsetsEvenPastTheCommittedEnd() {
        Configuration config = config();
        config.set(FloeSourceOptions.STOP, StopMode.OFFSETS);
        config.set(FloeSourceOptions.STOP_OFFSETS, Map.of("0", "400", "1", "20"));
        assertThat(plan(config)).containsExactly(split(0, 0, 400), split(1, 0, 20), split(2, 0, 0));
    }

    @Test
    void stopsAtTheEndOfTheFirstObjectWithARecordAfterAPastTimestamp() {
        Configuration config = config();
        config.set(FloeSourceOptions.STOP, StopMode.TIMESTAMP);
        config.set(FloeSourceOptions.STOP_TIMESTAMP, 2500L);
        assertThat(plan(config)).containsExactly(split(0, 0, 250), split(1, 0, 50), split(2, 0, 0));

        config.set(FloeSourceOptions.STOP_TIMESTAMP, 500L);
        assertThat(plan(config)).containsExactly(split(0, 0, 100), split(1, 0, 50), split(2, 0, 0));

        config.set(FloeSourceOptions.START, StartMode.LATEST);
        assertThat(plan(config))
                .containsExactly(split(0, 300, 300), split(1, 50, 50), split(2, 0, 0));
    }

    @Test
    void refusesAStopTimestampThatIsNotInThePast() {
        Configuration config = config();
        config.set(FloeSourceOptions.STOP, StopMode.TIMESTAMP);
        config.set(FloeSourceOptions.STOP_TIMESTAMP, 3999L);
        assertThatThrownBy(() -> plan(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Stop timestamp 3999 of stream orders is not in the past")
                .hasMessageContaining("the newest committed record is at 3999");

        config.set(FloeSourceOptions.STREAM, "empty");
        assertThatThrownBy(() -> plan(config))
                .hasMessageContaining("Stop timestamp 3999 of stream empty is not in the past")
                .hasMessageContaining("nothing is committed yet");

        // Only the partitions read count: partition 1's newest record is at 2500.
        config.set(FloeSourceOptions.STREAM, "orders");
        config.set(FloeSourceOptions.STOP_TIMESTAMP, 2600L);
        config.set(FloeSourceOptions.PARTITIONS, List.of(1));
        assertThatThrownBy(() -> plan(config))
                .hasMessageContaining("the newest committed record is at 2500");
    }

    @Test
    void readsAPartitionSubsetInTheOrderGiven() {
        Configuration config = config();
        config.set(FloeSourceOptions.PARTITIONS, List.of(2, 0));
        config.set(FloeSourceOptions.STOP, StopMode.COMMITTED_AT_START);
        assertThat(plan(config)).containsExactly(split(2, 0, 0), split(0, 0, 300));
    }

    @Test
    void leavesOutMissingPartitionsWhenAskedTo() {
        Configuration config = config();
        config.set(FloeSourceOptions.PARTITIONS, List.of(1, 7));
        config.set(FloeSourceOptions.PARTITIONS_IGNORE_MISSING, true);
        assertThat(plan(config)).containsExactly(split(1, 0, U));

        config.set(FloeSourceOptions.PARTITIONS, List.of(7));
        assertThat(plan(config)).isEmpty();
    }

    @Test
    void narrowsEveryPartitionToAnOffsetRange() {
        Configuration config = config();
        config.set(FloeSourceOptions.FROM_OFFSET, 40L);
        config.set(FloeSourceOptions.UNTIL_OFFSET, 120L);
        assertThat(plan(config))
                .containsExactly(split(0, 40, 120), split(1, 40, 120), split(2, 40, 120));

        config.set(FloeSourceOptions.STOP, StopMode.COMMITTED_AT_START);
        assertThat(plan(config))
                .containsExactly(split(0, 40, 120), split(1, 40, 50), split(2, 0, 0));

        config.set(FloeSourceOptions.START, StartMode.LATEST);
        assertThat(plan(config))
                .containsExactly(split(0, 120, 120), split(1, 50, 50), split(2, 0, 0));
    }

    @Test
    void anOffsetRangeNeedNotMeetTheStartAndStop() {
        Configuration config = config();
        config.set(FloeSourceOptions.START, StartMode.OFFSETS);
        config.set(FloeSourceOptions.START_OFFSETS, Map.of("0", "120"));
        config.set(FloeSourceOptions.UNTIL_OFFSET, 100L);
        assertThat(plan(config)).first().isEqualTo(split(0, 100, 100));
    }

    @Test
    void startsAtTheFirstObjectReachingTheTimestampRange() {
        Configuration config = config();
        config.set(FloeSourceOptions.FROM_TIMESTAMP, 2100L);
        assertThat(plan(config)).containsExactly(split(0, 100, U), split(1, 0, U), split(2, 0, U));

        config.set(FloeSourceOptions.FROM_TIMESTAMP, 5000L);
        assertThat(plan(config)).containsExactly(split(0, 300, U), split(1, 50, U), split(2, 0, U));
    }

    @Test
    void stopsAfterAMaximumOfRecordsPerPartitionUnlessStartingAtATimestamp() {
        Configuration config = config();
        config.set(FloeSourceOptions.MAX_RECORDS_PER_PARTITION, 10L);
        config.set(FloeSourceOptions.START, StartMode.OFFSETS);
        config.set(FloeSourceOptions.START_OFFSETS, Map.of("0", "120"));
        config.set(FloeSourceOptions.STOP, StopMode.COMMITTED_AT_START);
        assertThat(plan(config))
                .containsExactly(split(0, 120, 130), split(1, 0, 10), split(2, 0, 0));

        config.set(FloeSourceOptions.START, StartMode.TIMESTAMP);
        config.set(FloeSourceOptions.START_TIMESTAMP, 2100L);
        assertThat(plan(config)).extracting(FloeSplit::stopOffset).containsExactly(300L, 50L, 0L);
    }

    @Test
    void refusesAnUnknownStream() {
        Configuration config = config();
        config.set(FloeSourceOptions.STREAM, "nope");
        assertThatThrownBy(() -> plan(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Stream nope does not exist in ");
    }

    @Test
    void refusesAPartitionOutOfRange() {
        Configuration config = config();
        config.set(FloeSourceOptions.PARTITIONS, List.of(0, 3));
        assertThatThrownBy(() -> plan(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "Stream orders has partitions 0 to 2, not 3 ("
                                + FloeSourceOptions.PARTITIONS.key()
                                + ")");
    }

    @Test
    void refusesAStartOffsetPastTheCommittedEnd() {
        Configuration config = config();
        config.set(FloeSourceOptions.START, StartMode.OFFSETS);
        config.set(FloeSourceOptions.START_OFFSETS, Map.of("0", "301"));
        assertThatThrownBy(() -> plan(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "Start offset 301 of orders/0 is outside the partition's committed"
                                + " range [0, 300)");

        config.set(FloeSourceOptions.START_OFFSETS, Map.of("1", "ten"));
        assertThatThrownBy(() -> plan(config))
                .hasMessage("Start offset 'ten' of orders/1 is not a number");
    }

    @Test
    void refusesAStopOffsetBeforeTheStart() {
        Configuration config = config();
        config.set(FloeSourceOptions.START, StartMode.OFFSETS);
        config.set(FloeSourceOptions.START_OFFSETS, Map.of("0", "120"));
        config.set(FloeSourceOptions.STOP, StopMode.OFFSETS);
        config.set(FloeSourceOptions.STOP_OFFSETS, Map.of("0", "100"));
        assertThatThrownBy(() -> plan(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "Stop offset 100 of orders/0 is before its start offset 120 ("
                                + FloeSourceOptions.STOP_OFFSETS.key()
                                + ")");
    }

    private List<FloeSplit> plan(Configuration config) {
        return SplitPlanner.plan(manifest, SplitPlanner.stream(manifest, config), config);
    }

    private static Configuration config() {
        Configuration config = new Configuration();
        config.set(FloeSourceOptions.STREAM, "orders");
        return config;
    }

    private static FloeSplit split(int partition, long from, long stop) {
        return new FloeSplit("orders", partition, from, stop, NO_TS);
    }

    private static ObjectDescriptor object(int p, long from, long to, long minTs, long maxTs) {
        return new ObjectDescriptor(
                ObjectDescriptor.Kind.SEGMENT,
                "orders/" + p + "/" + from + ".seg",
                from,
                to,
                1024,
                minTs,
                maxTs,
                1);
    }

    private void commit(int partition, ObjectDescriptor... objects) {
        try (PartitionClaim claim =
                manifest.acquire("orders", partition, "test", Duration.ofMinutes(1))) {
            long end = manifest.head("orders", partition).committedEnd();
            CommitResult result =
                    manifest.commit(
                            new CommitRequest(
                                    "orders",
                                    partition,
                                    claim.epoch(),
                                    end,
                                    List.of(objects),
                                    "commit-" + partition + "-" + end));
            assertThat(result.status()).isEqualTo(CommitResult.Status.COMMITTED);
        }
    }
}
