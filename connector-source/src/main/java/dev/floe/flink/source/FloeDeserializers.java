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

import dev.floe.flink.avro.AvroClassTrust;
import dev.floe.flink.avro.AvroValueSchemas;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.tier.parquet.ParquetObjectSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.AvroDeserializationSchema;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.formats.avro.typeutils.GenericRecordAvroTypeInfo;

/** Ready-made {@link FloeDeserializer}s. Stateless. */
@PublicEvolving
public final class FloeDeserializers {

    private FloeDeserializers() {}

    /** Record values as byte arrays. */
    public static FloeDeserializer<byte[]> bytes() {
        return new FloeDeserializer<>() {
            @Override
            public byte[] deserialize(LoggedRecord record) {
                return record.value();
            }

            @Override
            public TypeInformation<byte[]> producedType() {
                return PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO;
            }
        };
    }

    /** Record values as UTF-8 strings. */
    public static FloeDeserializer<String> strings() {
        return new FloeDeserializer<>() {
            @Override
            public String deserialize(LoggedRecord record) {
                return new String(record.value(), StandardCharsets.UTF_8);
            }

            @Override
            public TypeInformation<String> producedType() {
                return Types.STRING;
            }
        };
    }

    /**
     * Record values read by a Flink {@link DeserializationSchema}. flink-avro's {@link
     * AvroDeserializationSchema} (not a schema-registry subclass) is an Avro deserializer like
     * {@link #avro(Schema)} and {@link #avro(Class)}: its records keep flink-avro's type
     * information, failures name the record's offset, and {@link FloeSourceBuilder#valueFields}
     * binds a GenericRecord one to the projected schema.
     */
    public static <T> FloeDeserializer<T> of(DeserializationSchema<T> schema) {
        Objects.requireNonNull(schema, "schema");
        return AvroValueSchemas.readBy(schema)
                .<FloeDeserializer<T>>map(avro -> new AvroDeserializer<>(schema, avro))
                .orElseGet(() -> new SchemaDeserializer<>(schema));
    }

    /**
     * Record values in Avro's binary encoding, as the sink's Avro serializers write them, decoded
     * by flink-avro's {@link AvroDeserializationSchema} as {@link GenericRecord}s of {@code
     * schema}. Values written with any version of the stream's schema are resolved to {@code
     * schema} by Avro's rules (fields it adds take their defaults, fields it lacks are skipped); a
     * version it cannot read fails, naming the record's offset. Elements are typed {@link
     * GenericRecordAvroTypeInfo}.
     *
     * @throws IllegalArgumentException if the schema is not a record
     */
    public static FloeDeserializer<GenericRecord> avro(Schema schema) {
        Objects.requireNonNull(schema, "schema");
        return of(AvroDeserializationSchema.forGeneric(AvroValueSchemas.checkRecord(schema)));
    }

    /**
     * Record values in Avro's binary encoding decoded as {@link SpecificRecord}s of a generated
     * class; values of every version of the stream's schema are resolved to the class's schema.
     * Elements are typed {@link AvroTypeInfo}.
     *
     * @throws IllegalArgumentException if the class's schema is not a record
     */
    public static <T extends SpecificRecord> FloeDeserializer<T> avro(Class<T> recordClass) {
        Objects.requireNonNull(recordClass, "recordClass");
        AvroValueSchemas.checkRecord(AvroValueSchemas.ofSpecific(recordClass));
        return of(AvroDeserializationSchema.forSpecific(recordClass));
    }

    /**
     * {@code deserializer} for values projected onto {@code fields}: an Avro deserializer of
     * GenericRecords is bound to its schema's projection (failing if a field is missing), one of
     * SpecificRecords is refused, any other is returned as it is.
     */
    static <T> FloeDeserializer<T> projected(
            FloeDeserializer<T> deserializer, List<String> fields) {
        if (!(deserializer instanceof AvroDeserializer<T> avro)) {
            return deserializer;
        }
        return avro.projected(fields);
    }

    private static final class SchemaDeserializer<T> implements FloeDeserializer<T> {
        private static final long serialVersionUID = 1L;
        private final DeserializationSchema<T> schema;

        SchemaDeserializer(DeserializationSchema<T> schema) {
            this.schema = schema;
        }

        @Override
        public void open(DeserializationSchema.InitializationContext context) throws Exception {
            AvroClassTrust.install();
            schema.open(context);
        }

        @Override
        public T deserialize(LoggedRecord record) throws IOException {
            return schema.deserialize(record.value());
        }

        @Override
        public TypeInformation<T> producedType() {
            return schema.getProducedType();
        }
    }

    /** Avro values read by flink-avro, with the schema they are read with. */
    private static final class AvroDeserializer<T> implements FloeDeserializer<T> {
        private static final long serialVersionUID = 1L;
        private final DeserializationSchema<T> schema;
        private final String avroSchema;
        // flink-avro's schema makes its type information only before it is serialized.
        private final TypeInformation<T> type;
        private transient String schemaName;

        AvroDeserializer(DeserializationSchema<T> schema, Schema avroSchema) {
            this.schema = schema;
            this.avroSchema = avroSchema.toString();
            this.type = schema.getProducedType();
        }

        @SuppressWarnings("unchecked")
        FloeDeserializer<T> projected(List<String> fields) {
            if (!GenericRecord.class.equals(type.getTypeClass())) {
                throw new IllegalArgumentException(
                        FloeSourceOptions.VALUE_FIELDS.key()
                                + " needs GenericRecord elements, but the deserializer makes "
                                + type.getTypeClass().getName()
                                + ": read the fields as GenericRecords with"
                                + " FloeDeserializers.avro(schema), or read whole values");
            }
            Schema projected;
            try {
                projected =
                        ParquetObjectSchema.forValueSchema(avroSchema).projectedValueSchema(fields);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        FloeSourceOptions.VALUE_FIELDS.key() + ": " + e.getMessage(), e);
            }
            return (FloeDeserializer<T>) avro(projected);
        }

        @Override
        public void open(DeserializationSchema.InitializationContext context) throws Exception {
            AvroClassTrust.install();
            schema.open(context);
        }

        @Override
        public T deserialize(LoggedRecord record) throws IOException {
            try {
                return schema.deserialize(record.value());
            } catch (IOException | RuntimeException e) {
                if (schemaName == null) {
                    schemaName = new Schema.Parser().parse(avroSchema).getFullName();
                }
                throw new IOException(
                        "Cannot read the value at offset "
                                + record.offset()
                                + " as Avro "
                                + schemaName
                                + ": "
                                + e.getMessage(),
                        e);
            }
        }

        @Override
        public TypeInformation<T> producedType() {
            return type;
        }

        @Override
        public String valueSchema() {
            return avroSchema;
        }
    }
}
