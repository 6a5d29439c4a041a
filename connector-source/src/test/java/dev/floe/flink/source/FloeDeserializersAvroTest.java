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
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.record.WalRecord;
import java.io.IOException;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.formats.avro.AvroDeserializationSchema;
import org.apache.flink.formats.avro.AvroSerializationSchema;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.formats.avro.typeutils.GenericRecordAvroTypeInfo;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

/** The Avro deserializers: what they read, their type information, projections. */
class FloeDeserializersAvroTest {

    private static final Schema ORDER =
            SchemaBuilder.record("Order")
                    .fields()
                    .requiredLong("id")
                    .optionalString("note")
                    .endRecord();

    @Test
    void genericRecordsAreTypedByFlinkAvro() throws Exception {
        FloeDeserializer<GenericRecord> deserializer = roundTrip(FloeDeserializers.avro(ORDER));
        deserializer.open(null);
        GenericRecord order = order(7, "gift");
        assertThat(deserializer.deserialize(logged(3, binary(ORDER, order)))).isEqualTo(order);
        assertThatThrownBy(() -> deserializer.deserialize(logged(5, new byte[] {2, 4, 6, 8})))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Cannot read the value at offset 5 as Avro Order");
        assertThat(deserializer.producedType()).isEqualTo(new GenericRecordAvroTypeInfo(ORDER));
        assertThat(FloeDeserializers.of(AvroDeserializationSchema.forGeneric(ORDER)).producedType())
                .isEqualTo(new GenericRecordAvroTypeInfo(ORDER));
        assertThatThrownBy(() -> FloeDeserializers.avro(Schema.create(Schema.Type.STRING)))
                .hasMessageContaining("must be a record");
    }

    @Test
    void specificRecordsAreTypedByFlinkAvro() throws Exception {
        FloeDeserializer<SpecificOrder> deserializer =
                roundTrip(FloeDeserializers.avro(SpecificOrder.class));
        SpecificOrder order = new SpecificOrder(7, "ada", 12.5, "gift");
        byte[] value = AvroSerializationSchema.forSpecific(SpecificOrder.class).serialize(order);
        assertThat(deserializer.deserialize(logged(1, value))).isEqualTo(order);
        assertThat(deserializer.producedType())
                .isInstanceOf(AvroTypeInfo.class)
                .isEqualTo(new AvroTypeInfo<>(SpecificOrder.class));
    }

    @Test
    void aGenericProjectionReadsTheProjectedSchema() throws Exception {
        FloeDeserializer<GenericRecord> projected =
                FloeDeserializers.projected(
                        FloeDeserializers.of(AvroDeserializationSchema.forGeneric(ORDER)),
                        List.of("note"));
        Schema note = SchemaBuilder.record("Order").fields().optionalString("note").endRecord();
        assertThat(projected.producedType()).isEqualTo(new GenericRecordAvroTypeInfo(note));
        GenericRecord gift = new GenericData.Record(note);
        gift.put("note", new Utf8("gift"));
        assertThat(projected.deserialize(logged(0, binary(note, gift)))).isEqualTo(gift);

        assertThatThrownBy(
                        () ->
                                FloeDeserializers.projected(
                                        FloeDeserializers.avro(ORDER), List.of("price")))
                .hasMessageContaining("floe.source.value-fields")
                .hasMessageContaining("'price'");
        assertThatThrownBy(
                        () ->
                                FloeDeserializers.projected(
                                        FloeDeserializers.avro(SpecificOrder.class), List.of("id")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("floe.source.value-fields needs GenericRecord elements")
                .hasMessageContaining(SpecificOrder.class.getName());
    }

    /**
     * A job restored from a checkpoint holding records of another schema: Avro's schema resolution
     * decides, where the hand-written type of earlier versions refused any change.
     */
    @Test
    void aRestoreAcceptsACompatibleNewSchemaAndRefusesAnIncompatibleOne() throws IOException {
        TypeSerializer<GenericRecord> before = serializer(ORDER);
        DataOutputSerializer state = new DataOutputSerializer(64);
        before.serialize(order(7, "gift"), state);
        TypeSerializerSnapshot<GenericRecord> snapshot =
                restoredSnapshot(before.snapshotConfiguration());

        Schema withAmount =
                SchemaBuilder.record("Order")
                        .fields()
                        .requiredLong("id")
                        .optionalString("note")
                        .name("amount")
                        .type()
                        .doubleType()
                        .doubleDefault(0.5)
                        .endRecord();
        TypeSerializerSchemaCompatibility<GenericRecord> compatibility =
                serializer(withAmount).snapshotConfiguration().resolveSchemaCompatibility(snapshot);
        assertThat(compatibility.isCompatibleAfterMigration()).isTrue();
        assertThat(
                        snapshot.restoreSerializer()
                                .deserialize(new DataInputDeserializer(state.getCopyOfBuffer())))
                .isEqualTo(order(7, "gift"));

        Schema withRequiredPrice =
                SchemaBuilder.record("Order").fields().requiredLong("price").endRecord();
        assertThat(
                        serializer(withRequiredPrice)
                                .snapshotConfiguration()
                                .resolveSchemaCompatibility(snapshot)
                                .isIncompatible())
                .isTrue();
    }

    private static TypeSerializer<GenericRecord> serializer(Schema schema) {
        return FloeDeserializers.avro(schema)
                .producedType()
                .createSerializer(new ExecutionConfig().getSerializerConfig());
    }

    private static TypeSerializerSnapshot<GenericRecord> restoredSnapshot(
            TypeSerializerSnapshot<GenericRecord> snapshot) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
        return TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()),
                FloeDeserializersAvroTest.class.getClassLoader());
    }

    private static GenericRecord order(long id, String note) {
        GenericData.Record r = new GenericData.Record(ORDER);
        r.put("id", id);
        r.put("note", note == null ? null : new Utf8(note));
        return r;
    }

    private static byte[] binary(Schema schema, GenericRecord r) {
        return AvroSerializationSchema.forGeneric(schema).serialize(r);
    }

    private static LoggedRecord logged(long offset, byte[] value) {
        return new LoggedRecord(offset, WalRecord.of(1_000L, null, value));
    }

    private static <T> FloeDeserializer<T> roundTrip(FloeDeserializer<T> deserializer)
            throws Exception {
        return InstantiationUtil.clone(
                deserializer, FloeDeserializersAvroTest.class.getClassLoader());
    }
}
