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
package dev.floe.wal.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.floe.wal.admin.VerifyReport.Problem;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.PartitionClaim;
import dev.floe.wal.manifest.SchemaVersion;
import dev.floe.wal.manifest.StreamConfig;
import dev.floe.wal.object.ObjectInfo;
import dev.floe.wal.object.ObjectStore;
import dev.floe.wal.object.S3ObjectStoreConfig;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.record.WalRecord;
import dev.floe.wal.testing.TestStreams;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FloeAdmin} on the embedded defaults: a local directory store and embedded manifest. */
class FloeAdminTest {

    private static final String ORDER_SCHEMA =
            """
            {"type": "record", "name": "Order", "fields": [
              {"name": "id", "type": "long"}, {"name": "currency", "type": "string"}
            ]}""";

    @TempDir Path dir;

    private FloeStores stores;
    private TestStreams streams;
    private FloeAdmin admin;

    @BeforeEach
    void open() throws IOException {
        stores = FloeStores.open(StoreSettings.embedded(dir));
        streams = new TestStreams(stores.manifest(), stores.tiers());
        admin = FloeAdmin.over(stores.tiers(), stores.manifest());
    }

    @AfterEach
    void close() {
        admin.close();
        stores.close();
    }

    @Test
    void opensTheEmbeddedStoresInTheLocalLayoutAndClosesThem() throws IOException {
        stores.close();
        try (FloeAdmin opened = FloeAdmin.open(StoreSettings.embedded(dir))) {
            opened.createStream(StreamConfig.of("orders", 2));
            assertThat(opened.describe().summary())
                    .contains(LocalLayout.manifest(dir).toString())
                    .contains(LocalLayout.objects(dir).toString())
                    .doesNotContain("Parquet in");
        }
        assertThat(LocalLayout.objects(dir)).isDirectory();
        assertThat(LocalLayout.manifest(dir)).isDirectory();
        // Closed: the embedded manifest, which one opener holds at a time, opens again.
        stores = FloeStores.open(StoreSettings.embedded(dir));
        admin = FloeAdmin.over(stores.tiers(), stores.manifest());
        assertThat(admin.streamNames()).containsExactly("orders");
    }

    @Test
    void createsListsDescribesAndGrowsStreams() throws IOException {
        StreamConfig orders = new StreamConfig("orders", 2, ORDER_SCHEMA, Map.of("team", "shop"));
        assertThat(admin.createStream(orders)).isEqualTo(orders);
        admin.createStream(StreamConfig.of("clicks", 1));
        streams.commit("orders", 0, TestStreams.texts(0, 10));
        streams.commit("orders", 1, TestStreams.texts(10, 5));

        assertThat(admin.listStreams())
                .extracting(StreamInfo::name, StreamInfo::committedRecords)
                .containsExactly(tuple("clicks", 0L), tuple("orders", 15L));
        StreamDescription described = admin.describeStream("orders");
        assertThat(described.definition()).isEqualTo(orders);
        assertThat(described.committedRecords()).isEqualTo(15);
        assertThat(described.segmentObjects()).isEqualTo(2);
        assertThat(described.parquetObjects()).isZero();
        assertThat(described.writtenPartitions()).isZero();

        assertThatThrownBy(() -> admin.createStream(StreamConfig.of("orders", 3)))
                .isInstanceOfSatisfying(
                        StreamExistsException.class,
                        e -> assertThat(e.existing()).isEqualTo(orders))
                .hasMessage("stream orders exists already with 2 partitions");
        assertThatThrownBy(
                        () ->
                                admin.createStream(
                                        new StreamConfig("bad", 1, "\"string\"", Map.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the value schema of stream bad is not usable: ")
                .hasMessageContaining("must be an Avro record");
        assertThat(admin.findStream("bad")).isEmpty();

        assertThat(admin.growStream("clicks", 3).partitions()).isEqualTo(3);
        assertThat(admin.growStream("clicks", 3).partitions()).isEqualTo(3);
        assertThatThrownBy(() -> admin.growStream("clicks", 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stream clicks has 3 partitions")
                .hasMessageContaining("cannot have 2");
    }

    @Test
    void aMissingStreamOrPartitionIsNamed() {
        admin.createStream(StreamConfig.of("orders", 2));

        assertThatThrownBy(() -> admin.describeStream("nope"))
                .isInstanceOfSatisfying(
                        StreamNotFoundException.class,
                        e -> assertThat(e.stream()).isEqualTo("nope"))
                .hasMessage("stream nope does not exist in " + stores.manifest().describe());
        assertThatThrownBy(() -> admin.committedObjects("orders", 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stream orders has partitions 0..1, not 2");
        assertThatThrownBy(() -> admin.partition("orders", -1))
                .hasMessage("stream orders has partitions 0..1, not -1");
    }

    @Test
    void showsHeadsWritersAndTheLagOfEachConsumer() throws IOException {
        admin.createStream(StreamConfig.of("orders", 2));
        streams.commit("orders", 0, TestStreams.texts(0, 10));
        streams.commit("orders", 1, TestStreams.texts(0, 3));
        stores.manifest()
                .putConsumerPosition("orders", "billing", Map.of(0, 4L), Duration.ofMinutes(1));

        try (PartitionClaim writer =
                stores.manifest().acquire("orders", 0, "job-1", Duration.ofSeconds(30))) {
            List<PartitionInfo> partitions = admin.partitions("orders");
            assertThat(partitions.get(0).committedEnd()).isEqualTo(10);
            assertThat(partitions.get(0).head().epoch()).isEqualTo(writer.epoch());
            assertThat(partitions.get(0).writer())
                    .hasValueSatisfying(w -> assertThat(w.owner()).isEqualTo("job-1"));
            assertThat(partitions.get(1).writer()).isEmpty();
            assertThat(admin.describeStream("orders").writtenPartitions()).isEqualTo(1);
        }

        assertThat(admin.consumerLag("orders"))
                .containsExactly(
                        new ConsumerLag("billing", 0, OptionalLong.of(4), 10),
                        new ConsumerLag("billing", 1, OptionalLong.empty(), 3));
        assertThat(admin.consumerLag("orders").get(0).lag()).hasValue(6);
        assertThat(admin.consumerLag("orders").get(1).lag()).isEmpty();
        assertThat(admin.consumerLag("orders", "nobody"))
                .extracting(ConsumerLag::position)
                .containsExactly(OptionalLong.empty(), OptionalLong.empty());
    }

    @Test
    void listsTheCommittedObjectsAndWhereTheirParquetIs() throws IOException {
        admin.createStream(new StreamConfig("orders", 2, null, null));
        ObjectDescriptor first = streams.commit("orders", 0, TestStreams.texts(0, 10));
        streams.commit("orders", 0, TestStreams.texts(10, 10));
        ObjectDescriptor parquet = streams.tier("orders", 0, Duration.ofHours(1)).get(0);
        ObjectDescriptor tail = streams.commit("orders", 1, TestStreams.texts(0, 5));
        streams.orphanParquet("orders", 1, read("orders", 1, 0, 5));

        assertThat(admin.committedObjects("orders"))
                .extracting(o -> o.descriptor().key())
                .containsExactly(parquet.key(), tail.key())
                .doesNotContain(first.key());
        CommittedParquet committed = admin.committedParquet("orders");
        assertThat(committed.objects())
                .extracting(CommittedParquetObject::references)
                .containsExactly(List.of(new CommittedObject(0, parquet, file(parquet))));
        assertThat(committed.objects().get(0).shared()).isFalse();
        assertThat(committed.parquetRecords()).isEqualTo(20);
        assertThat(committed.segmentRecords()).isEqualTo(5);
        Path file = Path.of(committed.locations().get(0));
        assertThat(file).startsWith(LocalLayout.objects(dir)).isRegularFile();
        assertThat(Files.size(file)).isEqualTo(parquet.sizeBytes());

        assertThat(admin.findObject(tail.key()))
                .hasValueSatisfying(
                        o -> {
                            assertThat(o.kind()).isEqualTo(ObjectDescriptor.Kind.SEGMENT);
                            assertThat(o.sizeBytes()).isEqualTo(tail.sizeBytes());
                            assertThat(Path.of(o.location())).isRegularFile();
                        });
        assertThat(admin.findObject("orders/00000/parquet/nope.parquet")).isEmpty();
        assertThat(admin.describe().storeOf("orders/00000/parquet/nope.parquet"))
                .isEqualTo(stores.tiers().parquet().describe());
        try (var in = admin.openObject(parquet)) {
            assertThat(in.readAllBytes()).hasSize((int) parquet.sizeBytes());
        }
        assertThat(read("orders", 0, 8, 12))
                .extracting(LoggedRecord::offset)
                .containsExactly(8L, 9L, 10L, 11L);
    }

    @Test
    void listsASharedParquetObjectOnceWithOnlyThePartitionsThatSwappedItIn() throws IOException {
        admin.createStream(StreamConfig.of("orders", 3));
        streams.commit("orders", 0, TestStreams.texts(0, 10));
        streams.commit("orders", 1, TestStreams.texts(10, 7));
        ObjectDescriptor unswapped = streams.commit("orders", 2, TestStreams.texts(17, 4));
        streams.commit("orders", 2, TestStreams.texts(21, 2));
        Map<Integer, ObjectDescriptor> shared =
                streams.tierShared("orders", List.of(0, 1, 2), Set.of(0, 1), Duration.ofHours(1));
        streams.commit("orders", 0, TestStreams.texts(23, 3));
        streams.tierShared("orders", List.of(0), Set.of(0), Duration.ofHours(1));

        CommittedParquet committed = admin.committedParquet("orders");
        assertThat(committed.objects()).hasSize(2);
        CommittedParquetObject both = committed.objects().get(0);
        assertThat(both.shared()).isTrue();
        assertThat(both.key()).startsWith("orders/parquet/");
        assertThat(both.partitions()).containsExactly(0, 1);
        assertThat(both.records()).isEqualTo(17);
        assertThat(Path.of(both.location())).isRegularFile();
        assertThat(Files.size(Path.of(both.location()))).isEqualTo(both.sizeBytes());
        assertThat(committed.objects().get(1).partitions()).containsExactly(0);
        assertThat(committed.locations()).doesNotHaveDuplicates();
        assertThat(committed.sharedObjects()).isEqualTo(2);
        assertThat(committed.parquetRecords()).isEqualTo(20);
        assertThat(committed.segmentRecords()).isEqualTo(6);

        StreamDescription described = admin.describeStream("orders");
        assertThat(described.parquetObjects()).isEqualTo(2);
        assertThat(described.segmentObjects()).isEqualTo(2);
        assertThat(described.objectBytes())
                .isEqualTo(
                        both.sizeBytes()
                                + committed.objects().get(1).sizeBytes()
                                + admin.committedObjects("orders", 2).stream()
                                        .mapToLong(o -> o.descriptor().sizeBytes())
                                        .sum());
        assertThat(admin.committedObjects("orders", 2))
                .extracting(CommittedObject::descriptor)
                .startsWith(unswapped);
        assertThat(shared).containsOnlyKeys(0, 1);
    }

    @Test
    void totalsCountAParquetObjectThatSeveralPartitionsShareOnce() throws IOException {
        admin.createStream(StreamConfig.of("orders", 3));
        for (int p = 0; p < 3; p++) {
            streams.commit("orders", p, TestStreams.texts(0, 10));
        }
        ObjectDescriptor shared =
                streams.tierShared("orders", List.of(0, 1, 2), Duration.ofHours(1)).get(0);

        assertThat(admin.committedObjects("orders"))
                .extracting(o -> o.descriptor().key())
                .containsExactly(shared.key(), shared.key(), shared.key());
        StreamDescription described = admin.describeStream("orders");
        assertThat(described.parquetObjects()).isEqualTo(1);
        assertThat(described.segmentObjects()).isZero();
        assertThat(described.objectBytes()).isEqualTo(shared.sizeBytes());
        VerifyReport report = admin.verifyAll(VerifyLevel.FULL);
        assertThat(report.isOk()).as("%s", report.problems()).isTrue();
        assertThat(report.objects()).isEqualTo(1);
        assertThat(report.bytes()).isEqualTo(shared.sizeBytes());
        assertThat(report.partitions())
                .extracting(VerifyReport.Partition::records)
                .containsExactly(10L, 10L, 10L);
    }

    @Test
    void deletesAStreamWithItsObjectsOnlyWhenNoWriterHoldsItUnlessForced() throws IOException {
        admin.createStream(StreamConfig.of("orders", 2));
        admin.createStream(StreamConfig.of("other", 1));
        streams.commit("orders", 0, TestStreams.texts(0, 10));
        streams.commit("orders", 0, TestStreams.texts(10, 10));
        streams.tier("orders", 0, Duration.ofHours(1));
        streams.orphanSegment("orders", 1, TestStreams.texts(0, 2));
        ObjectDescriptor kept = streams.commit("other", 0, TestStreams.texts(0, 1));

        try (PartitionClaim writer =
                stores.manifest().acquire("orders", 1, "job-7", Duration.ofSeconds(30))) {
            assertThatThrownBy(() -> admin.deleteStream("orders", false))
                    .isInstanceOfSatisfying(
                            StreamBusyException.class,
                            e ->
                                    assertThat(e.writers())
                                            .isEqualTo(
                                                    "partition 1 by job-7 (epoch "
                                                            + writer.epoch()
                                                            + ")"));
            assertThat(admin.findStream("orders")).isPresent();

            DeletionReport report = admin.deleteStream("orders", true);

            assertThat(report.objects()).isEqualTo(4);
            assertThat(report.queuedDeletions()).isEqualTo(2);
        }
        assertThat(admin.streamNames()).containsExactly("other");
        assertThat(keys()).containsExactly(kept.key());
    }

    @Test
    void verifyReportsEachProblemWithItsObjectAndOffset() throws IOException {
        admin.createStream(StreamConfig.of("orders", 2));
        streams.commit("orders", 0, TestStreams.texts(0, 200));
        streams.commit("orders", 0, TestStreams.texts(200, 200));
        ObjectDescriptor parquet = streams.tier("orders", 0, Duration.ofHours(1)).get(0);
        ObjectDescriptor missing = streams.commit("orders", 1, TestStreams.texts(0, 5));
        ObjectDescriptor damaged = streams.commit("orders", 1, TestStreams.texts(5, 5));

        VerifyReport healthy = admin.verifyAll(VerifyLevel.FULL);
        assertThat(healthy.isOk()).isTrue();
        assertThat(healthy.streams()).containsExactly("orders");
        assertThat(healthy.objects()).isEqualTo(3);
        assertThat(healthy.partitions())
                .extracting(VerifyReport.Partition::records)
                .containsExactly(400L, 10L);

        stores.tiers().segments().delete(List.of(missing.key()));
        corrupt(stores.tiers().segments(), damaged, damaged.sizeBytes() / 2);
        corrupt(stores.tiers().parquet(), parquet, parquet.sizeBytes() / 3);

        VerifyReport full = admin.verify(List.of("orders"), VerifyLevel.FULL);
        assertThat(full.isOk()).isFalse();
        assertThat(full.problems())
                .extracting(Problem::type, Problem::partition, Problem::offset, Problem::objectKey)
                .containsExactly(
                        tuple(Problem.Type.UNREADABLE, 0, 0L, parquet.key()),
                        tuple(Problem.Type.MISSING, 1, 0L, missing.key()),
                        tuple(Problem.Type.UNREADABLE, 1, 5L, damaged.key()));
        assertThat(full.problems().get(1).message())
                .isEqualTo(
                        "segment object "
                                + missing.key()
                                + " [0, 5) is missing from "
                                + stores.tiers().segments().describe());
        assertThat(admin.verify(List.of("orders"), VerifyLevel.SHALLOW).problems())
                .extracting(Problem::type)
                .containsExactly(Problem.Type.MISSING);
        assertThatThrownBy(() -> admin.verify(List.of("orders", "nope"), VerifyLevel.SHALLOW))
                .isInstanceOf(StreamNotFoundException.class);
    }

    @Test
    void cleanReportsThenDeletesOrphansAndDueSupersededObjects() throws IOException {
        // Two hours ahead: every object written now is older than an hour's grace.
        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofHours(2));
        admin = FloeAdmin.over(stores.tiers(), stores.manifest(), later);
        admin.createStream(StreamConfig.of("orders", 1));
        admin.createStream(StreamConfig.of("other", 1));
        ObjectDescriptor s0 = streams.commit("orders", 0, TestStreams.texts(0, 10));
        ObjectDescriptor s1 = streams.commit("orders", 0, TestStreams.texts(10, 10));
        ObjectDescriptor parquet = streams.tier("orders", 0, Duration.ofHours(1)).get(0);
        ObjectDescriptor orphan = streams.orphanSegment("orders", 0, TestStreams.texts(20, 5));
        ObjectDescriptor pending = streams.pendingSegment("orders", 0, TestStreams.texts(20, 5));
        streams.commit("other", 0, TestStreams.texts(0, 10));
        streams.commit("other", 0, TestStreams.texts(10, 10));
        streams.tier("other", 0, Duration.ofHours(1));

        CleanReport dry = admin.clean("orders", Duration.ofHours(1), CleanMode.DRY_RUN);

        assertThat(dry.orphans()).extracting(ObjectInfo::key).containsExactly(orphan.key());
        assertThat(dry.orphanBytes()).isEqualTo(orphan.sizeBytes());
        assertThat(dry.keptAwaitingCommit())
                .extracting(ObjectInfo::key)
                .containsExactly(pending.key());
        assertThat(dry.superseded())
                .extracting(e -> e.objectKey())
                .containsExactlyInAnyOrder(s0.key(), s1.key());
        assertThat(dry.supersededOfOtherStreams()).isEqualTo(2);
        assertThat(dry.supersededDeleted()).isZero();
        assertThat(keys()).contains(orphan.key(), s0.key(), s1.key());

        CleanReport done = admin.clean("orders", Duration.ofHours(1), CleanMode.DELETE);

        assertThat(done.orphans()).extracting(ObjectInfo::key).containsExactly(orphan.key());
        assertThat(done.supersededDeleted()).isEqualTo(4);
        assertThat(keys())
                .contains(parquet.key(), pending.key())
                .doesNotContain(orphan.key(), s0.key(), s1.key());
        assertThat(admin.verifyAll(VerifyLevel.FULL).isOk()).isTrue();
        assertThatThrownBy(() -> admin.clean("orders", Duration.ofSeconds(-1), CleanMode.DRY_RUN))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void settingsNeedALocalPathForAnEmbeddedStoreAndASegmentBucketForAParquetBucket() {
        assertThatThrownBy(() -> StoreSettings.builder().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("local path");
        assertThatThrownBy(
                        () ->
                                StoreSettings.builder()
                                        .localPath(dir)
                                        .parquetBucket(
                                                S3ObjectStoreConfig.builder()
                                                        .bucket("silver")
                                                        .build())
                                        .build())
                .hasMessageContaining("Parquet bucket (silver)");
    }

    @Test
    void recordsOfEarlierSchemaVersionsAreReadInTheLatestOne() throws IOException {
        Schema v1 = new Schema.Parser().parse(ORDER_SCHEMA);
        Schema v2 =
                new Schema.Parser()
                        .parse(
                                ORDER_SCHEMA.replace(
                                        "{\"name\": \"currency\", \"type\": \"string\"}",
                                        "{\"name\": \"currency\", \"type\": \"string\"},"
                                                + " {\"name\": \"note\", \"type\": \"string\","
                                                + " \"default\": \"none\"}"));
        admin.createStream(new StreamConfig("orders", 1, v1.toString(), Map.of()));
        streams.commit("orders", 0, List.of(order(v1, 0, null), order(v1, 1, null)));
        assertThat(
                        stores.manifest()
                                .registerSchema(
                                        "orders",
                                        new SchemaVersion(2, v2.toString(), Instant.EPOCH)))
                .isTrue();
        streams.commit("orders", 0, List.of(order(v2, 2, "rush")), 2);

        assertThat(admin.describeStream("orders").schemas().versions())
                .extracting(SchemaVersion::version)
                .containsExactly(1, 2);
        List<String> notes = new ArrayList<>();
        for (LoggedRecord r : read("orders", 0, 0, 3)) {
            GenericRecord value =
                    new GenericDatumReader<GenericRecord>(v2)
                            .read(null, DecoderFactory.get().binaryDecoder(r.value(), null));
            notes.add(value.get("id") + ":" + value.get("note"));
        }
        assertThat(notes).containsExactly("0:none", "1:none", "2:rush");
    }

    private static WalRecord order(Schema schema, long id, String note) throws IOException {
        GenericRecord r = new GenericData.Record(schema);
        r.put("id", id);
        r.put("currency", "EUR");
        if (note != null) {
            r.put("note", note);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new GenericDatumWriter<GenericRecord>(schema).write(r, encoder);
        encoder.flush();
        return WalRecord.of(id, null, bytes.toByteArray());
    }

    private List<LoggedRecord> read(String stream, int partition, long from, long to)
            throws IOException {
        List<LoggedRecord> records = new ArrayList<>();
        admin.readRecords(stream, partition, from, to, records::add);
        return records;
    }

    private String file(ObjectDescriptor object) {
        return stores.tiers().store(object.kind()).location(object.key());
    }

    private List<String> keys() throws IOException {
        return stores.tiers().segments().list("").stream().map(ObjectInfo::key).toList();
    }

    /** Replaces the object by a copy with one byte flipped at {@code position}. */
    static void corrupt(ObjectStore store, ObjectDescriptor o, long position) throws IOException {
        byte[] bytes = store.read(o.key(), 0, (int) o.sizeBytes());
        bytes[(int) position] ^= 0x5a;
        store.delete(List.of(o.key()));
        store.putIfAbsent(o.key(), bytes);
    }
}
