package dev.floe.flink.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.wal.record.WalRecord;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

/** The ready-made serializers: what each writes, and that each survives Java serialization. */
class FloeRecordSerializersTest {

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
        Schema schema =
                SchemaBuilder.record("Order")
                        .fields()
                        .requiredString("customer")
                        .requiredDouble("amount")
                        .endRecord();
        FloeRecordSerializer<GenericRecord> serializer =
                roundTrip(FloeRecordSerializers.avro(schema));
        GenericRecord order = new GenericData.Record(schema);
        order.put("customer", "ada");
        order.put("amount", 12.5);

        WalRecord record = serializer.serialize(order, 1L);
        GenericRecord back =
                new GenericDatumReader<GenericRecord>(schema)
                        .read(null, DecoderFactory.get().binaryDecoder(record.value(), null));
        assertThat(back.get("customer").toString()).isEqualTo("ada");
        assertThat(back.get("amount")).isEqualTo(12.5);
        assertThat(new Schema.Parser().parse(serializer.valueSchema())).isEqualTo(schema);

        assertThatThrownBy(() -> FloeRecordSerializers.avro(Schema.create(Schema.Type.STRING)))
                .hasMessageContaining("must be a record");
    }

    private static <T extends Serializable> T roundTrip(T serializable) throws Exception {
        return InstantiationUtil.clone(
                serializable, FloeRecordSerializersTest.class.getClassLoader());
    }
}
