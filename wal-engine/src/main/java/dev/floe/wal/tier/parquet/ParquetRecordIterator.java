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
package dev.floe.wal.tier.parquet;

import dev.floe.wal.record.Header;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.record.WalRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.avro.Schema;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * The records of one {@link ParquetObjectReader#read}, in offset order. Reads the planned row
 * groups one at a time, each whole, and checks every row: offsets dense from the row group's first
 * offset ({@code next == last + 1}), the object's partition, and for an offset-only request that
 * exactly the requested offsets came back. A failed check throws {@link ParquetObjectException}
 * naming the object, row group and offset; an I/O failure throws {@link UncheckedIOException}. Not
 * thread-safe.
 */
public final class ParquetRecordIterator implements Iterator<LoggedRecord>, AutoCloseable {

    private final String objectName;
    private final int partition;
    private final ParquetFileReader reader;
    private final String createdBy;
    private final MessageType systemSchema;
    private final MessageType valueSchema;
    private final MessageColumnIO valueColumnIO;
    private final boolean typed;
    private final Schema projectedValue;
    private final boolean flat;
    private final ValueColumns valueColumns;
    private final List<RowGroupInfo> plan;
    private final ReadRequest request;
    private final long expectedCount;
    private int nextGroup;
    private RowGroupInfo group;
    private SystemColumns columns;
    private RecordReader<Group> values;
    private FlatValueColumns flatValues;
    private long rowsLeft;
    private long expectedOffset;
    private long returned;
    private boolean done;
    private LoggedRecord next;

    ParquetRecordIterator(
            String objectName,
            int partition,
            ParquetFileReader reader,
            FileMetaData fileMetaData,
            MessageType requested,
            Schema projectedValue,
            List<RowGroupInfo> plan,
            ReadRequest request,
            long expectedCount) {
        this.objectName = objectName;
        this.partition = partition;
        this.reader = reader;
        this.createdBy = fileMetaData.getCreatedBy();
        List<Type> fields = requested.getFields();
        int systemCount =
                projectedValue == null ? fields.size() : ParquetObjectSchema.SYSTEM_COLUMN_COUNT;
        this.systemSchema = new MessageType(requested.getName(), fields.subList(0, systemCount));
        this.valueSchema =
                systemCount == fields.size()
                        ? null
                        : new MessageType(
                                requested.getName(), fields.subList(systemCount, fields.size()));
        this.valueColumnIO =
                valueSchema == null
                        ? null
                        : new ColumnIOFactory(createdBy)
                                .getColumnIO(valueSchema, fileMetaData.getSchema(), true);
        this.typed = projectedValue != null;
        this.projectedValue = projectedValue;
        this.flat = valueSchema != null && FlatValueColumns.supports(projectedValue);
        this.valueColumns =
                valueSchema == null || flat ? null : new ValueColumns(projectedValue, valueSchema);
        this.plan = plan;
        this.request = request;
        this.expectedCount = expectedCount;
    }

    @Override
    public boolean hasNext() {
        while (next == null && !done) {
            try {
                advance();
            } catch (IOException e) {
                done = true;
                throw new UncheckedIOException(
                        "object " + objectName + ": reading row group " + groupIndex() + " failed",
                        e);
            }
        }
        return next != null;
    }

    @Override
    public LoggedRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException("object " + objectName + ": no more records");
        }
        LoggedRecord record = next;
        next = null;
        return record;
    }

    @Override
    public void close() throws IOException {
        done = true;
        reader.close();
    }

    private void advance() throws IOException {
        if (rowsLeft == 0 && !openNextGroup()) {
            finish();
            return;
        }
        columns.readRow();
        Group valueRow = values == null ? null : values.read();
        rowsLeft--;
        long offset = columns.offset();
        if (offset != expectedOffset) {
            throw corrupt("expected offset " + expectedOffset + ", found " + offset);
        }
        expectedOffset++;
        if (columns.partition() != partition) {
            throw corrupt(
                    "offset "
                            + offset
                            + " belongs to partition "
                            + columns.partition()
                            + ", the object's footer says "
                            + partition);
        }
        if (offset >= request.toOffset()) {
            finish();
            return;
        }
        long timestamp = columns.timestamp();
        if (request.wants(offset, timestamp)) {
            next = toRecord(valueRow, offset, timestamp);
            returned++;
        } else {
            columns.skipRest();
            if (flatValues != null) {
                flatValues.skip();
            }
        }
    }

    private boolean openNextGroup() throws IOException {
        if (nextGroup == plan.size()) {
            return false;
        }
        group = plan.get(nextGroup++);
        PageReadStore pages = reader.readRowGroup(group.index());
        if (pages.getRowCount() != group.rowCount()) {
            throw corrupt(
                    "it holds "
                            + pages.getRowCount()
                            + " rows, its statistics say "
                            + group.rowCount());
        }
        columns =
                new SystemColumns(
                        pages, reader.getRowGroups().get(group.index()), systemSchema, createdBy);
        flatValues =
                flat ? new FlatValueColumns(pages, valueSchema, projectedValue, createdBy) : null;
        values =
                valueColumnIO == null || flat
                        ? null
                        : valueColumnIO.getRecordReader(
                                pages, new GroupRecordConverter(valueSchema));
        rowsLeft = pages.getRowCount();
        expectedOffset = group.startOffset();
        return true;
    }

    private void finish() {
        done = true;
        if (expectedCount >= 0 && returned != expectedCount) {
            throw corrupt(
                    "returned "
                            + returned
                            + " records for offsets ["
                            + request.fromOffset()
                            + ", "
                            + request.toOffset()
                            + "), expected "
                            + expectedCount);
        }
    }

    private LoggedRecord toRecord(Group valueRow, long offset, long timestamp) {
        byte[] key = columns.readKey();
        List<Header> headers = columns.readHeaders();
        byte[] value = typed ? encodeValue(valueRow, offset) : columns.readValue();
        return new LoggedRecord(offset, new WalRecord(timestamp, key, value, headers));
    }

    /** The current row's value as Avro binary of the projected schema. */
    private byte[] encodeValue(Group valueRow, long offset) {
        try {
            if (flatValues != null) {
                return flatValues.encode();
            }
            return valueRow == null ? new byte[0] : valueColumns.encode(valueRow);
        } catch (IOException | RuntimeException e) {
            throw new ParquetObjectException(
                    "object "
                            + objectName
                            + ": the value at offset "
                            + offset
                            + " cannot be encoded as Avro: "
                            + e.getMessage(),
                    e);
        }
    }

    private int groupIndex() {
        return group == null ? -1 : group.index();
    }

    private ParquetObjectException corrupt(String what) {
        done = true;
        return new ParquetObjectException(
                "object "
                        + objectName
                        + ", partition "
                        + partition
                        + ", row group "
                        + groupIndex()
                        + ": "
                        + what
                        + "; the object is damaged: read these offsets from another copy"
                        + " (segment objects) and rewrite it");
    }
}
