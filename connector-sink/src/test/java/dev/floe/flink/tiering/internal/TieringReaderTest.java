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

import dev.floe.flink.connection.FloeConnection;
import dev.floe.flink.connection.FloeConnectionOptions;
import dev.floe.flink.tiering.FloeTieringOptions;
import dev.floe.flink.tiering.TieredObject;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.PartitionClaim;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.testing.TestStreams;
import dev.floe.wal.tier.CommittedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.testutils.source.reader.TestingReaderContext;
import org.apache.flink.connector.testutils.source.reader.TestingReaderOutput;
import org.apache.flink.core.io.InputStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tiering reader on Flink's testing reader context, against an embedded manifest and a local
 * bucket. Stream "s" has partition 0 with three segment objects of records text-0 to text-8,
 * partition 1 with one of text-9 to text-11, and an empty partition 2.
 */
class TieringReaderTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir Path dir;
    private Configuration config;
    private FloeConnection connection;
    private TestStreams streams;

    @BeforeEach
    void writeStream() throws Exception {
        config = new Configuration();
        config.set(FloeConnectionOptions.LOCAL_PATH, dir.toString());
        config.set(FloeTieringOptions.BOUNDED, true);
        config.set(FloeTieringOptions.INTERVAL, Duration.ofMillis(50));
        connection = FloeConnection.open(config);
        streams = new TestStreams(connection.manifest(), connection.stores());
        streams.create("s", 3, null);
        streams.commit("s", 0, TestStreams.texts(0, 3));
        streams.commit("s", 0, TestStreams.texts(3, 3));
        streams.commit("s", 0, TestStreams.texts(6, 3));
        streams.commit("s", 1, TestStreams.texts(9, 3));
    }

    @AfterEach
    void close() {
        connection.close();
    }

    @Test
    void aBoundedReaderEndsOnceEveryRecordOfItsPartitionsIsInParquet() throws Exception {
        TestingReaderOutput<TieredObject> output = new TestingReaderOutput<>();
        try (TieringReader reader = new TieringReader(config, new TestingReaderContext())) {
            reader.start();
            reader.addSplits(List.of(split(0), split(1), split(2)));
            reader.notifyNoMoreSplits();

            pollUntilEnd(reader, output);
            assertThat(reader.snapshotState(1)).isEmpty();
        }

        assertThat(output.getEmittedRecords())
                .extracting(TieredObject::objectKey)
                .containsExactlyInAnyOrderElementsOf(parquetKeys());
        assertThat(output.getEmittedRecords())
                .extracting(TieredObject::partition, TieredObject::recordCount)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(0, 9L),
                        org.assertj.core.groups.Tuple.tuple(1, 3L));
        assertThat(values(0)).containsExactly(texts(0, 9));
        assertThat(values(1)).containsExactly(texts(9, 3));
        for (int p = 0; p < 3; p++) {
            assertThat(connection.manifest().tieringOwner("s", p)).as("claim of %d", p).isEmpty();
        }
    }

    @Test
    void aPartitionAWriterHoldsIsTieredWhenDueAndFinishedOnlyOnceTheWriterIsGone()
            throws Exception {
        config.set(FloeTieringOptions.MAX_SEGMENT_AGE, Duration.ZERO);
        TestingReaderOutput<TieredObject> output = new TestingReaderOutput<>();
        PartitionClaim writer =
                connection.manifest().acquire("s", 0, "a running sink", Duration.ofMinutes(1));
        try (TieringReader reader = new TieringReader(config, new TestingReaderContext())) {
            reader.start();
            reader.addSplits(List.of(split(0)));
            reader.notifyNoMoreSplits();

            while (reader.pollNext(output) == InputStatus.NOTHING_AVAILABLE
                    && output.getEmittedRecords().isEmpty()) {
                reader.isAvailable().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
            assertThat(output.getEmittedRecords()).hasSize(1);
            assertThat(reader.pollNext(output)).isEqualTo(InputStatus.NOTHING_AVAILABLE);
            assertThat(reader.snapshotState(1)).containsExactly(split(0));

            writer.close();
            pollUntilEnd(reader, output);
        }
        assertThat(output.getEmittedRecords()).hasSize(1);
        assertThat(values(0)).containsExactly(texts(0, 9));
    }

    private static void pollUntilEnd(TieringReader reader, TestingReaderOutput<TieredObject> out)
            throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        InputStatus status = reader.pollNext(out);
        while (status != InputStatus.END_OF_INPUT) {
            assertThat(System.nanoTime()).as("reader ended in time").isLessThan(deadline);
            if (status == InputStatus.NOTHING_AVAILABLE) {
                reader.isAvailable().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
            status = reader.pollNext(out);
        }
    }

    private List<String> parquetKeys() {
        return java.util.stream.IntStream.range(0, 3)
                .mapToObj(p -> streams.objects("s", p))
                .flatMap(List::stream)
                .peek(o -> assertThat(o.kind()).isEqualTo(ObjectDescriptor.Kind.PARQUET))
                .map(ObjectDescriptor::key)
                .toList();
    }

    private List<String> values(int partition) throws Exception {
        long end = connection.manifest().head("s", partition).committedEnd();
        return new CommittedReader(connection.manifest(), connection.stores(), "s", partition)
                .read(0, end).stream()
                        .map(LoggedRecord::value)
                        .map(v -> new String(v, StandardCharsets.UTF_8))
                        .toList();
    }

    private static String[] texts(int from, int count) {
        return java.util.stream.IntStream.range(from, from + count)
                .mapToObj(i -> "text-" + i)
                .toArray(String[]::new);
    }

    private static TieringSplit split(int partition) {
        return new TieringSplit("s", partition);
    }
}
