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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.flink.avro.testing.SpecificOrder;
import dev.floe.wal.record.WalRecord;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.formats.avro.AvroFormatOptions.AvroEncoding;
import org.apache.flink.formats.avro.AvroSerializationSchema;
import org.apache.flink.formats.avro.RegistryAvroSerializationSchema;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

/** The ready-made serializers: what each writes, and that each survives Java serialization. */
class FloeRecordSerializersTest {

    private static final Schema ORDER =
            SchemaBuilder.record("Order")
                    .fields()
                    .requiredString("customer")
                    .requiredDouble("amount")
                    .endRecord();

    @Test
    void bytesAndStringsBecomeValuesWithFlinksTimestamp() throws Exception {
        WalRecord bytes = FloeRecordSerializers.bytes().serialize(new byte[] {1, 2}, 42L);
        assertThat(bytes.value()).containsExactly(1, 2);
        assertThat(bytes.key()).isNull();
        assertThat(bytes.timestamp()).isEqualTo(42);

        long before = System.currentTimeMillis();
        WalRecord text = FloeRecordSerializers.strings().serialize("héllo", null);
        assertThat(new String(text.value(), StandardCharsets.UTF_8)).isEqualTo("héllo");
        assertThat(text.timestamp()).isBetween(before, System.currentTimeMillis());
    }

    @Test
    void schemasWriteTheValueAndTheKey() throws Exception {
        FloeRecordSerializer<String> serializer =
                roundTrip(
                        FloeRecordSerializers.of(
                                new SimpleStringSchema(),
                                v -> v.substring(0, 1).getBytes(StandardCharsets.UTF_8)));
        serializer.open(null);
        WalRecord record = serializer.serialize("order-1", 7L);
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("o");
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("order-1");
    }

    @Test
    void avroRecordsAreBinaryEncodedAndCarryTheirSchema() throws Exception {
        FloeRecordSerializer<GenericRecord> serializer =
                roundTrip(FloeRecordSerializers.avro(ORDER));
        serializer.open(null);
        GenericRecord order = order("ada", 12.5);

        WalRecord record = serializer.serialize(order, 1L);
        GenericRecord back =
                new GenericDatumReader<GenericRecord>(ORDER)
                        .read(null, DecoderFactory.get().binaryDecoder(record.value(), null));
        assertThat(back.get("customer").toString()).isEqualTo("ada");
        assertThat(back.get("amount")).isEqualTo(12.5);
        assertThat(new Schema.Parser().parse(serializer.valueSchema())).isEqualTo(ORDER);

        assertThatThrownBy(() -> FloeRecordSerializers.avro(Schema.create(Schema.Type.STRING)))
                .hasMessageContaining("must be a record");
    }

    @Test
    void flinkAvroSerializationSchemasGiveTheStreamTheirSchema() throws Exception {
        FloeRecordSerializer<GenericRecord> serializer =
                roundTrip(FloeRecordSerializers.of(AvroSerializationSchema.forGeneric(ORDER)));
        serializer.open(null);
        assertThat(new Schema.Parser().parse(serializer.valueSchema())).isEqualTo(ORDER);
        assertThat(serializer.serialize(order("ada", 12.5), 1L).value())
                .isEqualTo(
                        FloeRecordSerializers.avro(ORDER)
                                .serialize(order("ada", 12.5), 1L)
                                .value());

        // Schema-registry framing is not plain Avro: such values are opaque bytes.
        assertThat(
                        FloeRecordSerializers.of(
                                        RegistryAvroSerializationSchema.forGeneric(
                                                ORDER, () -> null))
                                .valueSchema())
                .isNull();
        Schema systemColumn = SchemaBuilder.record("Row").fields().requiredLong("_key").endRecord();
        assertThatThrownBy(
                        () ->
                                FloeRecordSerializers.of(
                                        AvroSerializationSchema.forGeneric(systemColumn)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("_key");
    }

    @Test
    void avroValuesInAnotherEncodingAreRefusedUntilOneIsBinary() throws Exception {
        FloeRecordSerializer<GenericRecord> json =
                FloeRecordSerializers.of(
                        AvroSerializationSchema.forGeneric(ORDER, AvroEncoding.JSON));
        json.open(null);
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> json.serialize(order("ada", 1), 1L))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not one Order in Avro's binary encoding");
        }
    }

    @Test
    void specificRecordsAreBinaryEncodedAndCarryTheirClassSchema() throws Exception {
        FloeRecordSerializer<SpecificOrder> serializer =
                roundTrip(FloeRecordSerializers.avro(SpecificOrder.class));
        serializer.open(null);
        SpecificOrder order = new SpecificOrder(7, "ada", 12.5, null);

        WalRecord record = serializer.serialize(order, 1L);
        SpecificOrder back =
                new SpecificDatumReader<SpecificOrder>(SpecificOrder.class)
                        .read(null, DecoderFactory.get().binaryDecoder(record.value(), null));
        assertThat(back).isEqualTo(order);
        assertThat(new Schema.Parser().parse(serializer.valueSchema()))
                .isEqualTo(SpecificOrder.SCHEMA$);
        assertThat(
                        FloeRecordSerializers.of(
                                        AvroSerializationSchema.forSpecific(SpecificOrder.class))
                                .valueSchema())
                .isEqualTo(serializer.valueSchema());
    }

    private static GenericRecord order(String customer, double amount) {
        GenericRecord order = new GenericData.Record(ORDER);
        order.put("customer", customer);
        order.put("amount", amount);
        return order;
    }

    private static <T extends Serializable> T roundTrip(T serializable) throws Exception {
        return InstantiationUtil.clone(
                serializable, FloeRecordSerializersTest.class.getClassLoader());
    }
}
