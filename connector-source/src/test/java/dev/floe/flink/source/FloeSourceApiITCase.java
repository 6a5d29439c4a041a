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
package dev.floe.flink.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.flink.avro.testing.SpecificOrder;
import dev.floe.flink.sink.FloeRecordSerializers;
import dev.floe.flink.sink.FloeSink;
import dev.floe.flink.sink.FloeSinkOptions;
import dev.floe.flink.sink.testing.FloeTestStores;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.testing.EtcdExtension;
import dev.floe.wal.testing.S3ProxyExtension;
import dev.floe.wal.tier.ObjectRangeSource;
import dev.floe.wal.tier.parquet.ParquetObjectReader;
import dev.floe.wal.tier.parquet.ParquetObjectSchema;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.formats.avro.AvroDeserializationSchema;
import org.apache.flink.formats.avro.AvroSerializationSchema;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.formats.avro.typeutils.GenericRecordAvroTypeInfo;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.ExceptionUtils;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * FloeSource's stop positions and Avro records (flink-avro's schemas, GenericRecord and
 * SpecificRecord, as typed Parquet columns), reading streams FloeSink wrote in a MiniCluster
 * against a real etcd and S3 server.
 */
class FloeSourceApiITCase {

    @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();
    @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(4)
                            .build());

    private static final Schema ORDER =
            SchemaBuilder.record("Order")
                    .namespace("dev.floe.test")
                    .fields()
                    .requiredLong("id")
                    .requiredString("customer")
                    .requiredDouble("amount")
                    .endRecord();

    private static final int COUNT = 3_000;

    @TempDir static Path wal;
    private static FloeTestStores floe;

    /**
     * Stream "events": values 0 to COUNT - 1, each with its value as timestamp (ms), written by
     * three jobs, so that each partition holds objects of three timestamp ranges at least.
     */
    @BeforeAll
    static void writeStream() throws Exception {
        floe = new FloeTestStores(ETCD, S3);
        for (int job = 0; job < 3; job++) {
            writeStrings("events", job * (COUNT / 3), COUNT / 3, 2);
        }
    }

    @AfterAll
    static void close() throws Exception {
        floe.close();
    }

    @Test
    void everyStopButUnboundedMakesABoundedSource() {
        assertThat(source("events").build().getBoundedness())
                .isEqualTo(Boundedness.CONTINUOUS_UNBOUNDED);
        assertThat(source("events").bounded().build().getBoundedness())
                .isEqualTo(Boundedness.BOUNDED);
        assertThat(source("events").stopAtOffsets(Map.of(0, 1L)).build().getBoundedness())
                .isEqualTo(Boundedness.BOUNDED);
        assertThat(
                        source("events")
                                .stopAtTimestamp(Instant.ofEpochMilli(1))
                                .build()
                                .getBoundedness())
                .isEqualTo(Boundedness.BOUNDED);
        assertThat(source("events").set(FloeSourceOptions.BOUNDED, true).build().getBoundedness())
                .isEqualTo(Boundedness.BOUNDED);
    }

    @Test
    void stopsAtOffsetsAndTheCommittedEndForOtherPartitions() throws Exception {
        List<String> p0 = floe.committedValues("events", 0);
        List<String> p1 = floe.committedValues("events", 1);
        List<String> read = read(source("events").stopAtOffsets(Map.of(0, 10L)).build(), 2);
        List<String> expected = new ArrayList<>(p0.subList(0, 10));
        expected.addAll(p1);
        assertThat(read).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void stopsAtAPastTimestampAfterTheObjectsReachingIt() throws Exception {
        long stop = COUNT / 2;
        List<String> read =
                read(source("events").stopAtTimestamp(Instant.ofEpochMilli(stop)).build(), 2);
        assertThat(new HashSet<>(read)).hasSameSizeAs(read).contains("0");
        // Each partition stops at the end of its first object holding a later record.
        for (int p = 0; p < 2; p++) {
            long end = floe.head("events", p).committedEnd();
            for (ObjectDescriptor o : floe.objects("events", p)) {
                if (o.maxTimestamp() > stop) {
                    end = o.endOffset();
                    break;
                }
            }
            List<String> partition = floe.committedValues("events", p);
            assertThat(read).containsAll(partition.subList(0, (int) end));
            if (end < partition.size()) {
                assertThat(read).doesNotContain(partition.get((int) end));
            }
        }
    }

    @Test
    void refusesAStopTimestampAheadOfTheNewestRecord() {
        assertThatThrownBy(
                        () ->
                                read(
                                        source("events")
                                                .stopAtTimestamp(Instant.ofEpochMilli(COUNT))
                                                .build(),
                                        1))
                .satisfies(
                        e ->
                                assertThat(ExceptionUtils.stringifyException(e))
                                        .contains(
                                                "Stop timestamp "
                                                        + COUNT
                                                        + " of stream events is not in the past"));
    }

    @Test
    @Timeout(180)
    void aStopOffsetPastTheCommittedEndWaitsForCommitsUpToIt() throws Exception {
        writeStrings("growing", 0, 100, 1);
        assertThat(floe.head("growing", 0).committedEnd()).isEqualTo(100);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        List<String> seen = new ArrayList<>();
        try (CloseableIterator<String> it =
                env.fromSource(
                                source("growing").stopAtOffsets(Map.of(0, 150L)).build(),
                                WatermarkStrategy.noWatermarks(),
                                "floe")
                        .executeAndCollect("stop past the end")) {
            CompletableFuture<Void> writer =
                    CompletableFuture.runAsync(
                            () -> {
                                try {
                                    writeStrings("growing", 100, 100, 1);
                                } catch (Exception e) {
                                    throw new RuntimeException(e);
                                }
                            });
            it.forEachRemaining(seen::add);
            writer.get(120, TimeUnit.SECONDS);
        }
        assertThat(seen)
                .containsExactlyElementsOf(floe.committedValues("growing", 0).subList(0, 150));
    }

    @Test
    void readsAvroRecordsWholeOrProjectedFromSegmentAndParquetObjects() throws Exception {
        writeOrders(0, 2_000, true);
        writeOrders(2_000, 1_000, false);
        List<ObjectDescriptor.Kind> kinds = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            floe.objects("orders", p).forEach(o -> kinds.add(o.kind()));
        }
        assertThat(kinds).contains(ObjectDescriptor.Kind.PARQUET, ObjectDescriptor.Kind.SEGMENT);
        assertThat(floe.manifest().stream("orders").orElseThrow().valueSchema())
                .isEqualTo(ORDER.toString());
        assertThat(valueColumns("orders"))
                .containsExactly(
                        "required int64 id = 100",
                        "required binary customer (STRING) = 101",
                        "required double amount = 102");

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        FloeSource<GenericRecord> source =
                floe.connect(FloeSource.<GenericRecord>builder()).stream("orders")
                        .deserializer(FloeDeserializers.avro(ORDER))
                        .bounded()
                        .build();
        assertThat(source.getProducedType()).isEqualTo(new GenericRecordAvroTypeInfo(ORDER));
        List<GenericRecord> read = new ArrayList<>();
        try (CloseableIterator<GenericRecord> it =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "floe")
                        // a shuffle: records cross the network with flink-avro's serializer
                        .rebalance()
                        .executeAndCollect("read avro")) {
            it.forEachRemaining(read::add);
        }
        assertThat(read).hasSize(3_000);
        Set<Long> ids = new HashSet<>();
        for (GenericRecord r : read) {
            long id = (Long) r.get("id");
            ids.add(id);
            assertThat(r.getSchema()).isEqualTo(ORDER);
            assertThat(r).isEqualTo(order(id));
        }
        assertThat(ids).hasSize(3_000);

        FloeSource<GenericRecord> projected =
                floe.connect(FloeSource.<GenericRecord>builder()).stream("orders")
                        .deserializer(FloeDeserializers.avro(ORDER))
                        .valueFields("customer", "id")
                        .bounded()
                        .build();
        Schema idAndCustomer =
                SchemaBuilder.record("Order")
                        .namespace("dev.floe.test")
                        .fields()
                        .requiredLong("id")
                        .requiredString("customer")
                        .endRecord();
        assertThat(projected.getProducedType())
                .isEqualTo(new GenericRecordAvroTypeInfo(idAndCustomer));
        StreamExecutionEnvironment env2 = StreamExecutionEnvironment.getExecutionEnvironment();
        env2.setParallelism(2);
        Set<Long> projectedIds = new HashSet<>();
        try (CloseableIterator<GenericRecord> it =
                env2.fromSource(projected, WatermarkStrategy.noWatermarks(), "floe")
                        .rebalance()
                        .executeAndCollect("read projected avro")) {
            while (it.hasNext()) {
                GenericRecord r = it.next();
                long id = (Long) r.get("id");
                assertThat(r.getSchema()).isEqualTo(idAndCustomer);
                assertThat(r.get("customer")).isEqualTo(new Utf8("customer-" + (id % 17)));
                projectedIds.add(id);
            }
        }
        assertThat(projectedIds).isEqualTo(ids);
    }

    @Test
    void refusesValueFieldsTheStreamDoesNotHave() {
        assertThatThrownBy(
                        () ->
                                floe.connect(FloeSource.<GenericRecord>builder()).stream("orders")
                                        .deserializer(FloeDeserializers.avro(ORDER))
                                        .valueFields("id", "price")
                                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("floe.source.value-fields")
                .hasMessageContaining("'price'");
        // A stream of plain bytes has no fields to choose: the job fails when it plans its splits.
        FloeSource<String> bytesStream = source("events").valueFields("id").bounded().build();
        assertThatThrownBy(() -> read(bytesStream, 1))
                .hasStackTraceContaining("floe.source.value-fields of stream events")
                .hasStackTraceContaining("bytes without a schema");
    }

    @Test
    void writesAndReadsSpecificRecordsAsTypedColumns() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(100);
        env.fromSequence(0, 999)
                .map(FloeSourceApiITCase::specificOrder)
                .returns(new AvroTypeInfo<>(SpecificOrder.class))
                .sinkTo(
                        floe.connect(FloeSink.<SpecificOrder>builder()).stream("specific-orders")
                                .partitions(2)
                                .serializer(FloeRecordSerializers.avro(SpecificOrder.class))
                                .walDirectory(wal.toString())
                                .set(FloeSinkOptions.TIER_ENABLED, true)
                                .build());
        env.execute("write specific orders");
        assertThat(valueColumns("specific-orders"))
                .containsExactly(
                        "required int64 id = 100",
                        "required binary customer (STRING) = 101",
                        "required double amount = 102",
                        "optional binary note (STRING) = 103");

        FloeSource<SpecificOrder> source =
                floe.connect(FloeSource.<SpecificOrder>builder()).stream("specific-orders")
                        .deserializer(
                                FloeDeserializers.of(
                                        AvroDeserializationSchema.forSpecific(SpecificOrder.class)))
                        .bounded()
                        .build();
        assertThat(source.getProducedType()).isEqualTo(new AvroTypeInfo<>(SpecificOrder.class));
        List<SpecificOrder> read = new ArrayList<>();
        try (CloseableIterator<SpecificOrder> it =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "floe")
                        .rebalance()
                        .executeAndCollect("read specific orders")) {
            it.forEachRemaining(read::add);
        }
        List<SpecificOrder> expected = new ArrayList<>();
        for (long id = 0; id < 1_000; id++) {
            expected.add(specificOrder(id));
        }
        assertThat(read).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static SpecificOrder specificOrder(long id) {
        return new SpecificOrder(
                id, "customer-" + (id % 17), id * 0.25, id % 2 == 0 ? null : "note-" + id);
    }

    /**
     * The value columns of the stream's first Parquet object, as Parquet prints them: with their
     * Iceberg field IDs.
     */
    private static List<String> valueColumns(String stream) throws Exception {
        for (int p = 0; p < floe.partitions(stream); p++) {
            for (ObjectDescriptor o : floe.objects(stream, p)) {
                if (o.kind() == ObjectDescriptor.Kind.PARQUET) {
                    MessageType columns =
                            ParquetObjectReader.open(
                                            new ObjectRangeSource(floe.stores().store(o.kind()), o),
                                            o.key(),
                                            p)
                                    .schema()
                                    .messageType();
                    return columns.getFields().stream()
                            .filter(f -> !ParquetObjectSchema.SYSTEM_COLUMNS.contains(f.getName()))
                            .map(f -> f.toString().trim())
                            .toList();
                }
            }
        }
        throw new AssertionError("stream " + stream + " has no Parquet object");
    }

    private static GenericRecord order(long id) {
        GenericData.Record r = new GenericData.Record(ORDER);
        r.put("id", id);
        r.put("customer", new Utf8("customer-" + (id % 17)));
        r.put("amount", id * 0.25);
        return r;
    }

    private static void writeOrders(long from, int count, boolean tier) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(100);
        env.fromSequence(from, from + count - 1)
                .map(FloeSourceApiITCase::order)
                .returns(new GenericRecordAvroTypeInfo(ORDER))
                .sinkTo(
                        floe.connect(FloeSink.<GenericRecord>builder()).stream("orders")
                                .partitions(2)
                                .serializer(
                                        FloeRecordSerializers.of(
                                                AvroSerializationSchema.forGeneric(ORDER)))
                                .walDirectory(wal.toString())
                                .set(FloeSinkOptions.TIER_ENABLED, tier)
                                .build());
        env.execute("write orders " + from);
    }

    /** Writes values {@code from} on as strings, each with its value as timestamp. */
    private static void writeStrings(String stream, long from, int count, int partitions)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(partitions);
        env.enableCheckpointing(100);
        env.fromSequence(from, from + count - 1)
                .assignTimestampsAndWatermarks(
                        WatermarkStrategy.<Long>noWatermarks().withTimestampAssigner((v, t) -> v))
                .map(String::valueOf)
                .sinkTo(
                        floe.connect(FloeSink.<String>builder()).stream(stream)
                                .partitions(partitions)
                                .serializer(FloeRecordSerializers.strings())
                                .walDirectory(wal.toString())
                                .set(FloeSinkOptions.TIER_ENABLED, false)
                                .build());
        env.execute("write " + stream + " " + from);
    }

    private static FloeSourceBuilder<String> source(String stream) {
        return floe.connect(FloeSource.<String>builder()).stream(stream)
                .deserializer(FloeDeserializers.strings());
    }

    private static List<String> read(FloeSource<String> source, int parallelism) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        List<String> out = new ArrayList<>();
        try (CloseableIterator<String> it =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "floe")
                        .executeAndCollect("read")) {
            it.forEachRemaining(out::add);
        }
        return out;
    }
}
