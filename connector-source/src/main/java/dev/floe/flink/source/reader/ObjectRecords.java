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

import dev.floe.wal.format.SegmentObjectReader;
import dev.floe.wal.format.SegmentRecordCursor;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.tier.ObjectRangeSource;
import dev.floe.wal.tier.TierStores;
import dev.floe.wal.tier.parquet.ParquetObjectReader;
import dev.floe.wal.tier.parquet.ParquetRecordIterator;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The records of one object in an offset range, in batches: a segment object's blocks, or a Parquet
 * object's rows (row groups outside the range are skipped). Used by one thread.
 */
final class ObjectRecords implements Closeable {

    private final ObjectDescriptor object;
    private final SegmentRecordCursor segment;
    private final ParquetRecordIterator parquet;
    private final ValueFields values;

    private ObjectRecords(
            ObjectDescriptor object,
            SegmentRecordCursor segment,
            ParquetRecordIterator parquet,
            ValueFields values) {
        this.object = object;
        this.segment = segment;
        this.parquet = parquet;
        this.values = values;
    }

    /**
     * Opens {@code object} for the records of {@code partition} in {@code [from, to)}, with {@code
     * values}' fields. A Parquet object reads only its row groups and records in {@code
     * timestamps}, so offsets may then skip; a segment object reads every record.
     */
    static ObjectRecords open(
            TierStores stores,
            ObjectDescriptor object,
            int partition,
            long from,
            long to,
            ValueFields values,
            TimestampRange timestamps)
            throws IOException {
        ObjectRangeSource source = new ObjectRangeSource(stores.store(object.kind()), object);
        long end = Math.min(to, object.endOffset());
        if (object.kind() == ObjectDescriptor.Kind.SEGMENT) {
            return new ObjectRecords(
                    object,
                    SegmentObjectReader.open(object.key(), source).cursor(from, end),
                    null,
                    values);
        }
        ParquetObjectReader reader = ParquetObjectReader.open(source, object.key(), partition);
        return new ObjectRecords(
                object,
                null,
                reader.read(
                        timestamps.narrow(values.parquetRead(from, end, object.schemaVersion()))),
                values);
    }

    ObjectDescriptor object() {
        return object;
    }

    /** Whether the records come from a segment object, which returns every offset. */
    boolean isSegment() {
        return segment != null;
    }

    boolean hasNext() throws IOException {
        return segment != null ? segment.hasNext() : parquet.hasNext();
    }

    /** The next batch: one segment block, or up to {@code maxRows} Parquet rows. */
    List<LoggedRecord> next(int maxRows) throws IOException {
        if (segment != null) {
            return values.fromWholeValues(segment.next(), object.schemaVersion());
        }
        List<LoggedRecord> batch = new ArrayList<>(Math.min(maxRows, 1024));
        while (batch.size() < maxRows && parquet.hasNext()) {
            batch.add(parquet.next());
        }
        return values.fromParquet(batch, object.schemaVersion());
    }

    @Override
    public void close() throws IOException {
        if (parquet != null) {
            parquet.close();
        }
    }
}
