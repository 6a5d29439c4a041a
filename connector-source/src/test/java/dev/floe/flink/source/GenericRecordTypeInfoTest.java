package dev.floe.flink.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.record.WalRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** The Avro deserializer and the Kryo-free serializer of its records. */
class GenericRecordTypeInfoTest {

    private static final Schema ORDER =
            SchemaBuilder.record("Order")
                    .fields()
                    .requiredLong("id")
                    .optionalString("note")
                    .endRecord();

    private static final Schema OTHER =
            SchemaBuilder.record("Order").fields().requiredLong("id").endRecord();

    @Test
    void theDeserializerReadsAvroBinaryValues() throws IOException {
        FloeDeserializer<GenericRecord> deserializer = FloeDeserializers.avro(ORDER);
        GenericRecord order = order(7, "gift");
        assertThat(deserializer.deserialize(logged(3, binary(order)))).isEqualTo(order);
        assertThatThrownBy(() -> deserializer.deserialize(logged(5, new byte[] {2, 4, 6, 8})))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Cannot read the value at offset 5 as Avro Order");
        assertThat(deserializer.producedType()).isEqualTo(new GenericRecordTypeInfo(ORDER));
        assertThatThrownBy(() -> FloeDeserializers.avro(Schema.create(Schema.Type.STRING)))
                .hasMessageContaining("must be a record");
    }

    @Test
    void theSerializerRoundTripsAndCopiesRecords() throws IOException {
        TypeSerializer<GenericRecord> serializer =
                new GenericRecordTypeInfo(ORDER).createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(64);
        for (GenericRecord r : List.of(order(1, "a"), order(2, null))) {
            serializer.serialize(r, out);
        }
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        assertThat(serializer.deserialize(in)).isEqualTo(order(1, "a"));
        DataOutputSerializer copied = new DataOutputSerializer(64);
        serializer.copy(in, copied);
        assertThat(serializer.deserialize(new DataInputDeserializer(copied.getCopyOfBuffer())))
                .isEqualTo(order(2, null));
        GenericRecord original = order(3, "x");
        GenericRecord copy = serializer.copy(original);
        assertThat(copy).isEqualTo(original).isNotSameAs(original);
        assertThat(serializer.duplicate()).isEqualTo(serializer).isNotSameAs(serializer);
    }

    @Test
    void theSnapshotKeepsTheSchemaAndRefusesAnother() throws IOException {
        TypeSerializer<GenericRecord> serializer =
                new GenericRecordTypeInfo(ORDER).createSerializer(new SerializerConfigImpl());
        TypeSerializerSnapshot<GenericRecord> written = serializer.snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(64);
        written.writeSnapshot(out);
        GenericRecordTypeInfo.SerializerSnapshot read =
                new GenericRecordTypeInfo.SerializerSnapshot();
        read.readSnapshot(
                written.getCurrentVersion(),
                new DataInputDeserializer(out.getCopyOfBuffer()),
                getClass().getClassLoader());
        assertThat(read.restoreSerializer()).isEqualTo(serializer);
        assertThat(
                        serializer
                                .snapshotConfiguration()
                                .resolveSchemaCompatibility(read)
                                .isCompatibleAsIs())
                .isTrue();
        assertThat(
                        new GenericRecordTypeInfo(OTHER)
                                .createSerializer(new SerializerConfigImpl())
                                .snapshotConfiguration()
                                .resolveSchemaCompatibility(read)
                                .isIncompatible())
                .isTrue();
    }

    private static GenericRecord order(long id, String note) {
        GenericData.Record r = new GenericData.Record(ORDER);
        r.put("id", id);
        r.put("note", note);
        return r;
    }

    private static byte[] binary(GenericRecord r) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(ORDER).write(r, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static LoggedRecord logged(long offset, byte[] value) {
        return new LoggedRecord(offset, WalRecord.of(1_000L, null, value));
    }
}
