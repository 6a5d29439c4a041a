package dev.floe.flink.source;

import dev.floe.wal.format.LoggedRecord;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
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
            public T deserialize(LoggedRecord record) throws java.io.IOException {
                return schema.deserialize(record.value());
            }

            @Override
            public TypeInformation<T> producedType() {
                return schema.getProducedType();
            }
        };
    }
}
