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

import dev.floe.flink.sink.FloeRecordSerializers;
import dev.floe.flink.sink.FloeSetupException;
import dev.floe.flink.sink.FloeSink;
import dev.floe.flink.sink.FloeSinkOptions;
import dev.floe.flink.sink.testing.FloeTestStores;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.SchemaVersion;
import dev.floe.wal.testing.EtcdExtension;
import dev.floe.wal.testing.S3ProxyExtension;
import dev.floe.wal.tier.ObjectRangeSource;
import dev.floe.wal.tier.TierOptions;
import dev.floe.wal.tier.Tierer;
import dev.floe.wal.tier.parquet.ParquetObjectReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.formats.avro.AvroSerializationSchema;
import org.apache.flink.formats.avro.typeutils.GenericRecordAvroTypeInfo;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stream whose value schema evolves: jobs write it with an older and a newer schema, tiering
 * turns both into Parquet objects of one version each, and a source reads every record once in the
 * newer schema; a schema that cannot read the older values stops its job at start. Real etcd, S3
 * server and MiniCluster.
 */
class SchemaEvolutionITCase {

    @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();
    @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(4)
                            .build());

    private static final Schema V1 =
            SchemaBuilder.record("Order")
                    .namespace("dev.floe.test")
                    .fields()
                    .requiredLong("id")
                    .requiredInt("amount")
                    .endRecord();

    /** Adds a field with a default and widens amount from int to long. */
    private static final Schema V2 =
            SchemaBuilder.record("Order")
                    .namespace("dev.floe.test")
                    .fields()
                    .requiredLong("id")
                    .requiredLong("amount")
                    .name("note")
                    .type()
                    .stringType()
                    .stringDefault("none")
                    .endRecord();

    /** Adds a field without a default: it cannot read what V1 and V2 wrote. */
    private static final Schema NO_DEFAULT =
            SchemaBuilder.record("Order")
                    .namespace("dev.floe.test")
                    .fields()
                    .requiredLong("id")
                    .requiredLong("amount")
                    .requiredString("note")
                    .requiredInt("priority")
                    .endRecord();

    private static final int PER_JOB = 1_000;

    @TempDir static Path wal;
    private static FloeTestStores floe;

    @BeforeAll
    static void open() throws Exception {
        floe = new FloeTestStores(ETCD, S3);
    }

    @AfterAll
    static void close() throws Exception {
        floe.close();
    }

    @Test
    void recordsOfEveryVersionAreReadInTheNewSchemaAndParquetObjectsHoldOneVersionEach()
            throws Exception {
        write(V1, 0, false);
        write(V2, PER_JOB, false);
        assertThat(floe.manifest().schemaHistory("orders").versions())
                .extracting(SchemaVersion::version)
                .containsExactly(1, 2);

        for (int p = 0; p < 2; p++) {
            Tierer.outsideWriter(
                            floe.manifest(),
                            floe.stores(),
                            floe.manifest().requireStream("orders"),
                            p,
                            floe.head("orders", p).epoch(),
                            TierOptions.builder().supersededGrace(Duration.ZERO).build(),
                            Clock.systemUTC())
                    .tier(true);
        }
        // Written by a sink that tiers as it writes: Parquet objects of version 2 from the WAL.
        write(V2, 2 * PER_JOB, true);

        Map<Integer, Integer> parquetByVersion = new HashMap<>();
        for (int p = 0; p < 2; p++) {
            for (ObjectDescriptor o : floe.objects("orders", p)) {
                if (o.kind() != ObjectDescriptor.Kind.PARQUET) {
                    continue;
                }
                parquetByVersion.merge(o.schemaVersion(), 1, Integer::sum);
                ParquetObjectReader object =
                        ParquetObjectReader.open(
                                new ObjectRangeSource(floe.stores().parquet(), o), o.key(), p);
                assertThat(object.schema().schemaVersion())
                        .as("the footer of %s", o.key())
                        .isEqualTo(o.schemaVersion());
            }
        }
        assertThat(parquetByVersion).containsOnlyKeys(1, 2);

        List<GenericRecord> read = read(V2);
        assertThat(read).hasSize(3 * PER_JOB);
        assertThat(read).extracting(r -> (Long) r.get("id")).doesNotHaveDuplicates();
        for (GenericRecord r : read) {
            long id = (Long) r.get("id");
            assertThat(r.getSchema()).isEqualTo(V2);
            assertThat(r.get("amount")).isEqualTo(id * 3);
            assertThat(r.get("note"))
                    .as("note of order %d", id)
                    .isEqualTo(new Utf8(id < PER_JOB ? "none" : "note-" + id));
        }

        // The older schema cannot read what the newer one wrote (amount was widened to long): the
        // reader fails naming the record and the version rather than misreading it.
        assertThatThrownBy(() -> read(V1))
                .satisfies(
                        e ->
                                assertThat(
                                                ExceptionUtils.findThrowableWithMessage(
                                                        e, "schema version 2"))
                                        .hasValueSatisfying(
                                                io ->
                                                        assertThat(io)
                                                                .isInstanceOf(IOException.class)
                                                                .hasMessageContaining(
                                                                        "Found long, expecting"
                                                                                + " int")));
    }

    @Test
    void aSchemaThatCannotReadEarlierValuesStopsTheJobAtStartNamingTheFieldAndTheRule()
            throws Exception {
        write(V1, 0, false, "strict");

        assertThatThrownBy(() -> write(NO_DEFAULT, PER_JOB, false, "strict"))
                .satisfies(
                        e ->
                                assertThat(
                                                ExceptionUtils.findThrowable(
                                                        e, FloeSetupException.class))
                                        .hasValueSatisfying(
                                                s ->
                                                        assertThat(s.getMessage())
                                                                .contains("Stream strict")
                                                                .contains("field note breaks")
                                                                .contains(
                                                                        "READER_FIELD_MISSING_DEFAULT_VALUE")
                                                                .doesNotContain("\n")));
        assertThat(floe.manifest().schemaHistory("strict").versions()).hasSize(1);
    }

    private static GenericRecord order(Schema schema, long id) {
        GenericData.Record r = new GenericData.Record(schema);
        r.put("id", id);
        if (schema.getField("amount").schema().getType() == Schema.Type.INT) {
            r.put("amount", (int) (id * 3));
        } else {
            r.put("amount", id * 3);
        }
        if (schema.getField("note") != null) {
            r.put("note", new Utf8("note-" + id));
        }
        if (schema.getField("priority") != null) {
            r.put("priority", 1);
        }
        return r;
    }

    private static void write(Schema schema, long from, boolean tier) throws Exception {
        write(schema, from, tier, "orders");
    }

    private static void write(Schema schema, long from, boolean tier, String stream)
            throws Exception {
        Configuration noRestarts = new Configuration();
        noRestarts.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(noRestarts);
        env.setParallelism(2);
        env.enableCheckpointing(100);
        String json = schema.toString();
        env.fromSequence(from, from + PER_JOB - 1)
                .map(id -> order(new Schema.Parser().parse(json), id))
                .returns(new GenericRecordAvroTypeInfo(schema))
                .sinkTo(
                        floe.connect(FloeSink.<GenericRecord>builder()).stream(stream)
                                .partitions(2)
                                .serializer(
                                        FloeRecordSerializers.of(
                                                AvroSerializationSchema.forGeneric(schema)))
                                .walDirectory(wal.toString())
                                .set(FloeSinkOptions.TIER_ENABLED, tier)
                                .build());
        env.execute("write " + stream + " from " + from);
    }

    private static List<GenericRecord> read(Schema schema) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        FloeSource<GenericRecord> source =
                floe.connect(FloeSource.<GenericRecord>builder()).stream("orders")
                        .deserializer(FloeDeserializers.avro(schema))
                        .bounded()
                        .build();
        List<GenericRecord> read = new ArrayList<>();
        try (CloseableIterator<GenericRecord> it =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "floe")
                        .executeAndCollect("read orders")) {
            it.forEachRemaining(read::add);
        }
        return read;
    }
}
