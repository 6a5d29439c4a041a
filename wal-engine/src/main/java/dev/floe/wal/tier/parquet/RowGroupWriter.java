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

import dev.floe.wal.record.LoggedRecord;
import java.io.IOException;
import java.util.Map;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.MessageType;

/**
 * Writes one Parquet file of rows: {@link RowColumns} fills the column writers of the current row
 * group, which is written to the file, compressed page by page, whenever its buffered column chunks
 * reach the row-group size; {@link #finish} writes the last row group and the footer. Holds the
 * buffered row group in memory. Not thread-safe.
 */
final class RowGroupWriter implements AutoCloseable {

    private final ParquetFileWriter file;
    private final MessageType schema;
    private ParquetProperties properties;
    private final BytesInputCompressor compressor;
    private final long rowGroupBytes;
    private final RowColumns rows;

    private ColumnChunkPageWriteStore pages;
    private DictionaryWatch dictionaries;
    private ColumnWriteStore columns;
    private long rowsInGroup;
    private long rowsAtNextSizeCheck;
    private int rowGroups;

    /** Starts the file: Parquet's leading magic bytes are written to {@code output} at once. */
    RowGroupWriter(
            OutputFile output,
            MessageType schema,
            ParquetProperties properties,
            BytesInputCompressor compressor,
            long rowGroupBytes,
            RowColumns rows)
            throws IOException {
        this.file =
                new ParquetFileWriter(
                        output,
                        schema,
                        ParquetFileWriter.Mode.CREATE,
                        rowGroupBytes,
                        0,
                        null,
                        properties);
        this.schema = schema;
        this.properties = properties;
        this.compressor = compressor;
        this.rowGroupBytes = rowGroupBytes;
        this.rows = rows;
        file.start();
        startRowGroup();
    }

    /** Appends a row; writes the row group out when it is full. */
    void write(LoggedRecord record) throws IOException {
        rows.write(record);
        rowsInGroup++;
        if (rowsInGroup >= rowsAtNextSizeCheck) {
            checkSize();
        }
    }

    /**
     * Bytes written to the file so far plus the buffered row group's size; costly (it asks every
     * column), so not for every row.
     */
    long dataSize() throws IOException {
        return file.getPos() + columns.getBufferedSize();
    }

    /** Writes the buffered rows out as a row group of their own, if there are any. */
    void endRowGroup() throws IOException {
        if (rowsInGroup > 0) {
            writeRowGroup();
            startRowGroup();
        }
    }

    /** Row groups written to the file so far. */
    int rowGroups() {
        return rowGroups;
    }

    /** Writes the last row group and the footer with {@code metadata}. */
    ParquetMetadata finish(Map<String, String> metadata) throws IOException {
        writeRowGroup();
        file.end(metadata);
        return file.getFooter();
    }

    /** Releases the buffered row group; unless {@link #finish} succeeded, writes nothing more. */
    @Override
    public void close() throws IOException {
        releaseRowGroup();
        file.abort();
        file.close();
    }

    /**
     * Writes the row group out once its buffered size comes within two rows of the limit; checks
     * again halfway to where the limit is expected, as parquet-hadoop's writer does, since the
     * buffered size is costly to compute.
     */
    private void checkSize() throws IOException {
        long buffered = columns.getBufferedSize();
        long rowBytes = Math.max(1, buffered / rowsInGroup);
        if (buffered > rowGroupBytes - 2 * rowBytes) {
            writeRowGroup();
            startRowGroup();
        } else {
            long expectedRows = rowGroupBytes / rowBytes;
            rowsAtNextSizeCheck =
                    Math.min(
                            Math.max(
                                    properties.getMinRowCountForPageSizeCheck(),
                                    (rowsInGroup + expectedRows) / 2),
                            rowsInGroup + properties.getMaxRowCountForPageSizeCheck());
        }
    }

    private void startRowGroup() {
        pages =
                ColumnChunkPageWriteStore.builder()
                        .withCompressorProvider(column -> compressor)
                        .withSchema(schema)
                        .withAllocator(properties.getAllocator())
                        .withColumnIndexTruncateLength(properties.getColumnIndexTruncateLength())
                        .withPageWriteChecksumEnabled(properties.getPageWriteChecksumEnabled())
                        .withRowGroupOrdinal(rowGroups)
                        .build();
        dictionaries = new DictionaryWatch(pages);
        columns = properties.newColumnWriteStore(schema, dictionaries, pages);
        rows.bind(columns);
        rowsInGroup = 0;
        rowsAtNextSizeCheck = properties.getMinRowCountForPageSizeCheck();
    }

    private void writeRowGroup() throws IOException {
        try {
            rows.flush();
            if (rowsInGroup > 0) {
                file.startBlock(rowsInGroup);
                columns.flush();
                pages.flushToFileWriter(file);
                dropFallenBackDictionaries();
                file.endBlock();
                rowGroups++;
            }
        } finally {
            releaseRowGroup();
        }
    }

    private void dropFallenBackDictionaries() {
        ParquetProperties.Builder next = null;
        for (ColumnDescriptor column : schema.getColumns()) {
            if (properties.isDictionaryEnabled(column) && dictionaries.wrotePlain(column)) {
                next = next != null ? next : ParquetProperties.copy(properties);
                next.withDictionaryEncoding(String.join(".", column.getPath()), false);
            }
        }
        if (next != null) {
            properties = next.build();
        }
    }

    private void releaseRowGroup() {
        if (columns != null) {
            columns.close();
            pages.close();
            columns = null;
            pages = null;
            dictionaries = null;
        }
    }
}
