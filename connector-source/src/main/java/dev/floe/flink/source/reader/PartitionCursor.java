/*
 * Copyright 2026 The Floe Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package dev.floe.flink.source.reader;

import dev.floe.flink.source.split.FloeSplit;
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.object.ObjectNotFoundException;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.tier.TierStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one split's committed records object by object, in offset order. Every record must be
 * {@code last + 1}, except that a Parquet object skips the records outside the source's timestamp
 * range; an object that is gone (compacted and deleted meanwhile) or that does not continue where
 * the previous one ended makes the cursor resolve the manifest again from the next offset, never
 * skip. Used by the fetcher thread only.
 */
final class PartitionCursor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionCursor.class);

    private static final int MAX_RESOLVES = 5;

    private final FloeSplit split;
    private final ManifestStore manifest;
    private final TierStores stores;
    private final ReaderMetrics metrics;
    private final TailFollower tail;
    private final ValueFields values;
    private final TimestampRange timestamps;
    private long next;
    private long committedEnd;
    private ObjectRecords current;
    private int resolvesWithoutProgress;

    /**
     * @param tail follows the writer beyond the committed end (read-uncommitted), or null
     * @param values the value fields to return
     * @param timestamps the timestamps to return; Parquet objects skip what is outside
     */
    PartitionCursor(
            FloeSplit split,
            ManifestStore manifest,
            TierStores stores,
            ReaderMetrics metrics,
            TailFollower tail,
            ValueFields values,
            TimestampRange timestamps) {
        this.split = split;
        this.manifest = manifest;
        this.stores = stores;
        this.metrics = metrics;
        this.tail = tail;
        this.values = values;
        this.timestamps = timestamps;
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
            if (tailing()) {
                return fromTail();
            }
            if (current == null && !openNext()) {
                return tail == null ? List.of() : fromTail();
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
            boolean mayskip = timestamps.filters() && !current.isSegment();
            if (batch.isEmpty()) {
                ObjectDescriptor done = current.object();
                closeCurrent();
                long end = Math.min(done.endOffset(), split.stopOffset());
                if (mayskip) {
                    next = Math.max(next, end);
                } else if (next < end) {
                    resolveAgain(
                            new IOException(
                                    "object " + done.key() + " ended before offset " + next));
                }
                continue;
            }
            check(batch, "Object " + current.object().key(), mayskip);
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
            current =
                    ObjectRecords.open(
                            stores,
                            object,
                            split.partition(),
                            next,
                            split.stopOffset(),
                            values,
                            timestamps);
        } catch (ObjectNotFoundException e) {
            resolveAgain(e);
            return false;
        }
        return true;
    }

    /** Whether records come from the writer's tail endpoint now. */
    boolean tailing() {
        return tail != null && tail.connected();
    }

    /** Records beyond the committed end, from the writer, as far as the split goes. */
    private List<LoggedRecord> fromTail() throws IOException {
        List<LoggedRecord> batch = tail.poll(next);
        if (batch.isEmpty()) {
            return batch;
        }
        if (batch.get(0).offset() != next) {
            // The writer's log moved under the reader (a failover truncated it): find it again.
            tail.close();
            return List.of();
        }
        int keep = (int) Math.min(batch.size(), split.stopOffset() - next);
        batch = batch.subList(0, keep);
        check(batch, "The tail endpoint", false);
        next += batch.size();
        return values.fromWholeValues(batch, tail.schemaVersion());
    }

    /** Checks that {@code batch} follows on; with {@code mayskip}, offsets may also jump ahead. */
    private void check(List<LoggedRecord> batch, String source, boolean mayskip)
            throws IOException {
        long expected = next;
        for (LoggedRecord r : batch) {
            if (r.offset() != expected && !(mayskip && r.offset() > expected)) {
                throw new IOException(
                        source
                                + " of "
                                + split.splitId()
                                + " returned offset "
                                + r.offset()
                                + " where "
                                + expected
                                + " was next");
            }
            expected = r.offset() + 1;
        }
    }

    private void resolveAgain(IOException cause) throws IOException {
        closeCurrent();
        LOG.info(
                "{} at offset {}: resolving the manifest again ({})",
                split.splitId(),
                next,
                cause.getMessage());
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
        if (tail != null) {
            tail.close();
        }
    }
}
