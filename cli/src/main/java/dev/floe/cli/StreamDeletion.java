package dev.floe.cli;

import dev.floe.wal.manifest.GcEntry;
import dev.floe.wal.manifest.StreamConfig;
import dev.floe.wal.object.ObjectInfo;
import dev.floe.wal.object.ObjectStore;
import dev.floe.wal.object.PendingUpload;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Deletes a stream: first every object and unfinished upload under its prefix in each store, then
 * its entries in the deletion queue, then its manifest keys. Objects go first so that a deletion
 * cut short leaves a stream that {@code floe streams delete} can finish. Stateless.
 */
final class StreamDeletion {

    private StreamDeletion() {}

    /** What was deleted. Immutable. */
    record Result(int objects, long bytes, int abortedUploads, int queuedDeletions) {}

    static Result delete(FloeSession session, StreamConfig stream) throws IOException {
        String prefix = stream.name() + "/";
        Set<ObjectStore> stores = new LinkedHashSet<>();
        stores.add(session.stores().segments());
        stores.add(session.stores().parquet());
        int objects = 0;
        long bytes = 0;
        int aborted = 0;
        for (ObjectStore store : stores) {
            for (PendingUpload upload : store.pendingUploads(prefix)) {
                store.abort(upload);
                aborted++;
            }
            List<ObjectInfo> listed = store.list(prefix);
            store.delete(listed.stream().map(ObjectInfo::key).toList());
            objects += listed.size();
            bytes += listed.stream().mapToLong(ObjectInfo::size).sum();
        }
        List<GcEntry> queued =
                session
                        .manifest()
                        .gcDue(Instant.ofEpochMilli(Long.MAX_VALUE), Integer.MAX_VALUE)
                        .stream()
                        .filter(e -> e.objectKey().startsWith(prefix))
                        .toList();
        session.manifest().gcDone(queued);
        session.manifest().deleteStream(stream.name());
        return new Result(objects, bytes, aborted, queued.size());
    }
}
