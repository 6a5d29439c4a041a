package dev.floe.flink.source;

import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.tier.parquet.ParquetObjectSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

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

    /** Record values read by a Flink {@link DeserializationSchema}. */
    public static <T> FloeDeserializer<T> of(DeserializationSchema<T> schema) {
        Objects.requireNonNull(schema, "schema");
        return new FloeDeserializer<>() {
            @Override
            public void open(DeserializationSchema.InitializationContext context) throws Exception {
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
        };
    }

    /**
     * Record values in Avro's binary encoding, as written by the sink's {@code
     * FloeRecordSerializers.avro(schema)}, decoded as {@link GenericRecord}s of {@code schema}.
     * {@code schema} must be the stream's value schema (its {@code StreamConfig.valueSchema()}, the
     * one the records were written with): Avro's binary encoding carries no schema, so records
     * written with another one are misread or fail, naming the record's offset. Elements are typed
     * {@link GenericRecordTypeInfo}, serialized in Avro's binary encoding (no Kryo, no flink-avro).
     */
    public static FloeDeserializer<GenericRecord> avro(Schema schema) {
        Objects.requireNonNull(schema, "schema");
        if (schema.getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException(
                    "an Avro value schema must be a record, got " + schema.getType());
        }
        return new AvroDeserializer(new GenericRecordTypeInfo(schema));
    }

    /**
     * {@code deserializer} for values projected onto {@code fields}: an Avro deserializer of this
     * class is bound to its schema's projection (failing if a field is missing), any other is
     * returned as it is.
     */
    @SuppressWarnings("unchecked")
    static <T> FloeDeserializer<T> projected(
            FloeDeserializer<T> deserializer, List<String> fields) {
        if (!(deserializer instanceof AvroDeserializer avro)) {
            return deserializer;
        }
        Schema projected;
        try {
            projected =
                    ParquetObjectSchema.forValueSchema(avro.type.schema())
                            .projectedValueSchema(fields);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    FloeSourceOptions.VALUE_FIELDS.key() + ": " + e.getMessage(), e);
        }
        return (FloeDeserializer<T>) avro(projected);
    }

    private static final class AvroDeserializer implements FloeDeserializer<GenericRecord> {
        private static final long serialVersionUID = 1L;
        private final GenericRecordTypeInfo type;
        private transient GenericDatumReader<GenericRecord> reader;
        private transient BinaryDecoder decoder;

        AvroDeserializer(GenericRecordTypeInfo type) {
            this.type = type;
        }

        @Override
        public void open(DeserializationSchema.InitializationContext context) {
            reader = new GenericDatumReader<>(type.schema());
        }

        @Override
        public GenericRecord deserialize(LoggedRecord record) throws IOException {
            if (reader == null) {
                open(null);
            }
            decoder = DecoderFactory.get().binaryDecoder(record.value(), decoder);
            try {
                GenericRecord element = reader.read(null, decoder);
                if (!decoder.isEnd()) {
                    throw new IOException("bytes left after the record");
                }
                return element;
            } catch (IOException | RuntimeException e) {
                throw new IOException(
                        "Cannot read the value at offset "
                                + record.offset()
                                + " as Avro "
                                + type.schema().getFullName()
                                + " (is it the stream's value schema?): "
                                + e.getMessage(),
                        e);
            }
        }

        @Override
        public TypeInformation<GenericRecord> producedType() {
            return type;
        }
    }
}
