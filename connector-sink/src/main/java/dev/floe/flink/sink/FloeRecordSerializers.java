package dev.floe.flink.sink;

import dev.floe.wal.record.WalRecord;
import dev.floe.wal.tier.parquet.ParquetObjectSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.serialization.SerializationSchema;

/** Ready-made {@link FloeRecordSerializer}s. Stateless. */
@PublicEvolving
public final class FloeRecordSerializers {

    private FloeRecordSerializers() {}

    /** Byte arrays as values, without key; the timestamp is Flink's, or the time of writing. */
    public static FloeRecordSerializer<byte[]> bytes() {
        return (element, timestamp) -> WalRecord.of(timeOf(timestamp), null, element);
    }

    /** Strings as UTF-8 values, without key. */
    public static FloeRecordSerializer<String> strings() {
        return (element, timestamp) ->
                WalRecord.of(timeOf(timestamp), null, element.getBytes(StandardCharsets.UTF_8));
    }

    /** Values written by a Flink {@link SerializationSchema}, without key. */
    public static <T> FloeRecordSerializer<T> of(SerializationSchema<T> valueSchema) {
        return of(valueSchema, null);
    }

    /**
     * Values written by {@code valueSchema} and keys by {@code keySchema} (null for no key); the
     * key decides the partition with {@link FloeRouting#byKeyHash()}.
     */
    public static <T> FloeRecordSerializer<T> of(
            SerializationSchema<T> valueSchema, SerializationSchema<T> keySchema) {
        Objects.requireNonNull(valueSchema, "valueSchema");
        return new SchemaSerializer<>(valueSchema, keySchema);
    }

    /**
     * Avro records as values in Avro's binary encoding; the schema is stored with the stream and
     * its fields become typed Parquet columns when the stream is tiered.
     */
    public static FloeRecordSerializer<GenericRecord> avro(Schema schema) {
        Objects.requireNonNull(schema, "schema");
        if (schema.getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException(
                    "an Avro value schema must be a record, got " + schema.getType());
        }
        // Fails now, not at tiering, on a schema Parquet columns cannot hold.
        ParquetObjectSchema.forValueSchema(schema.toString());
        return new AvroSerializer(schema.toString());
    }

    static long timeOf(Long timestamp) {
        return timestamp != null ? timestamp : System.currentTimeMillis();
    }

    private static final class SchemaSerializer<T> implements FloeRecordSerializer<T> {
        private static final long serialVersionUID = 1L;
        private final SerializationSchema<T> valueSchema;
        private final SerializationSchema<T> keySchema;

        SchemaSerializer(SerializationSchema<T> valueSchema, SerializationSchema<T> keySchema) {
            this.valueSchema = valueSchema;
            this.keySchema = keySchema;
        }

        @Override
        public void open(SerializationSchema.InitializationContext context) throws Exception {
            valueSchema.open(context);
            if (keySchema != null) {
                keySchema.open(context);
            }
        }

        @Override
        public WalRecord serialize(T element, Long timestamp) {
            byte[] key = keySchema == null ? null : keySchema.serialize(element);
            return new WalRecord(timeOf(timestamp), key, valueSchema.serialize(element), List.of());
        }

        @Override
        public byte[] serializeKey(T element) {
            return keySchema == null ? null : keySchema.serialize(element);
        }
    }

    private static final class AvroSerializer implements FloeRecordSerializer<GenericRecord> {
        private static final long serialVersionUID = 1L;
        private final String schemaJson;
        private transient GenericDatumWriter<GenericRecord> writer;
        private transient ByteArrayOutputStream buffer;
        private transient BinaryEncoder encoder;

        AvroSerializer(String schemaJson) {
            this.schemaJson = schemaJson;
        }

        @Override
        public void open(SerializationSchema.InitializationContext context) {
            writer = new GenericDatumWriter<>(new Schema.Parser().parse(schemaJson));
            buffer = new ByteArrayOutputStream();
        }

        @Override
        public WalRecord serialize(GenericRecord element, Long timestamp) throws IOException {
            if (writer == null) {
                open(null);
            }
            buffer.reset();
            encoder = EncoderFactory.get().binaryEncoder(buffer, encoder);
            writer.write(element, encoder);
            encoder.flush();
            return WalRecord.of(timeOf(timestamp), null, buffer.toByteArray());
        }

        @Override
        public String valueSchema() {
            return schemaJson;
        }
    }
}
