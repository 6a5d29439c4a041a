package dev.floe.flink.sink;

import org.apache.flink.api.java.functions.KeySelector;

/**
 * The partition of an element, for routing it to the subtask that owns the partition. Serializes
 * the element to let the partitioner see its key. Used by one thread per instance.
 */
final class PartitionRouting<T> implements KeySelector<T, Integer> {

    private static final long serialVersionUID = 1L;

    private final FloeRecordSerializer<T> serializer;
    private final FloePartitioner<T> partitioner;
    private final int partitions;
    private transient boolean opened;

    PartitionRouting(
            FloeRecordSerializer<T> serializer, FloePartitioner<T> partitioner, int partitions) {
        this.serializer = serializer;
        this.partitioner = partitioner;
        this.partitions = partitions;
    }

    @Override
    public Integer getKey(T element) {
        if (element == null) {
            // The writer reports it with its position.
            return 0;
        }
        try {
            if (!opened) {
                serializer.open(null);
                opened = true;
            }
            return Math.floorMod(
                    partitioner.partition(element, serializer.serialize(element, null), partitions),
                    partitions);
        } catch (Exception e) {
            // The writer serializes it again and reports the failure with the element's position.
            return 0;
        }
    }
}
