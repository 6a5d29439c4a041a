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
package dev.floe.wal.tier;

import dev.floe.wal.format.SegmentObjectReader;
import dev.floe.wal.format.SegmentRecordCursor;
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.object.ObjectNotFoundException;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.tier.parquet.ParquetObjectReader;
import dev.floe.wal.tier.parquet.ParquetRecordIterator;
import dev.floe.wal.tier.parquet.ReadRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Reads the committed records of a partition from the bucket: resolves the manifest's objects for
 * an offset range and decodes segment and Parquet objects alike. Every record must have the offset
 * after the previous one; an object that disappeared (compacted and deleted meanwhile) makes it
 * resolve the manifest again from the next offset, never skip. Thread-safe.
 */
public final class CommittedReader {

    private static final int MAX_RESOLVES = 5;

    private final ManifestStore manifest;
    private final TierStores stores;
    private final String stream;
    private final int partition;

    public CommittedReader(
            ManifestStore manifest, TierStores stores, String stream, int partition) {
        this.manifest = manifest;
        this.stores = stores;
        this.stream = stream;
        this.partition = partition;
    }

    /** Every committed record in {@code [from, to)}, in memory; for small ranges and tools. */
    public List<LoggedRecord> read(long from, long to) throws IOException {
        List<LoggedRecord> out = new ArrayList<>();
        forEach(from, to, out::add);
        return out;
    }

    /**
     * Passes every committed record in {@code [from, to)} to {@code sink} in offset order.
     *
     * @throws IOException if the range is not fully committed, or an object is damaged
     */
    public void forEach(long from, long to, Consumer<LoggedRecord> sink) throws IOException {
        forEachWithObject(from, to, (object, record) -> sink.accept(record));
    }

    /**
     * Like {@link #forEach(long, long, Consumer)}, passing each record with the descriptor of the
     * object it was read from (which names, among others, the schema version of its value).
     */
    public void forEachWithObject(
            long from, long to, BiConsumer<ObjectDescriptor, LoggedRecord> sink)
            throws IOException {
        long[] next = {from};
        int resolves = 0;
        while (next[0] < to) {
            List<ObjectDescriptor> objects = manifest.objects(stream, partition, next[0], to);
            if (objects.isEmpty() || objects.get(0).startOffset() > next[0]) {
                throw new IOException(
                        "Offset "
                                + next[0]
                                + " of "
                                + stream
                                + "/"
                                + partition
                                + " is not committed in "
                                + manifest.describe());
            }
            try {
                for (ObjectDescriptor o : objects) {
                    readObject(o, next, to, sink);
                    if (next[0] >= to) {
                        break;
                    }
                }
            } catch (ObjectNotFoundException e) {
                if (++resolves > MAX_RESOLVES) {
                    throw e;
                }
            }
        }
    }

    /**
     * Passes the object's records in {@code [next[0], to)}, advancing {@code next[0]} past each
     * record delivered, so a retry after a failure continues without duplicates.
     */
    private void readObject(
            ObjectDescriptor o,
            long[] next,
            long to,
            BiConsumer<ObjectDescriptor, LoggedRecord> sink)
            throws IOException {
        long end = Math.min(to, o.endOffset());
        if (o.startOffset() > next[0]) {
            throw gap(o, next[0]);
        }
        ObjectRangeSource source = new ObjectRangeSource(stores.store(o.kind()), o);
        if (o.kind() == ObjectDescriptor.Kind.SEGMENT) {
            SegmentRecordCursor cursor =
                    SegmentObjectReader.open(o.key(), source).cursor(next[0], end);
            while (cursor.hasNext()) {
                for (LoggedRecord r : cursor.next()) {
                    accept(o, r, next, sink);
                }
            }
        } else {
            ParquetObjectReader reader = ParquetObjectReader.open(source, o.key(), partition);
            try (ParquetRecordIterator it = reader.read(ReadRequest.offsets(next[0], end))) {
                while (it.hasNext()) {
                    accept(o, it.next(), next, sink);
                }
            }
        }
        if (next[0] != end) {
            throw gap(o, next[0]);
        }
    }

    private static void accept(
            ObjectDescriptor o,
            LoggedRecord r,
            long[] next,
            BiConsumer<ObjectDescriptor, LoggedRecord> sink)
            throws IOException {
        if (r.offset() != next[0]) {
            throw new IOException(
                    "Object "
                            + o.key()
                            + " returned offset "
                            + r.offset()
                            + ", expected "
                            + next[0]);
        }
        sink.accept(o, r);
        next[0]++;
    }

    private IOException gap(ObjectDescriptor o, long next) {
        return new IOException(
                "Object "
                        + o.key()
                        + " of "
                        + stream
                        + "/"
                        + partition
                        + " does not continue at offset "
                        + next
                        + " (it holds ["
                        + o.startOffset()
                        + ", "
                        + o.endOffset()
                        + "))");
    }
}
