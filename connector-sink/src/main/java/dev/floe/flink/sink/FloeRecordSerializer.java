package dev.floe.flink.sink;

import dev.floe.wal.record.WalRecord;
import java.io.Serializable;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.serialization.SerializationSchema;

/**
 * Turns a stream element into a Floe record: key, value, timestamp and headers. Ready-made ones are
 * in {@link FloeRecordSerializers}. Instances are used by one writer thread each.
 *
 * @param <T> the element type
 */
@PublicEvolving
public interface FloeRecordSerializer<T> extends Serializable {

    /** Called once per writer before the first element. */
    default void open(SerializationSchema.InitializationContext context) throws Exception {}

    /**
     * @param element the element, never null
     * @param timestamp the element's Flink timestamp, or null when it has none
     * @return the record to append; its timestamp is the record's event time in milliseconds
     */
    WalRecord serialize(T element, Long timestamp) throws Exception;

    /**
     * The Avro schema (JSON) of record values, stored with the stream and used for typed Parquet
     * columns; null when values are opaque bytes.
     */
    default String valueSchema() {
        return null;
    }
}
