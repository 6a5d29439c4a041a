package dev.floe.examples.quickstart;

import dev.floe.wal.admin.CommittedObject;
import dev.floe.wal.admin.FloeAdmin;
import dev.floe.wal.admin.PartitionInfo;
import dev.floe.wal.manifest.ObjectDescriptor;
import java.util.List;
import java.util.Optional;

/**
 * What the manifest says about a stream: partitions, committed records and the objects holding
 * them, with where each object is. Immutable.
 *
 * @param stream the stream's name
 * @param partitions number of partitions
 * @param committedEnds committed end offset of each partition
 * @param objects every committed object, partition by partition in offset order
 */
public record StreamSummary(
        String stream, int partitions, List<Long> committedEnds, List<CommittedObject> objects) {

    public StreamSummary {
        committedEnds = List.copyOf(committedEnds);
        objects = List.copyOf(objects);
    }

    /** Reads the summary of {@code stream}, or empty when the stream does not exist. */
    static Optional<StreamSummary> read(FloeAdmin admin, String stream) {
        if (admin.findStream(stream).isEmpty()) {
            return Optional.empty();
        }
        List<Long> ends =
                admin.partitions(stream).stream().map(PartitionInfo::committedEnd).toList();
        return Optional.of(
                new StreamSummary(stream, ends.size(), ends, admin.committedObjects(stream)));
    }

    /** Committed records of every partition together. */
    public long committedRecords() {
        return committedEnds.stream().mapToLong(Long::longValue).sum();
    }

    public List<CommittedObject> objectsOf(ObjectDescriptor.Kind kind) {
        return objects.stream().filter(o -> o.descriptor().kind() == kind).toList();
    }
}
