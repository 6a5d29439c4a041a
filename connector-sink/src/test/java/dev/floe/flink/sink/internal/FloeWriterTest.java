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
import static org.assertj.core.api.Assertions.tuple;

import dev.floe.flink.connection.FloeConnection;
import dev.floe.flink.connection.FloeConnectionOptions;
import dev.floe.flink.sink.FloeRecordException;
import dev.floe.flink.sink.FloeRecordSerializer;
import dev.floe.flink.sink.FloeRecordSerializers;
import dev.floe.flink.sink.FloeRouting;
import dev.floe.flink.sink.FloeSetupException;
import dev.floe.flink.sink.FloeSinkOptions;
import dev.floe.flink.sink.InvalidRecordPolicy;
import dev.floe.flink.sink.testing.CountingSerializer;
import dev.floe.flink.sink.testing.TestWriterContext;
import dev.floe.wal.format.RecordFrame;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.record.WalRecord;
import dev.floe.wal.tier.CommittedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.util.IOUtils;
import org.apache.flink.util.clock.RelativeClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FloeWriter} on Flink's writer context, without a cluster: an embedded manifest and a
 * local-directory object store in a temporary directory. Routing in every mode, bad input and
 * routing errors under both policies, the committables of a checkpoint, and the metrics.
 */
class FloeWriterTest {

    private static final String STREAM = "orders";
    private static final long TIMESTAMP = 1_000;
    private static final SinkWriter.Context CONTEXT = TestWriterContext.elementContext(TIMESTAMP);

    @TempDir Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeWriters() throws Exception {
        IOUtils.closeAll(open);
    }

    @Test
    void bySubtaskSpreadsTheSubtasksElementsOverItsOwnPartitions() throws Exception {
        FloeWriter<String> writer =
                writer(
                        config(4),
                        FloeRecordSerializers.strings(),
                        FloeRouting.bySubtask(),
                        new TestWriterContext(1, 2));
        writeAll(writer, "a", "b", "c", "d", "e");

        Collection<FloeCommittable> committables = writer.prepareCommit();

        assertThat(committables)
                .extracting(FloeCommittable::stream, FloeCommittable::partition)
                .containsExactly(tuple(STREAM, 1), tuple(STREAM, 3));
        assertThat(committables).extracting(FloeCommittable::expectedEnd).containsOnly(0L);
        assertThat(committables).extracting(FloeCommittable::newEnd).containsExactly(3L, 2L);
        assertThat(writer.snapshotState(1))
                .extracting(FloeWriterState::partition, FloeWriterState::end)
                .containsExactly(tuple(1, 3L), tuple(3, 2L));
    }

    @Test
    void theNextCheckpointsCommittablesContinueWhereTheLastEnded() throws Exception {
        FloeWriter<String> writer =
                writer(
                        config(1),
                        FloeRecordSerializers.strings(),
                        FloeRouting.bySubtask(),
                        new TestWriterContext(0, 1));
        writeAll(writer, "a", "b");
        FloeCommittable first = single(writer.prepareCommit());
        assertThat(writer.prepareCommit()).as("nothing written since").isEmpty();
        writeAll(writer, "c");
        FloeCommittable second = single(writer.prepareCommit());

        assertThat(second.expectedEnd()).isEqualTo(first.newEnd()).isEqualTo(2);
        assertThat(second.newEnd()).isEqualTo(3);
        assertThat(second.epoch()).isEqualTo(first.epoch());
        assertThat(second.commitId()).isNotEqualTo(first.commitId());
    }

    @Test
    void keyHashAppendsEachRecordToThePartitionOfItsKey() throws Exception {
        Configuration config = atLeastOnce(config(4));
        FloeWriter<String> writer =
                writer(
                        config,
                        new CountingSerializer(),
                        FloeRouting.byKeyHash(),
                        new TestWriterContext(0, 1));
        List<String> elements = List.of("a1", "b1", "a2", "c1", "d1", "b2", "a3", "e1", "f1");
        writeAll(writer, elements.toArray(String[]::new));
        writer.prepareCommit();

        Map<Integer, List<String>> expected = new TreeMap<>();
        for (String e : elements) {
            int p = FloeRouting.partitionOfKey(CountingSerializer.keyOf(e), 4);
            expected.computeIfAbsent(p, k -> new ArrayList<>()).add(e);
        }
        assertThat(expected).as("the keys cover several partitions").hasSizeGreaterThan(1);
        assertThat(committedValues(config)).isEqualTo(expected);
    }

    @Test
    void acceptedRecordsReachTheWalsOnceTheirBatchIsDueOrFull() throws Exception {
        TestWriterContext context = context();
        FloeWriter<String> writer =
                writer(
                        config(4),
                        FloeRecordSerializers.strings(),
                        FloeRouting.bySubtask(),
                        context);
        writeAll(writer, "a", "b", "c");

        assertThat(appended(context)).as("accepted, not yet appended").isZero();
        assertThat(context.timers().pending()).as("one timer for the batch").isEqualTo(1);
        context.timers().advance(1);
        assertThat(appended(context)).as("before the group-commit max-wait of 2 ms").isZero();
        context.timers().advance(1);
        assertThat(appended(context)).isEqualTo(3);
        assertThat(context.timers().pending()).isZero();

        for (int i = 0; i < AppendBatch.MAX_RECORDS; i++) {
            writer.write("e" + i, CONTEXT);
        }
        assertThat(appended(context))
                .as("a full batch is appended at once")
                .isEqualTo(3 + AppendBatch.MAX_RECORDS);
        assertThat(context.timers().pending()).as("the full batch's timer").isEqualTo(1);
        context.timers().advance(2);
        assertThat(appended(context)).isEqualTo(3 + AppendBatch.MAX_RECORDS);
    }

    @Test
    void eachPartitionKeepsTheOrderOfItsRecordsAcrossBatches() throws Exception {
        Configuration config = atLeastOnce(config(3));
        FloeWriter<String> writer = byRemainder(config);
        int count = 2 * AppendBatch.MAX_RECORDS + 10;
        Map<Integer, List<String>> expected = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            writer.write(String.valueOf(i), CONTEXT);
            expected.computeIfAbsent(i % 3, p -> new ArrayList<>()).add(String.valueOf(i));
        }
        writer.prepareCommit();

        assertThat(committedValues(config)).isEqualTo(expected);
    }

    @Test
    void customRoutingAppendsWhereThePartitionerSays() throws Exception {
        Configuration config = atLeastOnce(config(3));
        FloeWriter<String> writer = byRemainder(config);
        writeAll(writer, "0", "1", "2", "3", "4", "5", "6");
        writer.prepareCommit();

        assertThat(committedValues(config))
                .containsExactly(
                        Map.entry(0, List.of("0", "3", "6")),
                        Map.entry(1, List.of("1", "4")),
                        Map.entry(2, List.of("2", "5")));
    }

    @Test
    void theWriterSerializesEachElementOnceAndNeverAloneForItsKey() throws Exception {
        for (FloeRouting<String> routing :
                List.of(
                        FloeRouting.<String>bySubtask(),
                        FloeRouting.<String>byKeyHash(),
                        FloeRouting.<String>custom((element, n) -> 0))) {
            CountingSerializer serializer = new CountingSerializer();
            FloeWriter<String> writer =
                    writer(config(1, routing.mode().name()), serializer, routing, context());
            writeAll(writer, "a", "b", "c");

            assertThat(serializer.elementsSerialized()).as(routing.toString()).isEqualTo(3);
            assertThat(serializer.keysSerialized()).as(routing.toString()).isZero();
        }
    }

    @Test
    void aPartitionOutsideTheStreamFailsTheJobNamingStreamPartitionsAndValue() throws Exception {
        FloeWriter<String> writer =
                writer(
                        config(4),
                        FloeRecordSerializers.strings(),
                        FloeRouting.custom((element, n) -> element.equals("far") ? 7 : 0),
                        context());
        writer.write("near", CONTEXT);

        assertThatThrownBy(() -> writer.write("far", CONTEXT))
                .isInstanceOf(FloeRecordException.class)
                .hasMessageStartingWith(
                        "Floe sink of orders, subtask 0: element 2 cannot be routed: the"
                                + " partitioner returned partition 7 for a stream of 4"
                                + " partitions (0 to 3)")
                .hasMessageContaining("floe.sink.invalid-records = SKIP");
    }

    @Test
    void aFailingPartitionerFailsTheJobWithItsError() throws Exception {
        IllegalStateException cause = new IllegalStateException("no region");
        FloeWriter<String> writer =
                writer(
                        config(4),
                        FloeRecordSerializers.strings(),
                        FloeRouting.custom(
                                (element, n) -> {
                                    throw cause;
                                }),
                        context());

        assertThatThrownBy(() -> writer.write("a", CONTEXT))
                .isInstanceOf(FloeRecordException.class)
                .hasMessageContaining("orders")
                .hasMessageContaining("element 1 cannot be routed: the partitioner failed on it")
                .hasMessageContaining("no region")
                .hasCause(cause);
    }

    @Test
    void aPartitionOfAnotherSubtaskIsARoutingError() throws Exception {
        FloeWriter<String> writer =
                writer(
                        config(4),
                        FloeRecordSerializers.strings(),
                        FloeRouting.custom((element, n) -> 1),
                        new TestWriterContext(0, 2));

        assertThatThrownBy(() -> writer.write("a", CONTEXT))
                .isInstanceOf(FloeRecordException.class)
                .hasMessageContaining("routed to partition 1, which subtask 0 does not own");
    }

    @Test
    void skipDropsAndCountsEveryElementItCannotWriteOrRoute() throws Exception {
        Configuration config = config(2);
        config.set(FloeSinkOptions.INVALID_RECORDS, InvalidRecordPolicy.SKIP);
        TestWriterContext context = context();
        FloeRecordSerializer<String> failsOnBad =
                (element, timestamp) -> {
                    if (element.equals("bad")) {
                        throw new IllegalArgumentException("cannot encode");
                    }
                    return WalRecord.of(timestamp, null, element.getBytes(StandardCharsets.UTF_8));
                };
        FloeWriter<String> writer =
                writer(
                        config,
                        failsOnBad,
                        FloeRouting.custom(
                                (element, n) -> {
                                    if (element.equals("boom")) {
                                        throw new IllegalStateException("no region");
                                    }
                                    return element.equals("far") ? 9 : element.length() % n;
                                }),
                        context);

        writeAll(writer, "a", "far", "bad", "boom", "bb");
        writer.write(null, CONTEXT);

        assertThat(context.counter("numRecordsSendErrors")).isEqualTo(4);
        assertThat(context.counter("numRecordsSend")).isEqualTo(2);
        assertThat(writer.prepareCommit())
                .extracting(FloeCommittable::partition, FloeCommittable::newEnd)
                .containsExactly(tuple(0, 1L), tuple(1, 1L));
    }

    @Test
    void failIsTheDefaultForANullElement() throws Exception {
        FloeWriter<String> writer =
                writer(
                        config(1),
                        FloeRecordSerializers.strings(),
                        FloeRouting.bySubtask(),
                        context());

        assertThatThrownBy(() -> writer.write(null, CONTEXT))
                .isInstanceOf(FloeRecordException.class)
                .hasMessageStartingWith(
                        "Floe sink of orders, subtask 0: element 1 is a null element");
    }

    @Test
    void reportsFlinksSinkMetrics() throws Exception {
        TestWriterContext context = context();
        Configuration config = config(2);
        FloeWriter<String> writer =
                new FloeWriter<>(
                        config,
                        FloeRecordSerializers.strings(),
                        FloeRouting.bySubtask(),
                        context,
                        List.of(),
                        new SteppingClock(3_000_000));
        open.add(writer);
        List<String> elements = List.of("a", "bb", "ccc");
        writeAll(writer, elements.toArray(String[]::new));

        long bytes = 0;
        for (String e : elements) {
            bytes += RecordFrame.recordSize(WalRecord.of(TIMESTAMP, null, e.getBytes()));
        }
        assertThat(context.counter("numRecordsSend")).isEqualTo(3);
        assertThat(context.counter("numBytesSend")).isEqualTo(bytes);
        assertThat(context.counter("numRecordsSendErrors")).isZero();
        assertThat(context.gauge("currentSendTime")).as("nothing appended yet").isEqualTo(0L);
        writer.flush(false);
        assertThat(context.gauge("currentSendTime"))
                .as("milliseconds the batch's append took")
                .isEqualTo(3L);

        writer.prepareCommit();
        assertThat(context.counter("floe", "objectsStaged")).isEqualTo(2);
        assertThat(context.gauge("floe", "uploadLagRecords")).isEqualTo(0L);
    }

    @Test
    void refusesToCreateAMissingStreamWhenTold() {
        Configuration config = config(2);
        config.set(FloeSinkOptions.CREATE_STREAM, false);

        assertThatThrownBy(
                        () ->
                                writer(
                                        config,
                                        FloeRecordSerializers.strings(),
                                        FloeRouting.bySubtask(),
                                        context()))
                .isInstanceOf(FloeSetupException.class)
                .hasMessageContaining("Stream orders does not exist")
                .hasMessageContaining("floe.sink.create-stream");
    }

    @Test
    void theLogsOfAllItsPartitionsShareTheConfiguredIoThreadsUntilTheWriterCloses()
            throws Exception {
        Configuration config = config(48);
        config.set(FloeSinkOptions.WAL_IO_THREADS, 3);
        Set<Thread> before = walIoThreads();
        FloeWriter<String> writer =
                writer(config, FloeRecordSerializers.strings(), FloeRouting.bySubtask(), context());
        for (int i = 0; i < 96; i++) {
            writer.write("e" + i, CONTEXT);
        }
        assertThat(writer.prepareCommit()).hasSize(48);

        Set<Thread> started = walIoThreads();
        started.removeAll(before);
        assertThat(started).as("WAL IO threads of a writer of 48 partitions").hasSize(3);
        open.remove(writer);
        writer.close();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (started.stream().anyMatch(Thread::isAlive)) {
            assertThat(System.nanoTime()).as("WAL IO threads ended").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static Set<Thread> walIoThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("floe-wal-io-"))
                .collect(Collectors.toCollection(HashSet::new));
    }

    private Configuration config(int partitions) {
        return config(partitions, "store");
    }

    /** A sink's options for {@code partitions} partitions, in its own directory {@code name}. */
    private Configuration config(int partitions, String name) {
        Configuration config = new Configuration();
        config.set(FloeConnectionOptions.LOCAL_PATH, dir.resolve(name).toString());
        config.set(FloeSinkOptions.WAL_DIRECTORY, dir.resolve(name).resolve("wal").toString());
        config.set(FloeSinkOptions.STREAM, STREAM);
        config.set(FloeSinkOptions.PARTITIONS, partitions);
        config.set(FloeSinkOptions.TAIL_ENABLED, false);
        config.set(FloeSinkOptions.TIER_ENABLED, false);
        return config;
    }

    private static Configuration atLeastOnce(Configuration config) {
        config.set(FloeSinkOptions.DELIVERY_GUARANTEE, DeliveryGuarantee.AT_LEAST_ONCE);
        return config;
    }

    /** Records the writer has appended to its WALs and not yet staged. */
    private static long appended(TestWriterContext context) {
        return (Long) context.gauge("floe", "uploadLagRecords");
    }

    private static TestWriterContext context() {
        return new TestWriterContext(0, 1);
    }

    private <T> FloeWriter<T> writer(
            Configuration config,
            FloeRecordSerializer<T> serializer,
            FloeRouting<T> routing,
            TestWriterContext context)
            throws Exception {
        FloeWriter<T> writer = new FloeWriter<>(config, serializer, routing, context, List.of());
        open.add(writer);
        return writer;
    }

    /** A writer of numbers, each to the partition of its remainder by the partition count. */
    private FloeWriter<String> byRemainder(Configuration config) throws Exception {
        return writer(
                config,
                FloeRecordSerializers.strings(),
                FloeRouting.custom((element, n) -> Integer.parseInt(element) % n),
                context());
    }

    private static void writeAll(FloeWriter<String> writer, String... elements) throws Exception {
        for (String e : elements) {
            writer.write(e, CONTEXT);
        }
    }

    private static FloeCommittable single(Collection<FloeCommittable> committables) {
        assertThat(committables).hasSize(1);
        return committables.iterator().next();
    }

    /** The committed values of every partition with records, by partition. */
    private Map<Integer, List<String>> committedValues(Configuration config) throws Exception {
        FloeConnection connection = FloeConnection.open(config);
        open.add(connection);
        Map<Integer, List<String>> values = new TreeMap<>();
        for (int p = 0; p < config.get(FloeSinkOptions.PARTITIONS); p++) {
            long end = connection.manifest().head(STREAM, p).committedEnd();
            List<LoggedRecord> records =
                    new CommittedReader(connection.manifest(), connection.stores(), STREAM, p)
                            .read(0, end);
            if (!records.isEmpty()) {
                values.put(
                        p,
                        records.stream()
                                .map(r -> new String(r.value(), StandardCharsets.UTF_8))
                                .collect(Collectors.toList()));
            }
        }
        return values;
    }

    /** A clock that moves on by a fixed step each time it is read. */
    private static final class SteppingClock implements RelativeClock {
        private final long stepNanos;
        private long nanos;

        SteppingClock(long stepNanos) {
            this.stepNanos = stepNanos;
        }

        @Override
        public long relativeTimeNanos() {
            nanos += stepNanos;
            return nanos;
        }

        @Override
        public long relativeTimeMillis() {
            return relativeTimeNanos() / 1_000_000;
        }
    }
}
