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

import dev.floe.flink.avro.AvroClassTrust;
import dev.floe.flink.avro.AvroValueSchemas;
import dev.floe.wal.record.WalRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.formats.avro.AvroSerializationSchema;

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

    /**
     * Values written by a Flink {@link SerializationSchema}, without key. A flink-avro {@link
     * AvroSerializationSchema} gives the stream its schema, as {@link #avro(Schema)} does.
     */
    public static <T> FloeRecordSerializer<T> of(SerializationSchema<T> valueSchema) {
        return of(valueSchema, null);
    }

    /**
     * Values written by {@code valueSchema} and keys by {@code keySchema} (null for no key); the
     * key decides the partition with {@link FloeRouting#byKeyHash()}.
     *
     * <p>When {@code valueSchema} is flink-avro's {@link AvroSerializationSchema} (not a
     * schema-registry subclass), its record schema is stored with the stream and its fields become
     * typed Parquet columns. It must write Avro's binary encoding, its default: each value is
     * checked until the first one passes, and a value in another encoding fails as an invalid
     * record.
     *
     * @throws IllegalArgumentException if an Avro value schema is not a record Parquet columns can
     *     hold
     */
    public static <T> FloeRecordSerializer<T> of(
            SerializationSchema<T> valueSchema, SerializationSchema<T> keySchema) {
        Objects.requireNonNull(valueSchema, "valueSchema");
        String avroSchema =
                AvroValueSchemas.writtenBy(valueSchema)
                        .map(AvroValueSchemas::checkValueSchema)
                        .map(Schema::toString)
                        .orElse(null);
        return new SchemaSerializer<>(valueSchema, keySchema, avroSchema);
    }

    /**
     * Avro records of {@code schema} as values in Avro's binary encoding, written by flink-avro's
     * {@link AvroSerializationSchema}; the schema is stored with the stream and its fields become
     * typed Parquet columns when the stream is tiered.
     *
     * @throws IllegalArgumentException if the schema is not a record Parquet columns can hold
     */
    public static FloeRecordSerializer<GenericRecord> avro(Schema schema) {
        Objects.requireNonNull(schema, "schema");
        return of(AvroSerializationSchema.forGeneric(AvroValueSchemas.checkValueSchema(schema)));
    }

    /**
     * Avro {@link SpecificRecord}s of a generated class as values, as {@link #avro(Schema)} with
     * the class's schema.
     *
     * @throws IllegalArgumentException if the class's schema is not a record Parquet columns can
     *     hold
     */
    public static <T extends SpecificRecord> FloeRecordSerializer<T> avro(Class<T> recordClass) {
        Objects.requireNonNull(recordClass, "recordClass");
        AvroValueSchemas.checkValueSchema(AvroValueSchemas.ofSpecific(recordClass));
        return of(AvroSerializationSchema.forSpecific(recordClass));
    }

    static long timeOf(Long timestamp) {
        return timestamp != null ? timestamp : System.currentTimeMillis();
    }

    private static final class SchemaSerializer<T> implements FloeRecordSerializer<T> {
        private static final long serialVersionUID = 1L;
        private final SerializationSchema<T> valueSchema;
        private final SerializationSchema<T> keySchema;
        private final String avroSchema;
        private transient boolean encodingChecked;

        SchemaSerializer(
                SerializationSchema<T> valueSchema,
                SerializationSchema<T> keySchema,
                String avroSchema) {
            this.valueSchema = valueSchema;
            this.keySchema = keySchema;
            this.avroSchema = avroSchema;
        }

        @Override
        public void open(SerializationSchema.InitializationContext context) throws Exception {
            AvroClassTrust.install();
            valueSchema.open(context);
            if (keySchema != null) {
                keySchema.open(context);
            }
        }

        @Override
        public WalRecord serialize(T element, Long timestamp) {
            byte[] key = keySchema == null ? null : keySchema.serialize(element);
            byte[] value = valueSchema.serialize(element);
            if (avroSchema != null && !encodingChecked && value != null) {
                checkBinaryEncoded(value);
            }
            return new WalRecord(timeOf(timestamp), key, value, List.of());
        }

        @Override
        public byte[] serializeKey(T element) {
            return keySchema == null ? null : keySchema.serialize(element);
        }

        /** Checks values until one is Avro binary: then the schema's encoding is binary. */
        private void checkBinaryEncoded(byte[] value) {
            Schema schema = new Schema.Parser().parse(avroSchema);
            if (!AvroValueSchemas.isBinaryEncoded(schema, value)) {
                throw new IllegalArgumentException(
                        "the AvroSerializationSchema wrote a value that is not one "
                                + schema.getFullName()
                                + " in Avro's binary encoding: Floe stores Avro values in binary"
                                + " encoding; create the schema without an encoding, or with"
                                + " AvroEncoding.BINARY");
            }
            encodingChecked = true;
        }

        @Override
        public String valueSchema() {
            return avroSchema;
        }
    }
}
