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
package dev.floe.flink.avro;

import dev.floe.wal.tier.parquet.ParquetObjectSchema;
import java.io.IOException;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.formats.avro.AvroDeserializationSchema;
import org.apache.flink.formats.avro.AvroSerializationSchema;

/**
 * The Avro schema of a stream's values: checked for use as a stream's value schema, or found in
 * flink-avro's serialization schemas. Stateless and thread-safe.
 *
 * <p>Only flink-avro's {@link AvroSerializationSchema} and {@link AvroDeserializationSchema}
 * themselves are recognized, not their subclasses: the schema-registry ones frame each value with a
 * schema id, so their bytes are not plain Avro.
 */
@Internal
public final class AvroValueSchemas {

    static {
        AvroClassTrust.install();
    }

    private AvroValueSchemas() {}

    /**
     * {@code schema}, checked for use as a stream's value schema: a record whose fields Parquet
     * objects can hold as typed columns.
     *
     * @throws IllegalArgumentException naming what is wrong with the schema
     */
    public static Schema checkValueSchema(Schema schema) {
        checkRecord(schema);
        ParquetObjectSchema.forValueSchema(schema);
        return schema;
    }

    /**
     * {@code schema}, checked to be a record.
     *
     * @throws IllegalArgumentException if it is another type
     */
    public static Schema checkRecord(Schema schema) {
        if (schema.getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException(
                    "an Avro value schema must be a record, got " + schema.getType());
        }
        return schema;
    }

    /** The schema of the records an {@link AvroSerializationSchema} writes; empty for others. */
    public static Optional<Schema> writtenBy(SerializationSchema<?> serializer) {
        if (serializer.getClass() != AvroSerializationSchema.class) {
            return Optional.empty();
        }
        AvroSerializationSchema<?> avro = (AvroSerializationSchema<?>) serializer;
        if (avro.getSchema() == null) {
            // A SpecificRecord one looks up its class's schema when first used; null is written
            // as null, after that lookup.
            avro.serialize(null);
        }
        return Optional.of(avro.getSchema());
    }

    /** The schema of the records an {@link AvroDeserializationSchema} reads; empty for others. */
    public static Optional<Schema> readBy(DeserializationSchema<?> deserializer) {
        if (deserializer.getClass() != AvroDeserializationSchema.class) {
            return Optional.empty();
        }
        return Optional.of(recordsOf(deserializer.getProducedType()));
    }

    /** The schema of {@code recordClass}, a generated (or hand-written) SpecificRecord class. */
    public static Schema ofSpecific(Class<? extends SpecificRecord> recordClass) {
        return SpecificData.get().getSchema(recordClass);
    }

    /** The schema of the records of a flink-avro type information. */
    private static Schema recordsOf(TypeInformation<?> type) {
        if (SpecificRecord.class.isAssignableFrom(type.getTypeClass())) {
            return ofSpecific(type.getTypeClass().asSubclass(SpecificRecord.class));
        }
        // GenericRecordAvroTypeInfo keeps its schema to itself, but its records carry it.
        Object instance =
                type.createSerializer(new ExecutionConfig().getSerializerConfig()).createInstance();
        return ((GenericContainer) instance).getSchema();
    }

    /** Whether {@code value} is exactly one value of {@code schema} in Avro's binary encoding. */
    public static boolean isBinaryEncoded(Schema schema, byte[] value) {
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(value, null);
        try {
            new GenericDatumReader<>(schema).read(null, decoder);
            return decoder.isEnd();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
