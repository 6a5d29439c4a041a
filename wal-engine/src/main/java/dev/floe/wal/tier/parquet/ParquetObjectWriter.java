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
import java.io.OutputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one partition's records, with dense increasing offsets, as one Parquet object of a {@link
 * ParquetObjectSchema}, streaming to an {@link OutputStream} (such as an object store's upload);
 * or, {@link #openShared shared}, several partitions' records one partition after the other, each
 * partition in row groups of its own so that a reader of one partition reads only those. Memory is
 * bounded by Parquet's row-group buffer ({@link ParquetObjectOptions#rowGroupBytes()}) and a small
 * write buffer. Not thread-safe: one writer thread.
 *
 * <p>Call {@link #write} for each record, then {@link #finish()}, which writes the footer and
 * flushes the sink; the sink is never closed, its owner completes it. {@link #close()} without
 * {@code finish()} abandons the object and sends nothing more to the sink. After a failed {@code
 * write}, only {@code close()} is allowed.
 */
public final class ParquetObjectWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ParquetObjectWriter.class);

    private enum State {
        OPEN,
        FAILED,
        FINISHED,
        CLOSED
    }

    private final String objectName;
    private final boolean shared;
    private final ParquetObjectSchema schema;
    private final SinkOutputFile file;
    private final BytesInputCompressor compressor;
    private final RowGroupWriter rows;
    private final RowColumns columns;
    private final Map<Integer, PartitionRows> written = new LinkedHashMap<>();
    private State state = State.OPEN;
    private PartitionRows current;

    private ParquetObjectWriter(
            String objectName,
            boolean shared,
            ParquetObjectSchema schema,
            SinkOutputFile file,
            BytesInputCompressor compressor,
            RowGroupWriter rows,
            RowColumns columns) {
        this.objectName = objectName;
        this.shared = shared;
        this.schema = schema;
        this.file = file;
        this.compressor = compressor;
        this.rows = rows;
        this.columns = columns;
    }

    /** The rows written for one partition. */
    private static final class PartitionRows {
        final int partition;
        final int firstRowGroup;
        long count;
        long startOffset;
        long lastOffset;
        long minTimestamp = Long.MAX_VALUE;
        long maxTimestamp = Long.MIN_VALUE;

        PartitionRows(int partition, int firstRowGroup) {
            this.partition = partition;
            this.firstRowGroup = firstRowGroup;
        }

        ParquetObjectSummary summary(long sizeBytes, int rowGroups) {
            return new ParquetObjectSummary(
                    count,
                    startOffset,
                    lastOffset + 1,
                    minTimestamp,
                    maxTimestamp,
                    sizeBytes,
                    rowGroups);
        }
    }

    /**
     * Starts an object; Parquet's leading magic bytes are written to {@code sink} at once.
     *
     * @param sink where the object's bytes go; flushed by {@link #finish()}, never closed
     * @param objectName the object's name (its key), for messages
     * @param schema the stream's object schema
     * @param partition the partition whose records the object holds
     * @param options compression, row group and page sizes
     */
    public static ParquetObjectWriter open(
            OutputStream sink,
            String objectName,
            ParquetObjectSchema schema,
            int partition,
            ParquetObjectOptions options)
            throws IOException {
        if (partition < 0) {
            throw new IllegalArgumentException(
                    "object " + objectName + ": partition must be >= 0, got " + partition);
        }
        ParquetObjectWriter writer = open(sink, objectName, schema, options, false);
        writer.begin(partition);
        return writer;
    }

    /**
     * Starts an object that holds several partitions, each in row groups of its own: call {@link
     * #startPartition} before each partition's records. Parquet's leading magic bytes are written
     * to {@code sink} at once.
     *
     * @param sink where the object's bytes go; flushed by {@link #finishShared()}, never closed
     * @param objectName the object's name (its key), for messages
     * @param schema the stream's object schema
     * @param options compression, row group and page sizes
     */
    public static ParquetObjectWriter openShared(
            OutputStream sink,
            String objectName,
            ParquetObjectSchema schema,
            ParquetObjectOptions options)
            throws IOException {
        return open(sink, objectName, schema, options, true);
    }

    private static ParquetObjectWriter open(
            OutputStream sink,
            String objectName,
            ParquetObjectSchema schema,
            ParquetObjectOptions options,
            boolean shared)
            throws IOException {
        Objects.requireNonNull(objectName, "objectName");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(options, "options");
        SinkOutputFile file = new SinkOutputFile(sink, objectName, options.writeBufferBytes());
        BytesInputCompressor compressor = compressor(options);
        RowColumns columns = new RowColumns(schema, 0);
        RowGroupWriter rows;
        try {
            rows =
                    new RowGroupWriter(
                            file,
                            schema.messageType(),
                            properties(schema, options),
                            compressor,
                            options.rowGroupBytes(),
                            columns);
        } catch (IOException | RuntimeException e) {
            compressor.release();
            throw e;
        }
        return new ParquetObjectWriter(objectName, shared, schema, file, compressor, rows, columns);
    }

    /**
     * Ends the current partition's rows (writing out its last row group) and starts those of {@code
     * partition}, which must be greater than every partition written before.
     *
     * @throws IllegalStateException if the object was not opened {@link #openShared shared}
     */
    public void startPartition(int partition) throws IOException {
        checkState("start a partition in");
        if (!shared) {
            throw new IllegalStateException(
                    "object " + objectName + " holds one partition; open it shared for several");
        }
        if (partition < 0 || (current != null && partition <= current.partition)) {
            throw new IllegalArgumentException(
                    "object "
                            + objectName
                            + ": partitions must be >= 0 and increasing, got "
                            + partition
                            + (current == null ? "" : " after " + current.partition));
        }
        if (current != null && current.count == 0) {
            written.remove(current.partition);
        }
        try {
            rows.endRowGroup();
        } catch (IOException | RuntimeException e) {
            state = State.FAILED;
            throw e;
        }
        begin(partition);
    }

    private void begin(int partition) {
        columns.partition(partition);
        current = new PartitionRows(partition, rows.rowGroups());
        written.put(partition, current);
    }

    /**
     * Appends a record.
     *
     * @throws IllegalArgumentException if its offset is not the one after the previous record's;
     *     the writer stays usable
     * @throws ParquetObjectException if a typed record's value is not Avro binary of the stream's
     *     schema; the writer is then failed
     * @throws IOException if the sink fails; the writer is then failed
     */
    public void write(LoggedRecord record) throws IOException {
        checkState("write to");
        if (current == null) {
            throw new IllegalStateException(
                    "object " + objectName + ": start a partition before writing records");
        }
        long offset = record.offset();
        PartitionRows p = current;
        if (p.count > 0 && offset != p.lastOffset + 1) {
            throw new IllegalArgumentException(
                    "object "
                            + objectName
                            + ": offsets must be dense and increasing, but offset "
                            + offset
                            + " follows offset "
                            + p.lastOffset
                            + " (expected "
                            + (p.lastOffset + 1)
                            + ")");
        }
        if (offset < 0) {
            throw new IllegalArgumentException(
                    "object " + objectName + ": offsets start at 0, got " + offset);
        }
        try {
            rows.write(record);
        } catch (RowColumns.InvalidValueException e) {
            state = State.FAILED;
            throw new ParquetObjectException(
                    "object "
                            + objectName
                            + ", partition "
                            + p.partition
                            + ": the value at offset "
                            + offset
                            + " is not Avro binary of the stream's schema "
                            + schema.valueSchema().getFullName()
                            + " ("
                            + e.getMessage()
                            + "); check what the stream's producers write",
                    e.getCause());
        } catch (IOException | RuntimeException e) {
            state = State.FAILED;
            throw e;
        }
        if (p.count == 0) {
            p.startOffset = offset;
        }
        p.count++;
        p.lastOffset = offset;
        p.minTimestamp = Math.min(p.minTimestamp, record.timestamp());
        p.maxTimestamp = Math.max(p.maxTimestamp, record.timestamp());
    }

    /**
     * Bytes written to the sink so far plus the row group still buffered in memory; asks every
     * column, so call it now and then rather than for every record.
     */
    public long dataSize() throws IOException {
        return rows.dataSize();
    }

    /** Records written so far. */
    public long rowCount() {
        return written.values().stream().mapToLong(p -> p.count).sum();
    }

    /**
     * Writes the last row group and the footer, and flushes the sink.
     *
     * @throws IllegalStateException if no record was written: an object holds at least one
     */
    public ParquetObjectSummary finish() throws IOException {
        if (shared) {
            throw new IllegalStateException(
                    "object " + objectName + " is shared; finish it with finishShared()");
        }
        return finishAll().values().iterator().next();
    }

    /**
     * Writes the last row group and the footer of a shared object, and flushes the sink.
     *
     * @return what was written of each partition, in partition order; each summary's size is the
     *     whole object's
     * @throws IllegalStateException if no record was written: an object holds at least one
     */
    public Map<Integer, ParquetObjectSummary> finishShared() throws IOException {
        if (!shared) {
            throw new IllegalStateException(
                    "object " + objectName + " holds one partition; finish it with finish()");
        }
        return finishAll();
    }

    private Map<Integer, ParquetObjectSummary> finishAll() throws IOException {
        checkState("finish");
        if (current != null && current.count == 0) {
            written.remove(current.partition);
        }
        if (written.isEmpty()) {
            throw new IllegalStateException(
                    "object "
                            + objectName
                            + ": no records were written; an object holds at least one");
        }
        ParquetMetadata footer;
        try {
            footer = rows.finish(footer());
        } catch (IOException | RuntimeException e) {
            state = State.FAILED;
            throw e;
        }
        state = State.FINISHED;
        compressor.release();
        int rowGroups = footer.getBlocks().size();
        Map<Integer, ParquetObjectSummary> summaries = new LinkedHashMap<>();
        List<PartitionRows> partitions = List.copyOf(written.values());
        for (int i = 0; i < partitions.size(); i++) {
            PartitionRows p = partitions.get(i);
            int end = i + 1 < partitions.size() ? partitions.get(i + 1).firstRowGroup : rowGroups;
            summaries.put(p.partition, p.summary(file.position(), end - p.firstRowGroup));
        }
        LOG.debug("Wrote Parquet object {}: {}", objectName, summaries);
        return summaries;
    }

    /** Abandons the object unless {@link #finish()} succeeded; sends nothing more to the sink. */
    @Override
    public void close() {
        if (state == State.FINISHED || state == State.CLOSED) {
            state = State.CLOSED;
            return;
        }
        state = State.CLOSED;
        file.discard();
        try {
            rows.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("Releasing abandoned Parquet object {} failed", objectName, e);
        } finally {
            compressor.release();
        }
    }

    private void checkState(String action) {
        if (state != State.OPEN) {
            throw new IllegalStateException(
                    "cannot "
                            + action
                            + " object "
                            + objectName
                            + ": the writer is "
                            + state.name().toLowerCase(Locale.ROOT)
                            + (state == State.FAILED
                                    ? "; close it and write the object again"
                                    : ""));
        }
    }

    private Map<String, String> footer() {
        Map<String, String> footer = new HashMap<>();
        footer.put(ParquetWriter.OBJECT_MODEL_NAME_PROP, "floe");
        footer.put(FooterKeys.FORMAT_VERSION, FooterKeys.VERSION_1);
        String partitions =
                written.keySet().stream().map(String::valueOf).collect(Collectors.joining(","));
        footer.put(shared ? FooterKeys.PARTITIONS : FooterKeys.PARTITION, partitions);
        footer.put(FooterKeys.AVRO_SCHEMA, schema.rowAvroSchema().toString());
        if (schema.typed()) {
            footer.put(FooterKeys.VALUE_SCHEMA, schema.valueSchema().toString());
        }
        footer.put(FooterKeys.SCHEMA_VERSION, Integer.toString(schema.schemaVersion()));
        return footer;
    }

    /** Zstandard through one native context per object; the other codecs through Parquet's. */
    private static BytesInputCompressor compressor(ParquetObjectOptions options) {
        if (options.compression() == ParquetObjectOptions.Compression.ZSTD) {
            return new ZstdPageCompressor(options.zstdLevel());
        }
        return new CodecFactory(new Configuration(false), options.pageBytes())
                .getCompressor(options.compression().codec());
    }

    private static ParquetProperties properties(
            ParquetObjectSchema schema, ParquetObjectOptions options) {
        ParquetProperties.Builder properties =
                ParquetProperties.builder()
                        .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
                        .withPageSize(options.pageBytes())
                        .withDictionaryPageSize(options.pageBytes())
                        .withDictionaryEncoding(options.dictionary())
                        .withDictionaryEncoding(ParquetObjectSchema.OFFSET, false)
                        .withStatisticsEnabled(true);
        if (!schema.typed()) {
            properties
                    .withDictionaryEncoding(ParquetObjectSchema.VALUE, false)
                    .withStatisticsEnabled(ParquetObjectSchema.VALUE, false);
        }
        return properties.build();
    }
}
