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

import dev.floe.wal.format.RangeSource;
import dev.floe.wal.record.LoggedRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.SeekableInputStream;
import org.apache.parquet.schema.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one partition's records of a Floe Parquet object through a {@link RangeSource}: the footer
 * once, at {@link #open}, then only the partition's row groups whose {@code _offset} and {@code
 * _timestamp} statistics overlap a {@link ReadRequest}. A shared object holds several partitions,
 * each in row groups of its own. Records come back as {@link LoggedRecord}s with the value bytes as
 * they were written (Avro binary re-encoded from the columns for typed streams). Every row group
 * read is checked to hold exactly the dense offsets its statistics promise. Thread-safe: each
 * {@link #read} has its own stream; the reader itself holds only the footer.
 */
public final class ParquetObjectReader {

    /** Default size of each read's read-ahead window: 1 MiB. */
    public static final int DEFAULT_READ_AHEAD_BYTES = 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(ParquetObjectReader.class);

    private final String objectName;
    private final RangeInputFile file;
    private final ParquetReadOptions options;
    private final ParquetMetadata footer;
    private final ParquetObjectSchema schema;
    private final int partition;
    private final List<RowGroupInfo> rowGroups;

    ParquetObjectReader(
            String objectName,
            RangeInputFile file,
            ParquetReadOptions options,
            ParquetMetadata footer,
            ParquetObjectSchema schema,
            int partition,
            List<RowGroupInfo> rowGroups) {
        this.objectName = objectName;
        this.file = file;
        this.options = options;
        this.footer = footer;
        this.schema = schema;
        this.partition = partition;
        this.rowGroups = rowGroups;
    }

    /**
     * Opens the records of an object that holds one partition, with a read-ahead window of {@value
     * #DEFAULT_READ_AHEAD_BYTES} bytes.
     *
     * @throws ParquetObjectException if the object is not a Floe Parquet object, its footer
     *     contradicts itself, or it holds several partitions
     */
    public static ParquetObjectReader open(RangeSource source, String objectName)
            throws IOException {
        ParquetObjectFooter footer =
                ParquetObjectFooter.read(source, objectName, DEFAULT_READ_AHEAD_BYTES, false);
        List<Integer> partitions = footer.partitions();
        if (partitions.size() != 1) {
            throw new ParquetObjectException(
                    "object "
                            + objectName
                            + " holds partitions "
                            + partitions
                            + "; name the partition to read");
        }
        return footer.partition(partitions.get(0));
    }

    /**
     * Opens the records of {@code partition} in an object, with a read-ahead window of {@value
     * #DEFAULT_READ_AHEAD_BYTES} bytes.
     *
     * @throws ParquetObjectException if the object is not a Floe Parquet object, its footer
     *     contradicts itself, or it holds no records of {@code partition}
     */
    public static ParquetObjectReader open(RangeSource source, String objectName, int partition)
            throws IOException {
        return open(source, objectName, partition, DEFAULT_READ_AHEAD_BYTES);
    }

    /**
     * Opens the records of {@code partition} in an object.
     *
     * @param source the object's bytes
     * @param objectName the object's name (its key), for messages
     * @param partition the partition whose records to read
     * @param readAheadBytes bytes fetched by each small read; larger reads go to the source as is
     * @throws ParquetObjectException if the object is not a Floe Parquet object, its footer
     *     contradicts itself, or it holds no records of {@code partition}
     */
    public static ParquetObjectReader open(
            RangeSource source, String objectName, int partition, int readAheadBytes)
            throws IOException {
        return ParquetObjectFooter.read(source, objectName, readAheadBytes, false)
                .partition(partition);
    }

    /**
     * Opens the records of {@code partition} in an object whose reads also check every page against
     * its CRC (Floe writes one per page), for tools that verify objects; a mismatch fails the read
     * with a {@link ParquetObjectException} or an {@link IOException} naming the object.
     */
    public static ParquetObjectReader openVerifyingChecksums(
            RangeSource source, String objectName, int partition) throws IOException {
        return ParquetObjectFooter.read(source, objectName, DEFAULT_READ_AHEAD_BYTES, true)
                .partition(partition);
    }

    /** The partition whose records the object holds. */
    public int partition() {
        return partition;
    }

    /** The object's schema, rebuilt from its footer. */
    public ParquetObjectSchema schema() {
        return schema;
    }

    /** Every row group, in offset order. */
    public List<RowGroupInfo> rowGroups() {
        return rowGroups;
    }

    public long startOffset() {
        return rowGroups.get(0).startOffset();
    }

    public long endOffset() {
        return rowGroups.get(rowGroups.size() - 1).endOffset();
    }

    public long rowCount() {
        return endOffset() - startOffset();
    }

    /** The size of the object in bytes. */
    public long sizeBytes() {
        return file.getLength();
    }

    /** The row groups a request reads: those whose statistics overlap both of its ranges. */
    public List<RowGroupInfo> plan(ReadRequest request) {
        List<RowGroupInfo> planned = new ArrayList<>();
        for (RowGroupInfo rg : rowGroups) {
            if (rg.overlapsOffsets(request.fromOffset(), request.toOffset())
                    && rg.overlapsTimestamps(request.fromTimestamp(), request.toTimestamp())) {
                planned.add(rg);
            }
        }
        return planned;
    }

    /** The Avro schema of the values {@link #read} returns for {@code request}; null for bytes. */
    public Schema valueSchema(ReadRequest request) {
        return schema.projectedValueSchema(request.valueFields());
    }

    /**
     * Reads the records a request selects, in offset order. Close the iterator when done.
     *
     * @throws IllegalArgumentException if the request names value fields the stream lacks, or any
     *     for a bytes-valued stream
     */
    public ParquetRecordIterator read(ReadRequest request) throws IOException {
        Schema projectedValue = valueSchema(request);
        MessageType requested = schema.projectedMessageType(projectedValue);
        List<RowGroupInfo> planned = plan(request);
        LOG.debug(
                "Reading object {}: {} of {} row groups for {}",
                objectName,
                planned.size(),
                rowGroups.size(),
                request);
        SeekableInputStream stream = file.newStream();
        ParquetFileReader reader;
        try {
            reader = new ParquetFileReader(file, footer, options, stream);
        } catch (IOException | RuntimeException e) {
            stream.close();
            throw e;
        }
        try {
            reader.setRequestedSchema(requested);
            return new ParquetRecordIterator(
                    objectName,
                    partition,
                    reader,
                    footer.getFileMetaData(),
                    requested,
                    projectedValue,
                    planned,
                    request,
                    expectedCount(request));
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /** How many records an offset-only request must return; -1 when a timestamp range filters. */
    private long expectedCount(ReadRequest request) {
        if (request.filtersTimestamps()) {
            return -1;
        }
        long from = Math.max(request.fromOffset(), startOffset());
        long to = Math.min(request.toOffset(), endOffset());
        return Math.max(0, to - from);
    }
}
