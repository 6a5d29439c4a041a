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
package dev.floe.flink.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.flink.sink.internal.FloeCommittable;
import dev.floe.flink.sink.internal.FloeWriter;
import dev.floe.flink.sink.internal.PartitionChooser;
import dev.floe.flink.sink.testing.CountingSerializer;
import dev.floe.flink.sink.testing.TestWriterContext;
import dev.floe.wal.record.WalRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.util.IOUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The step that sends each element to the sink subtask owning its partition, alone and in front of
 * the writers: which partition it picks, what it serializes, and where elements it cannot route go.
 */
class PartitionRoutingTest {

    private static final SinkWriter.Context NO_TIMESTAMP = TestWriterContext.elementContext(null);

    @TempDir Path dir;

    private final List<AutoCloseable> writers = new ArrayList<>();

    @AfterEach
    void closeWriters() throws Exception {
        IOUtils.closeAll(writers);
    }

    @Test
    void keyHashRoutesOnTheSerializedKeyAlone() throws Exception {
        CountingSerializer serializer = new CountingSerializer();
        PartitionRouting<String> routing = routing(serializer, FloeRouting.byKeyHash(), 4);

        for (String element : List.of("a1", "b1", "a2", "c1")) {
            assertThat(routing.getKey(element))
                    .isEqualTo(FloeRouting.partitionOfKey(CountingSerializer.keyOf(element), 4));
        }
        assertThat(serializer.keysSerialized()).isEqualTo(4);
        assertThat(serializer.elementsSerialized()).isZero();
    }

    @Test
    void customRoutesOnTheElementWithoutSerializingIt() throws Exception {
        CountingSerializer serializer = new CountingSerializer();
        PartitionRouting<String> routing =
                routing(serializer, FloeRouting.custom((element, n) -> element.length() % n), 3);

        assertThat(routing.getKey("ab")).isEqualTo(2);
        assertThat(routing.getKey("abcd")).isEqualTo(1);
        assertThat(serializer.keysSerialized()).isZero();
        assertThat(serializer.elementsSerialized()).isZero();
    }

    @Test
    void elementsWithoutAPartitionGoToSubtaskZeroForItsWriterToJudge() throws Exception {
        PartitionRouting<String> routing =
                routing(
                        new CountingSerializer(),
                        FloeRouting.custom(
                                (element, n) -> {
                                    if (element.equals("boom")) {
                                        throw new IllegalStateException("no region");
                                    }
                                    return element.equals("far") ? 9 : -1;
                                }),
                        4);

        assertThat(routing.getKey(null)).isEqualTo(PartitionRouting.UNROUTABLE);
        assertThat(routing.getKey("boom")).isEqualTo(PartitionRouting.UNROUTABLE);
        assertThat(routing.getKey("far")).isEqualTo(PartitionRouting.UNROUTABLE);
        assertThat(routing.getKey("negative")).isEqualTo(PartitionRouting.UNROUTABLE);

        FloeRecordSerializer<String> keyFails =
                new FloeRecordSerializer<>() {
                    @Override
                    public WalRecord serialize(String element, Long timestamp) {
                        throw new UnsupportedOperationException();
                    }

                    @Override
                    public byte[] serializeKey(String element) {
                        throw new IllegalArgumentException("no key");
                    }
                };
        assertThat(routing(keyFails, FloeRouting.byKeyHash(), 4).getKey("a"))
                .isEqualTo(PartitionRouting.UNROUTABLE);
    }

    @Test
    void routedElementsReachTheirPartitionsSerializedOnce() throws Exception {
        CountingSerializer serializer = new CountingSerializer();
        FloeRouting<String> keyHash = FloeRouting.byKeyHash();
        FloeSink<String> sink = sink(serializer, keyHash, InvalidRecordPolicy.FAIL);
        Map<Integer, Integer> expected = new TreeMap<>();
        List<String> elements = List.of("a1", "b1", "c1", "d1", "e1", "a2", "f1", "b2");
        for (String e : elements) {
            expected.merge(
                    FloeRouting.partitionOfKey(CountingSerializer.keyOf(e), 4), 1, Integer::sum);
        }

        Map<Integer, Integer> written =
                runThroughRoutingAndWriters(sink, routing(serializer, keyHash, 4), elements);

        assertThat(written).isEqualTo(expected);
        assertThat(serializer.elementsSerialized()).isEqualTo(elements.size());
        assertThat(serializer.keysSerialized()).isEqualTo(elements.size());
    }

    @Test
    void anUnroutableElementIsSkippedBySubtaskZeroNotWrittenToPartitionZero() throws Exception {
        CountingSerializer serializer = new CountingSerializer();
        FloeRouting<String> custom =
                FloeRouting.custom((element, n) -> element.equals("far") ? 9 : 1);
        FloeSink<String> sink = sink(serializer, custom, InvalidRecordPolicy.SKIP);
        TestWriterContext subtaskZero = new TestWriterContext(0, 2);

        Map<Integer, Integer> written =
                runThroughRoutingAndWriters(
                        sink,
                        routing(serializer, custom, 4),
                        List.of("near", "far", "near"),
                        subtaskZero,
                        new TestWriterContext(1, 2));

        assertThat(written).containsExactly(Map.entry(1, 2));
        assertThat(subtaskZero.counter("numRecordsSendErrors")).isEqualTo(1);
    }

    private static PartitionRouting<String> routing(
            FloeRecordSerializer<String> serializer, FloeRouting<String> routing, int partitions) {
        return new PartitionRouting<>(serializer, new PartitionChooser<>(routing, partitions));
    }

    private FloeSink<String> sink(
            FloeRecordSerializer<String> serializer,
            FloeRouting<String> routing,
            InvalidRecordPolicy policy) {
        return FloeSink.<String>builder().stream("orders")
                .partitions(4)
                .serializer(serializer)
                .routing(routing)
                .invalidRecords(policy)
                .localPath(dir.resolve("floe").toString())
                .walDirectory(dir.resolve("wal").toString())
                .set(FloeSinkOptions.TAIL_ENABLED, false)
                .set(FloeSinkOptions.TIER_ENABLED, false)
                .build();
    }

    private Map<Integer, Integer> runThroughRoutingAndWriters(
            FloeSink<String> sink, PartitionRouting<String> routing, List<String> elements)
            throws Exception {
        return runThroughRoutingAndWriters(
                sink, routing, elements, new TestWriterContext(0, 2), new TestWriterContext(1, 2));
    }

    /**
     * Sends the elements through the routing step to the writers of the subtasks, as Flink's custom
     * partitioning does ({@code partition % subtasks}), and returns how many records each partition
     * received at the next checkpoint.
     */
    private Map<Integer, Integer> runThroughRoutingAndWriters(
            FloeSink<String> sink,
            PartitionRouting<String> routing,
            List<String> elements,
            TestWriterContext... subtasks)
            throws Exception {
        List<FloeWriter<String>> subtaskWriters = new ArrayList<>();
        for (TestWriterContext context : subtasks) {
            FloeWriter<String> writer = (FloeWriter<String>) sink.createWriter(context);
            writers.add(writer);
            subtaskWriters.add(writer);
        }
        for (String element : elements) {
            subtaskWriters
                    .get(routing.getKey(element) % subtaskWriters.size())
                    .write(element, NO_TIMESTAMP);
        }
        Map<Integer, Integer> written = new TreeMap<>();
        for (FloeWriter<String> writer : subtaskWriters) {
            for (FloeCommittable c : writer.prepareCommit()) {
                written.put(c.partition(), (int) (c.newEnd() - c.expectedEnd()));
            }
        }
        return written;
    }
}
