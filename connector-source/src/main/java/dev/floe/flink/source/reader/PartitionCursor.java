package dev.floe.flink.source.reader;

import dev.floe.flink.source.split.FloeSplit;
import dev.floe.wal.format.LoggedRecord;
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.object.ObjectNotFoundException;
import dev.floe.wal.tier.TierStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Reads one split's committed records object by object, in offset order. Every record must be
 * {@code last + 1}; an object that is gone (compacted and deleted meanwhile) or that does not
 * continue where the previous one ended makes the cursor resolve the manifest again from the next
 * offset, never skip. Used by the fetcher thread only.
 */
final class PartitionCursor implements AutoCloseable {

    private static final int MAX_RESOLVES = 5;

    private final FloeSplit split;
    private final ManifestStore manifest;
    private final TierStores stores;
    private final ReaderMetrics metrics;
    private long next;
    private long committedEnd;
    private ObjectRecords current;
    private int resolvesWithoutProgress;

    PartitionCursor(
            FloeSplit split, ManifestStore manifest, TierStores stores, ReaderMetrics metrics) {
        this.split = split;
        this.manifest = manifest;
        this.stores = stores;
        this.metrics = metrics;
        this.next = split.nextOffset();
        metrics.reads(split.partition());
    }

    String splitId() {
        return split.splitId();
    }

    /** Whether every record of a bounded split has been returned. */
    boolean finished() {
        return next >= split.stopOffset();
    }

    /**
     * The next records, or an empty list when everything committed so far has been read.
     *
     * @throws IOException if the partition's objects do not continue at the next offset even after
     *     resolving the manifest again, or an object is damaged
     */
    List<LoggedRecord> nextBatch(int maxRows) throws IOException {
        while (!finished()) {
            if (current == null && !openNext()) {
                return List.of();
            }
            List<LoggedRecord> batch;
            try {
                batch = current.hasNext() ? current.next(maxRows) : List.of();
            } catch (ObjectNotFoundException e) {
                resolveAgain(e);
                continue;
            } catch (UncheckedIOException e) {
                if (e.getCause() instanceof ObjectNotFoundException gone) {
                    resolveAgain(gone);
                    continue;
                }
                throw e.getCause();
            }
            if (batch.isEmpty()) {
                ObjectDescriptor done = current.object();
                closeCurrent();
                if (next < Math.min(done.endOffset(), split.stopOffset())) {
                    resolveAgain(
                            new IOException(
                                    "object " + done.key() + " ended before offset " + next));
                }
                continue;
            }
            check(batch);
            next = batch.get(batch.size() - 1).offset() + 1;
            metrics.lag(split.partition(), committedEnd - next);
            resolvesWithoutProgress = 0;
            return batch;
        }
        return List.of();
    }

    private boolean openNext() throws IOException {
        List<ObjectDescriptor> objects =
                manifest.objects(split.stream(), split.partition(), next, next + 1);
        committedEnd = manifest.head(split.stream(), split.partition()).committedEnd();
        metrics.lag(split.partition(), committedEnd - next);
        if (objects.isEmpty()) {
            if (next < committedEnd) {
                resolveAgain(
                        new IOException(
                                "no object holds offset " + next + " below the committed end"));
            }
            return false;
        }
        ObjectDescriptor object = objects.get(0);
        try {
            current = ObjectRecords.open(stores, object, next, split.stopOffset());
        } catch (ObjectNotFoundException e) {
            resolveAgain(e);
            return false;
        }
        return true;
    }

    private void check(List<LoggedRecord> batch) throws IOException {
        long expected = next;
        for (LoggedRecord r : batch) {
            if (r.offset() != expected) {
                throw new IOException(
                        "Object "
                                + current.object().key()
                                + " of "
                                + split.splitId()
                                + " returned offset "
                                + r.offset()
                                + " where "
                                + expected
                                + " was next");
            }
            expected++;
        }
    }

    private void resolveAgain(IOException cause) throws IOException {
        closeCurrent();
        if (++resolvesWithoutProgress > MAX_RESOLVES) {
            throw new IOException(
                    "Cannot read "
                            + split.splitId()
                            + " at offset "
                            + next
                            + " after resolving the manifest "
                            + MAX_RESOLVES
                            + " times: "
                            + cause.getMessage(),
                    cause);
        }
    }

    private void closeCurrent() throws IOException {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    @Override
    public void close() throws IOException {
        closeCurrent();
    }
}
