package dev.floe.flink.source;

import dev.floe.wal.record.LoggedRecord;
import java.io.IOException;
import java.io.Serializable;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * Turns a Floe record (offset, timestamp, key, value, headers) into a stream element. Ready-made
 * ones are in {@link FloeDeserializers}. Instances are used by one reader thread each.
 *
 * @param <T> the element type
 */
@PublicEvolving
public interface FloeDeserializer<T> extends Serializable {

    /** Called once per reader before the first record. */
    default void open(DeserializationSchema.InitializationContext context) throws Exception {}

    /** The element for {@code record}, or null to drop the record. */
    T deserialize(LoggedRecord record) throws IOException;

    TypeInformation<T> producedType();
}
