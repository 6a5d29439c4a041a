package dev.floe.flink.source;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Type information of Avro {@link GenericRecord}s of one schema, serialized in Avro's binary
 * encoding without Kryo and without flink-avro. Immutable.
 *
 * <p>A checkpoint holding such records stores the schema; a job restored with another schema is
 * refused (incompatible), since records are not migrated between schemas.
 */
@PublicEvolving
public final class GenericRecordTypeInfo extends TypeInformation<GenericRecord> {

    private static final long serialVersionUID = 1L;

    private final String schemaJson;
    private transient Schema schema;

    public GenericRecordTypeInfo(Schema schema) {
        this.schemaJson = Objects.requireNonNull(schema, "schema").toString();
        this.schema = schema;
    }

    /** The records' schema. */
    public Schema schema() {
        if (schema == null) {
            schema = new Schema.Parser().parse(schemaJson);
        }
        return schema;
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<GenericRecord> getTypeClass() {
        return GenericRecord.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<GenericRecord> createSerializer(SerializerConfig config) {
        return new Serializer(schemaJson);
    }

    @Override
    public String toString() {
        return "GenericRecord(" + schema().getFullName() + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GenericRecordTypeInfo other && schemaJson.equals(other.schemaJson);
    }

    @Override
    public int hashCode() {
        return schemaJson.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof GenericRecordTypeInfo;
    }

    /**
     * Serializes records of one schema as a length and their Avro binary encoding. Keeps reusable
     * encoders, so one instance per thread ({@link #duplicate()} makes another).
     */
    public static final class Serializer extends TypeSerializer<GenericRecord> {

        private static final long serialVersionUID = 1L;

        private final String schemaJson;
        private transient Schema schema;
        private transient GenericDatumWriter<GenericRecord> writer;
        private transient GenericDatumReader<GenericRecord> reader;
        private transient BinaryEncoder encoder;
        private transient BinaryDecoder decoder;
        private transient Buffer buffer;

        Serializer(String schemaJson) {
            this.schemaJson = schemaJson;
        }

        private Schema schema() {
            if (schema == null) {
                schema = new Schema.Parser().parse(schemaJson);
                writer = new GenericDatumWriter<>(schema);
                reader = new GenericDatumReader<>(schema);
                buffer = new Buffer();
            }
            return schema;
        }

        @Override
        public boolean isImmutableType() {
            return false;
        }

        @Override
        public TypeSerializer<GenericRecord> duplicate() {
            return new Serializer(schemaJson);
        }

        @Override
        public GenericRecord createInstance() {
            return new GenericData.Record(schema());
        }

        @Override
        public GenericRecord copy(GenericRecord from) {
            return GenericData.get().deepCopy(schema(), from);
        }

        @Override
        public GenericRecord copy(GenericRecord from, GenericRecord reuse) {
            return copy(from);
        }

        @Override
        public int getLength() {
            return -1;
        }

        @Override
        public void serialize(GenericRecord record, DataOutputView target) throws IOException {
            schema();
            buffer.reset();
            encoder = EncoderFactory.get().binaryEncoder(buffer, encoder);
            writer.write(record, encoder);
            encoder.flush();
            target.writeInt(buffer.size());
            buffer.writeTo(target);
        }

        @Override
        public GenericRecord deserialize(DataInputView source) throws IOException {
            return deserialize(null, source);
        }

        @Override
        public GenericRecord deserialize(GenericRecord reuse, DataInputView source)
                throws IOException {
            schema();
            byte[] bytes = new byte[source.readInt()];
            source.readFully(bytes);
            decoder = DecoderFactory.get().binaryDecoder(bytes, decoder);
            return reader.read(reuse, decoder);
        }

        @Override
        public void copy(DataInputView source, DataOutputView target) throws IOException {
            int length = source.readInt();
            target.writeInt(length);
            target.write(source, length);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Serializer other && schemaJson.equals(other.schemaJson);
        }

        @Override
        public int hashCode() {
            return schemaJson.hashCode();
        }

        @Override
        public TypeSerializerSnapshot<GenericRecord> snapshotConfiguration() {
            return new SerializerSnapshot(schemaJson);
        }
    }

    /** A growable byte buffer that hands its bytes to a view without copying them. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(256);
        }

        void writeTo(DataOutputView target) throws IOException {
            target.write(buf, 0, count);
        }
    }

    /** The schema of a {@link Serializer}, stored in checkpoints. Not thread-safe. */
    public static final class SerializerSnapshot implements TypeSerializerSnapshot<GenericRecord> {

        private static final int VERSION_1 = 1;

        private String schemaJson;

        /** For Flink, which reads snapshots into an instance made with this constructor. */
        public SerializerSnapshot() {}

        SerializerSnapshot(String schemaJson) {
            this.schemaJson = schemaJson;
        }

        @Override
        public int getCurrentVersion() {
            return VERSION_1;
        }

        @Override
        public void writeSnapshot(DataOutputView out) throws IOException {
            byte[] json = schemaJson.getBytes(StandardCharsets.UTF_8);
            out.writeInt(json.length);
            out.write(json);
        }

        @Override
        public void readSnapshot(int version, DataInputView in, ClassLoader classLoader)
                throws IOException {
            if (version != VERSION_1) {
                throw new IOException(
                        "cannot read a GenericRecord serializer snapshot of version "
                                + version
                                + ": this Floe reads version "
                                + VERSION_1);
            }
            byte[] json = new byte[in.readInt()];
            in.readFully(json);
            schemaJson = new String(json, StandardCharsets.UTF_8);
        }

        @Override
        public TypeSerializer<GenericRecord> restoreSerializer() {
            return new Serializer(schemaJson);
        }

        @Override
        public TypeSerializerSchemaCompatibility<GenericRecord> resolveSchemaCompatibility(
                TypeSerializerSnapshot<GenericRecord> oldSnapshot) {
            if (oldSnapshot instanceof SerializerSnapshot old
                    && new Schema.Parser()
                            .parse(old.schemaJson)
                            .equals(new Schema.Parser().parse(schemaJson))) {
                return TypeSerializerSchemaCompatibility.compatibleAsIs();
            }
            return TypeSerializerSchemaCompatibility.incompatible();
        }
    }
}
