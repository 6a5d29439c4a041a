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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.statistics.IntStatistics;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.schema.MessageType;

/**
 * The system columns of one row group (and {@code _value} of a bytes-valued stream), read column by
 * column without assembling rows: each row's offset, timestamp and partition are read by {@link
 * #readRow}, then its key, headers and value are either read or skipped. Columns whose statistics
 * show one value for the whole row group (one partition, no keys, no headers) are not decoded at
 * all. Not thread-safe.
 */
final class SystemColumns {

    private final RequiredColumn offset;
    private final RequiredColumn timestamp;
    private final ColumnReader key;
    private final ColumnReader partition;
    private final ColumnReader headerKey;
    private final ColumnReader headerValue;
    private final RequiredColumn value;
    private final int keyPresent;
    private final int headersPresent;
    private final int headerValuePresent;

    private long rowOffset;
    private long rowTimestamp;
    private int rowPartition;

    /**
     * Binds the columns of {@code schema} (system columns, then optionally {@code _value}) in row
     * group {@code block}, whose pages are {@code pages}.
     */
    SystemColumns(PageReadStore pages, BlockMetaData block, MessageType schema, String createdBy) {
        ColumnReadStoreImpl store =
                new ColumnReadStoreImpl(pages, new IgnoringConverter(schema), schema, createdBy);
        ColumnDescriptor keyColumn = column(schema, ParquetObjectSchema.KEY);
        ColumnDescriptor partitionColumn = column(schema, ParquetObjectSchema.PARTITION);
        ColumnDescriptor headerKeyColumn = leaf(schema, ParquetObjectSchema.HEADERS, 0);
        ColumnDescriptor headerValueColumn = leaf(schema, ParquetObjectSchema.HEADERS, 1);
        long rows = block.getRowCount();
        this.offset = required(pages, column(schema, ParquetObjectSchema.OFFSET));
        this.timestamp = required(pages, column(schema, ParquetObjectSchema.TIMESTAMP));
        this.key = allNull(block, keyColumn, rows) ? null : store.getColumnReader(keyColumn);
        Integer onePartition = onlyValue(block, partitionColumn);
        this.partition = onePartition != null ? null : store.getColumnReader(partitionColumn);
        this.rowPartition = onePartition == null ? -1 : onePartition;
        boolean noHeaders = allNull(block, headerKeyColumn, rows);
        this.headerKey = noHeaders ? null : store.getColumnReader(headerKeyColumn);
        this.headerValue = noHeaders ? null : store.getColumnReader(headerValueColumn);
        this.value =
                schema.containsField(ParquetObjectSchema.VALUE)
                        ? required(pages, column(schema, ParquetObjectSchema.VALUE))
                        : null;
        this.keyPresent = keyColumn.getMaxDefinitionLevel();
        this.headersPresent = headerKeyColumn.getMaxDefinitionLevel();
        this.headerValuePresent = headerValueColumn.getMaxDefinitionLevel();
    }

    /** Reads the next row's offset, timestamp and partition; then read or skip the rest. */
    void readRow() {
        rowOffset = offset.nextLong();
        rowTimestamp = timestamp.nextLong();
        if (partition != null) {
            rowPartition = partition.getInteger();
            partition.consume();
        }
    }

    long offset() {
        return rowOffset;
    }

    long timestamp() {
        return rowTimestamp;
    }

    int partition() {
        return rowPartition;
    }

    /** The current row's key, or null; consumes it. */
    byte[] readKey() {
        if (key == null) {
            return null;
        }
        byte[] bytes =
                key.getCurrentDefinitionLevel() == keyPresent ? key.getBinary().getBytes() : null;
        key.consume();
        return bytes;
    }

    /** The current row's headers, in record order; consumes them. */
    List<Header> readHeaders() {
        if (headerKey == null) {
            return List.of();
        }
        if (headerKey.getCurrentDefinitionLevel() < headersPresent) {
            headerKey.consume();
            headerValue.consume();
            return List.of();
        }
        List<Header> headers = new ArrayList<>(2);
        do {
            String name = headerKey.getBinary().toStringUsingUTF8();
            byte[] bytes =
                    headerValue.getCurrentDefinitionLevel() == headerValuePresent
                            ? headerValue.getBinary().getBytes()
                            : null;
            headers.add(new Header(name, bytes));
            headerKey.consume();
            headerValue.consume();
        } while (headerKey.getCurrentRepetitionLevel() > 0);
        return headers;
    }

    /** The current row's {@code _value} bytes; consumes them. Only for bytes-valued streams. */
    byte[] readValue() {
        return value.nextBytes();
    }

    /** Passes over the current row's key, headers and {@code _value} without decoding them. */
    void skipRest() {
        if (key != null) {
            skip(key);
        }
        if (headerKey != null) {
            do {
                skip(headerKey);
                skip(headerValue);
            } while (headerKey.getCurrentRepetitionLevel() > 0);
        }
        if (value != null) {
            value.skip();
        }
    }

    /** Passes over the current value of {@code column}, present or null. */
    static void skip(ColumnReader column) {
        if (column.getCurrentDefinitionLevel() == column.getDescriptor().getMaxDefinitionLevel()) {
            column.skip();
        }
        column.consume();
    }

    private static RequiredColumn required(PageReadStore pages, ColumnDescriptor column) {
        return new RequiredColumn(column, pages.getPageReader(column));
    }

    private static ColumnDescriptor column(MessageType schema, String name) {
        return schema.getColumnDescription(new String[] {name});
    }

    /** Whether every one of the {@code rows} values of {@code column} is null (or an empty map). */
    private static boolean allNull(BlockMetaData block, ColumnDescriptor column, long rows) {
        ColumnChunkMetaData chunk = chunk(block, column);
        if (chunk == null || chunk.getValueCount() != rows) {
            return false;
        }
        Statistics<?> stats = chunk.getStatistics();
        return stats != null && stats.isNumNullsSet() && stats.getNumNulls() == rows;
    }

    /** The only value an int column holds in the row group, by its statistics; null if unsure. */
    private static Integer onlyValue(BlockMetaData block, ColumnDescriptor column) {
        ColumnChunkMetaData chunk = chunk(block, column);
        if (chunk != null
                && chunk.getStatistics() instanceof IntStatistics ints
                && ints.hasNonNullValue()
                && ints.isNumNullsSet()
                && ints.getNumNulls() == 0
                && ints.getMin() == ints.getMax()) {
            return ints.getMin();
        }
        return null;
    }

    private static ColumnChunkMetaData chunk(BlockMetaData block, ColumnDescriptor column) {
        for (ColumnChunkMetaData chunk : block.getColumns()) {
            if (Arrays.equals(chunk.getPath().toArray(), column.getPath())) {
                return chunk;
            }
        }
        return null;
    }

    /** Leaf {@code index} of a column group (for the header map: 0 the key, 1 the value). */
    private static ColumnDescriptor leaf(MessageType schema, String group, int index) {
        List<ColumnDescriptor> leaves = new ArrayList<>();
        for (ColumnDescriptor c : schema.getColumns()) {
            if (c.getPath()[0].equals(group)) {
                leaves.add(c);
            }
        }
        return leaves.get(index);
    }
}
