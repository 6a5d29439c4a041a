package dev.floe.wal.tier.parquet;

import dev.floe.wal.format.Header;
import dev.floe.wal.format.LoggedRecord;
import dev.floe.wal.format.WalRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;

/**
 * The records of one {@link ParquetObjectReader#read}, in offset order. Reads the planned row
 * groups one at a time, each whole, and checks every row: offsets dense from the row group's first
 * offset ({@code next == last + 1}), the object's partition, and for an offset-only request that
 * exactly the requested offsets came back. A failed check throws {@link ParquetObjectException}
 * naming the object, row group and offset; an I/O failure throws {@link UncheckedIOException}. Not
 * thread-safe.
 */
public final class ParquetRecordIterator implements Iterator<LoggedRecord>, AutoCloseable {

    private static final int OFFSET = 0;
    private static final int TIMESTAMP = 1;
    private static final int KEY = 2;
    private static final int PARTITION = 3;
    private static final int HEADERS = 4;
    private static final int VALUE = 5;

    private final String objectName;
    private final int partition;
    private final ParquetFileReader reader;
    private final MessageColumnIO columnIO;
    private final MessageType requested;
    private final ValueColumns valueColumns;
    private final List<RowGroupInfo> plan;
    private final ReadRequest request;
    private final long expectedCount;
    private int nextGroup;
    private RowGroupInfo group;
    private RecordReader<Group> rows;
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
            ValueColumns valueColumns,
            List<RowGroupInfo> plan,
            ReadRequest request,
            long expectedCount) {
        this.objectName = objectName;
        this.partition = partition;
        this.reader = reader;
        this.requested = requested;
        this.columnIO =
                new ColumnIOFactory(fileMetaData.getCreatedBy())
                        .getColumnIO(requested, fileMetaData.getSchema(), true);
        this.valueColumns = valueColumns;
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

    /** Records returned so far. */
    public long returned() {
        return returned;
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
        Group row = rows.read();
        rowsLeft--;
        long offset = row.getLong(OFFSET, 0);
        if (offset != expectedOffset) {
            throw corrupt("expected offset " + expectedOffset + ", found " + offset);
        }
        expectedOffset++;
        if (row.getInteger(PARTITION, 0) != partition) {
            throw corrupt(
                    "offset "
                            + offset
                            + " belongs to partition "
                            + row.getInteger(PARTITION, 0)
                            + ", the object's footer says "
                            + partition);
        }
        if (offset >= request.toOffset()) {
            finish();
            return;
        }
        long timestamp = row.getLong(TIMESTAMP, 0);
        if (request.wants(offset, timestamp)) {
            next = toRecord(row, offset, timestamp);
            returned++;
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
        rows = columnIO.getRecordReader(pages, new GroupRecordConverter(requested));
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

    private LoggedRecord toRecord(Group row, long offset, long timestamp) {
        byte[] key = row.getFieldRepetitionCount(KEY) > 0 ? row.getBinary(KEY, 0).getBytes() : null;
        Group headerMap = row.getGroup(HEADERS, 0);
        int headerCount = headerMap.getFieldRepetitionCount(0);
        List<Header> headers = new ArrayList<>(headerCount);
        for (int i = 0; i < headerCount; i++) {
            Group entry = headerMap.getGroup(0, i);
            byte[] value =
                    entry.getFieldRepetitionCount(1) > 0 ? entry.getBinary(1, 0).getBytes() : null;
            headers.add(new Header(entry.getBinary(0, 0).toStringUsingUTF8(), value));
        }
        byte[] value;
        if (valueColumns == null) {
            value = row.getBinary(VALUE, 0).getBytes();
        } else {
            try {
                value = valueColumns.encode(row);
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
        return new LoggedRecord(offset, new WalRecord(timestamp, key, value, headers));
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
