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
import dev.floe.wal.manifest.SchemaVersion;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.statistics.IntStatistics;
import org.apache.parquet.column.statistics.LongStatistics;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.SeekableInputStream;
import org.apache.parquet.schema.MessageType;

/**
 * The checked footer of a Floe Parquet object: its schema and its row groups, each holding dense
 * offsets of one partition, grouped by partition. {@link #partition} opens one partition's records.
 * Immutable and thread-safe.
 */
public final class ParquetObjectFooter {

    private final String objectName;
    private final RangeInputFile file;
    private final ParquetReadOptions options;
    private final ParquetMetadata footer;
    private final ParquetObjectSchema schema;
    private final Map<Integer, List<RowGroupInfo>> partitions;

    private ParquetObjectFooter(
            String objectName,
            RangeInputFile file,
            ParquetReadOptions options,
            ParquetMetadata footer,
            ParquetObjectSchema schema,
            Map<Integer, List<RowGroupInfo>> partitions) {
        this.objectName = objectName;
        this.file = file;
        this.options = options;
        this.footer = footer;
        this.schema = schema;
        this.partitions = partitions;
    }

    /**
     * Reads and checks an object's footer.
     *
     * @param source the object's bytes
     * @param objectName the object's name (its key), for messages
     * @param readAheadBytes bytes fetched by each small read; larger reads go to the source as is
     * @param verifyChecksums whether reads check every page against its CRC
     * @throws ParquetObjectException if the object is not a Floe Parquet object or its footer
     *     contradicts itself
     */
    public static ParquetObjectFooter read(
            RangeSource source, String objectName, int readAheadBytes, boolean verifyChecksums)
            throws IOException {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(objectName, "objectName");
        if (readAheadBytes < 1) {
            throw new IllegalArgumentException(
                    "readAheadBytes must be positive, got " + readAheadBytes);
        }
        RangeInputFile file = new RangeInputFile(source, objectName, readAheadBytes);
        ParquetReadOptions options =
                HadoopReadOptions.builder(new Configuration(false))
                        .usePageChecksumVerification(verifyChecksums)
                        .build();
        ParquetMetadata footer;
        try (SeekableInputStream in = file.newStream()) {
            footer = ParquetFileReader.readFooter(file, options, in);
        } catch (RuntimeException e) {
            throw new ParquetObjectException(
                    "object " + objectName + " has no readable Parquet footer: " + e.getMessage(),
                    e);
        }
        Map<String, String> metadata = footer.getFileMetaData().getKeyValueMetaData();
        if (!FooterKeys.VERSION_1.equals(metadata.get(FooterKeys.FORMAT_VERSION))) {
            throw new ParquetObjectException(
                    "object "
                            + objectName
                            + " is not a Floe Parquet object of a known version ("
                            + FooterKeys.FORMAT_VERSION
                            + " = "
                            + metadata.get(FooterKeys.FORMAT_VERSION)
                            + ", this reader knows "
                            + FooterKeys.VERSION_1
                            + ")");
        }
        ParquetObjectSchema schema =
                ParquetObjectSchema.forValueSchema(metadata.get(FooterKeys.VALUE_SCHEMA))
                        .withSchemaVersion(schemaVersion(objectName, metadata));
        MessageType fileSchema = footer.getFileMetaData().getSchema();
        if (!schema.matches(fileSchema)) {
            throw new ParquetObjectException(
                    "object "
                            + objectName
                            + ": its Parquet schema does not match the value schema in its footer;"
                            + " expected\n"
                            + schema.messageType()
                            + "found\n"
                            + fileSchema);
        }
        schema = schema.withIdsOf(fileSchema);
        List<Integer> declared = declaredPartitions(objectName, metadata);
        Map<Integer, List<RowGroupInfo>> partitions =
                describe(objectName, footer.getBlocks(), declared);
        return new ParquetObjectFooter(objectName, file, options, footer, schema, partitions);
    }

    /** The partitions whose records the object holds, in the order of their row groups. */
    public List<Integer> partitions() {
        return List.copyOf(partitions.keySet());
    }

    /** The first offset of {@code partition}'s records in the object. */
    public long startOffset(int partition) {
        return rowGroups(partition).get(0).startOffset();
    }

    /**
     * Opens the records of {@code partition}.
     *
     * @throws ParquetObjectException if the object holds none
     */
    public ParquetObjectReader partition(int partition) {
        return new ParquetObjectReader(
                objectName, file, options, footer, schema, partition, rowGroups(partition));
    }

    /** The object's Parquet footer as read. */
    public ParquetMetadata metadata() {
        return footer;
    }

    /** The stream schema the object was written with. */
    public ParquetObjectSchema schema() {
        return schema;
    }

    /**
     * The row groups holding {@code partition}'s records, in order.
     *
     * @throws ParquetObjectException if the object holds none
     */
    public List<RowGroupInfo> rowGroups(int partition) {
        List<RowGroupInfo> rowGroups = partitions.get(partition);
        if (rowGroups == null) {
            throw new ParquetObjectException(
                    "object "
                            + objectName
                            + " holds no records of partition "
                            + partition
                            + " (it holds partitions "
                            + partitions.keySet()
                            + "); the manifest and the object disagree");
        }
        return rowGroups;
    }

    private static int schemaVersion(String objectName, Map<String, String> metadata) {
        String value = metadata.get(FooterKeys.SCHEMA_VERSION);
        if (value == null) {
            return SchemaVersion.INITIAL;
        }
        try {
            int version = Integer.parseInt(value);
            if (version >= SchemaVersion.INITIAL) {
                return version;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ParquetObjectException(
                "object "
                        + objectName
                        + ": footer key "
                        + FooterKeys.SCHEMA_VERSION
                        + " is '"
                        + value
                        + "', not a schema version; the object is damaged");
    }

    private static List<Integer> declaredPartitions(
            String objectName, Map<String, String> metadata) {
        String one = metadata.get(FooterKeys.PARTITION);
        String several = metadata.get(FooterKeys.PARTITIONS);
        String key = one != null ? FooterKeys.PARTITION : FooterKeys.PARTITIONS;
        String value = one != null ? one : several;
        try {
            List<Integer> partitions =
                    Arrays.stream(value.split(",", -1)).map(Integer::valueOf).toList();
            if (one != null && partitions.size() != 1) {
                throw new NumberFormatException("more than one partition");
            }
            return partitions;
        } catch (NumberFormatException | NullPointerException e) {
            throw new ParquetObjectException(
                    "object "
                            + objectName
                            + ": footer key "
                            + key
                            + " is '"
                            + value
                            + "', not "
                            + (one != null ? "a partition number" : "a list of partition numbers")
                            + "; the object is damaged",
                    e);
        }
    }

    private static Map<Integer, List<RowGroupInfo>> describe(
            String objectName, List<BlockMetaData> blocks, List<Integer> declared) {
        if (blocks.isEmpty()) {
            throw new ParquetObjectException("object " + objectName + " has no rows");
        }
        Map<Integer, List<RowGroupInfo>> partitions = new LinkedHashMap<>();
        int last = -1;
        for (int i = 0; i < blocks.size(); i++) {
            BlockMetaData block = blocks.get(i);
            int partition = partitionOf(objectName, i, block);
            List<RowGroupInfo> earlier = partitions.get(partition);
            if (!declared.contains(partition) || (earlier != null && partition != last)) {
                throw new ParquetObjectException(
                        "object "
                                + objectName
                                + ": row group "
                                + i
                                + " holds partition "
                                + partition
                                + ", but the footer lists partitions "
                                + declared
                                + " each in consecutive row groups; the object is damaged or was"
                                + " not written by Floe");
            }
            LongStatistics offsets =
                    longStatistics(objectName, i, block, ParquetObjectSchema.OFFSET);
            LongStatistics timestamps =
                    longStatistics(objectName, i, block, ParquetObjectSchema.TIMESTAMP);
            RowGroupInfo rg =
                    new RowGroupInfo(
                            i,
                            partition,
                            block.getRowCount(),
                            offsets.getMin(),
                            offsets.getMax() + 1,
                            timestamps.getMin(),
                            timestamps.getMax(),
                            block.getStartingPos(),
                            block.getCompressedSize());
            long expectedStart =
                    earlier == null
                            ? rg.startOffset()
                            : earlier.get(earlier.size() - 1).endOffset();
            if (rg.endOffset() - rg.startOffset() != rg.rowCount()
                    || rg.startOffset() != expectedStart) {
                throw new ParquetObjectException(
                        "object "
                                + objectName
                                + ": row group "
                                + i
                                + " holds "
                                + rg.rowCount()
                                + " rows of partition "
                                + partition
                                + " with offsets "
                                + rg.startOffset()
                                + ".."
                                + offsets.getMax()
                                + ", expected dense offsets from "
                                + expectedStart
                                + "; the object is damaged or was not written by Floe");
            }
            partitions.computeIfAbsent(partition, p -> new ArrayList<>()).add(rg);
            last = partition;
        }
        Map<Integer, List<RowGroupInfo>> frozen = new LinkedHashMap<>();
        partitions.forEach((p, rowGroups) -> frozen.put(p, List.copyOf(rowGroups)));
        return frozen;
    }

    private static int partitionOf(String objectName, int index, BlockMetaData block) {
        Statistics<?> stats = statistics(block, ParquetObjectSchema.PARTITION);
        if (stats instanceof IntStatistics ints
                && ints.hasNonNullValue()
                && ints.getMin() == ints.getMax()) {
            return ints.getMin();
        }
        throw new ParquetObjectException(
                "object "
                        + objectName
                        + ": row group "
                        + index
                        + " has no single "
                        + ParquetObjectSchema.PARTITION
                        + " in its statistics; it was not written by Floe's writer");
    }

    private static LongStatistics longStatistics(
            String objectName, int index, BlockMetaData block, String column) {
        if (statistics(block, column) instanceof LongStatistics longs && longs.hasNonNullValue()) {
            return longs;
        }
        throw new ParquetObjectException(
                "object "
                        + objectName
                        + ": row group "
                        + index
                        + " has no min/max statistics for "
                        + column
                        + "; it was not written by Floe's writer");
    }

    private static Statistics<?> statistics(BlockMetaData block, String column) {
        for (ColumnChunkMetaData chunk : block.getColumns()) {
            if (chunk.getPath().toDotString().equals(column)) {
                return chunk.getStatistics();
            }
        }
        return null;
    }
}
