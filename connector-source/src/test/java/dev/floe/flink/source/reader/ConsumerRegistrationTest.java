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

import dev.floe.flink.connection.FloeConnection;
import dev.floe.flink.connection.FloeConnectionOptions;
import dev.floe.flink.source.split.FloeSplit;
import dev.floe.wal.manifest.ConsumerPosition;
import dev.floe.wal.manifest.StreamConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reader's consumer positions of stream "s" (three partitions) in an embedded manifest. */
class ConsumerRegistrationTest {

    @TempDir Path dir;
    private FloeConnection connection;
    private ConsumerRegistration registration;

    @BeforeEach
    void open() throws Exception {
        Configuration config = new Configuration();
        config.set(FloeConnectionOptions.LOCAL_PATH, dir.toString());
        connection = FloeConnection.open(config);
        connection.manifest().createStream(StreamConfig.of("s", 3));
        registration = new ConsumerRegistration(config, "analytics");
    }

    @AfterEach
    void close() {
        registration.close();
        connection.close();
    }

    @Test
    void storesTheReadersPositionsOnlyOnceTheirCheckpointCompletes() {
        registration.snapshot(1, List.of(split("s", 0, 5), split("s", 1, 7)));
        assertThat(position("s")).isEmpty();

        registration.checkpointComplete(1);
        assertThat(position("s")).contains(Map.of(0, 5L, 1, 7L));
    }

    @Test
    void storesTheNewestPositionsACompletedCheckpointCovers() {
        registration.snapshot(1, List.of(split("s", 0, 5)));
        registration.snapshot(2, List.of(split("s", 0, 9)));
        registration.snapshot(3, List.of(split("s", 0, 12)));

        // Checkpoint 1's notification was subsumed by checkpoint 2's.
        registration.checkpointComplete(2);
        assertThat(position("s")).contains(Map.of(0, 9L));

        registration.checkpointComplete(1);
        assertThat(position("s")).contains(Map.of(0, 9L));

        registration.checkpointComplete(3);
        assertThat(position("s")).contains(Map.of(0, 12L));
    }

    @Test
    void keepsTheFinalPositionOfSplitsTheReaderFinished() {
        registration.finished(split("s", 2, 20));
        registration.snapshot(4, List.of(split("s", 0, 5)));
        registration.checkpointComplete(4);

        assertThat(position("s")).contains(Map.of(0, 5L, 2, 20L));
    }

    @Test
    void registersNothingForAReaderThatHasNoSplits() {
        registration.snapshot(1, List.of());
        registration.checkpointComplete(1);

        assertThat(connection.manifest().consumers("s")).isEmpty();
    }

    @Test
    void aPositionThatCannotBeStoredIsStoredAtTheNextCheckpoint() {
        registration.snapshot(1, List.of(split("later", 0, 3)));
        registration.checkpointComplete(1);

        connection.manifest().createStream(StreamConfig.of("later", 1));
        assertThat(position("later")).isEmpty();
        registration.snapshot(2, List.of(split("later", 0, 4)));
        registration.checkpointComplete(2);
        assertThat(position("later")).contains(Map.of(0, 4L));
    }

    private Optional<Map<Integer, Long>> position(String stream) {
        return connection
                .manifest()
                .consumerPosition(stream, "analytics")
                .map(ConsumerPosition::offsets);
    }

    private static FloeSplit split(String stream, int partition, long next) {
        return new FloeSplit(stream, partition, next, FloeSplit.UNBOUNDED, FloeSplit.NO_TIMESTAMP);
    }
}
