package dev.floe.flink.sink;

import dev.floe.wal.record.WalRecord;
import java.io.Serializable;
import org.apache.flink.annotation.PublicEvolving;

/**
 * Chooses the partition of a record. Records are routed to the sink subtask that owns their
 * partition (partition modulo parallelism) before they are written. Ready-made ones are in {@link
 * FloePartitioners}. Must be deterministic; instances are used by one thread each.
 *
 * @param <T> the element type
 */
@PublicEvolving
public interface FloePartitioner<T> extends Serializable {

    /**
     * @param element the element
     * @param record the element as serialized
     * @param partitions the stream's number of partitions
     * @return a partition in {@code [0, partitions)}
     */
    int partition(T element, WalRecord record, int partitions);
}
