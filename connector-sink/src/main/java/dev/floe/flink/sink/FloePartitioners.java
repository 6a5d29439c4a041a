package dev.floe.flink.sink;

import java.util.Arrays;
import org.apache.flink.annotation.PublicEvolving;

/** Ready-made {@link FloePartitioner}s. Stateless. */
@PublicEvolving
public final class FloePartitioners {

    private FloePartitioners() {}

    /**
     * Each subtask writes to the partitions it owns, spreading its records over them in turn; no
     * records move between subtasks. Needs at least as many partitions as sink subtasks. The
     * default.
     */
    @SuppressWarnings("unchecked")
    public static <T> FloePartitioner<T> bySubtask() {
        return (FloePartitioner<T>) BySubtask.INSTANCE;
    }

    /**
     * The partition is a hash of the record key, so all records of a key go to one partition in
     * order; records without key go to partition 0.
     */
    public static <T> FloePartitioner<T> byKeyHash() {
        return (element, record, partitions) ->
                record.key() == null
                        ? 0
                        : Math.floorMod(Arrays.hashCode(record.key()) * 0x9E3779B1, partitions);
    }

    /** Whether records stay on the subtask that received them. */
    static boolean isBySubtask(FloePartitioner<?> partitioner) {
        return partitioner instanceof BySubtask;
    }

    private enum BySubtask implements FloePartitioner<Object> {
        INSTANCE;

        @Override
        public int partition(Object element, dev.floe.wal.record.WalRecord record, int partitions) {
            throw new UnsupportedOperationException("the subtask chooses among its partitions");
        }
    }
}
