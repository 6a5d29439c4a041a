package dev.floe.flink.sink.internal;

import dev.floe.wal.manifest.CommitRequest;
import dev.floe.wal.manifest.ObjectDescriptor;
import java.util.List;
import org.apache.flink.annotation.Internal;

/**
 * What a writer hands to the committer at a checkpoint: the objects that extend one partition from
 * {@code expectedEnd}, staged under {@code epoch}. Immutable.
 */
@Internal
public record FloeCommittable(
        String stream,
        int partition,
        long epoch,
        long expectedEnd,
        List<ObjectDescriptor> objects,
        String commitId) {

    public FloeCommittable {
        objects = List.copyOf(objects);
    }

    public long newEnd() {
        return objects.get(objects.size() - 1).endOffset();
    }

    CommitRequest toRequest() {
        return new CommitRequest(stream, partition, epoch, expectedEnd, objects, commitId);
    }

    @Override
    public String toString() {
        return "commit "
                + commitId
                + " of "
                + stream
                + "/"
                + partition
                + " ["
                + expectedEnd
                + ", "
                + newEnd()
                + ") epoch "
                + epoch;
    }
}
