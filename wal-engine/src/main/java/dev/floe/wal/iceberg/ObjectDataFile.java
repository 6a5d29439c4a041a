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
package dev.floe.wal.iceberg;

import dev.floe.wal.object.ObjectStore;
import dev.floe.wal.tier.ObjectRangeSource;
import dev.floe.wal.tier.parquet.ParquetObjectFooter;
import dev.floe.wal.tier.parquet.RowGroupInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Metrics;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Type;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;

/**
 * A Floe Parquet object as an Iceberg data file: path, size, row count, row group offsets and
 * column metrics (sizes, value and null counts, and lower and upper bounds of the top-level columns
 * of types engines prune on), all from the object's footer; plus where each partition's rows are in
 * it, for position deletes. Immutable.
 *
 * @param key the object's key
 * @param dataFile the Iceberg data file
 * @param rows each partition's rows, as row positions {@code [from, to)} in the object
 * @param startOffsets each partition's first offset in the object
 */
record ObjectDataFile(
        String key, DataFile dataFile, Map<Integer, long[]> rows, Map<Integer, Long> startOffsets) {

    /** Longest string bound kept in the metrics; longer strings get no bounds. */
    private static final int MAX_STRING_BOUND = 16;

    /** Reads the footer of the object under {@code key} of {@code size} bytes. */
    static ObjectDataFile read(ObjectStore store, ObjectStoreFileIO io, String key, long size)
            throws IOException {
        ParquetObjectFooter footer =
                ParquetObjectFooter.read(
                        ObjectRangeSource.whole(store, key, size), key, 64 * 1024, false);
        List<BlockMetaData> blocks = footer.metadata().getBlocks();
        long[] blockStarts = new long[blocks.size() + 1];
        List<Long> splitOffsets = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            blockStarts[i + 1] = blockStarts[i] + blocks.get(i).getRowCount();
            splitOffsets.add(blocks.get(i).getStartingPos());
        }
        Map<Integer, long[]> rows = new TreeMap<>();
        Map<Integer, Long> startOffsets = new TreeMap<>();
        for (int p : footer.partitions()) {
            startOffsets.put(p, footer.startOffset(p));
            List<RowGroupInfo> groups = footer.rowGroups(p);
            long from = blockStarts[groups.get(0).index()];
            long to = blockStarts[groups.get(groups.size() - 1).index() + 1];
            rows.put(p, new long[] {from, to});
        }
        long rowCount = blockStarts[blocks.size()];
        DataFile file =
                DataFiles.builder(PartitionSpec.unpartitioned())
                        .withPath(io.location(key))
                        .withFormat(FileFormat.PARQUET)
                        .withFileSizeInBytes(size)
                        .withRecordCount(rowCount)
                        .withSplitOffsets(splitOffsets.stream().sorted().toList())
                        .withMetrics(
                                metrics(
                                        blocks,
                                        footer.schema().messageType(),
                                        footer.schema().icebergSchema(),
                                        rowCount))
                        .build();
        return new ObjectDataFile(key, file, rows, startOffsets);
    }

    /** The partitions whose rows the object holds. */
    java.util.Set<Integer> partitions() {
        return rows.keySet();
    }

    private static Metrics metrics(
            List<BlockMetaData> blocks,
            MessageType schema,
            org.apache.iceberg.Schema iceberg,
            long rowCount) {
        Map<Integer, Long> sizes = new HashMap<>();
        Map<Integer, Long> values = new HashMap<>();
        Map<Integer, Long> nulls = new HashMap<>();
        Map<Integer, Bounds> bounds = new HashMap<>();
        java.util.Set<Integer> unknownNulls = new java.util.HashSet<>();
        for (BlockMetaData block : blocks) {
            for (ColumnChunkMetaData chunk : block.getColumns()) {
                String[] path = chunk.getPath().toArray();
                org.apache.parquet.schema.Type leaf = schema.getType(path);
                if (leaf.getId() == null) {
                    continue;
                }
                int id = leaf.getId().intValue();
                sizes.merge(id, chunk.getTotalSize(), Long::sum);
                values.merge(id, chunk.getValueCount(), Long::sum);
                Statistics<?> stats = chunk.getStatistics();
                if (stats == null || !stats.isNumNullsSet()) {
                    unknownNulls.add(id);
                } else {
                    nulls.merge(id, stats.getNumNulls(), Long::sum);
                }
                if (path.length == 1) {
                    Type type = iceberg.findType(id);
                    Bounds b = bounds.computeIfAbsent(id, k -> new Bounds());
                    b.add(type, leaf.asPrimitiveType().getLogicalTypeAnnotation(), stats);
                }
            }
        }
        unknownNulls.forEach(nulls::remove);
        Map<Integer, ByteBuffer> lower = new HashMap<>();
        Map<Integer, ByteBuffer> upper = new HashMap<>();
        bounds.forEach(
                (id, b) -> {
                    if (b.usable && b.min != null) {
                        Type type = iceberg.findType(id);
                        lower.put(id, Conversions.toByteBuffer(type, b.min));
                        upper.put(id, Conversions.toByteBuffer(type, b.max));
                    }
                });
        return new Metrics(rowCount, sizes, values, nulls, null, lower, upper);
    }

    /** The smallest and largest value of one column over the row groups. Not thread-safe. */
    private static final class Bounds {
        private boolean usable = true;
        private Comparable<Object> min;
        private Comparable<Object> max;

        void add(Type type, LogicalTypeAnnotation annotation, Statistics<?> stats) {
            if (!usable) {
                return;
            }
            if (stats == null || stats.isEmpty()) {
                usable = false;
                return;
            }
            if (!stats.hasNonNullValue()) {
                return;
            }
            Object low = convert(type, annotation, stats.genericGetMin());
            Object high = convert(type, annotation, stats.genericGetMax());
            if (low == null || high == null) {
                usable = false;
                return;
            }
            @SuppressWarnings("unchecked")
            Comparable<Object> l = (Comparable<Object>) low;
            @SuppressWarnings("unchecked")
            Comparable<Object> h = (Comparable<Object>) high;
            if (min == null || l.compareTo(min) < 0) {
                min = l;
            }
            if (max == null || h.compareTo(max) > 0) {
                max = h;
            }
        }

        /** The Iceberg value of a Parquet statistic, or null where Floe keeps no bound. */
        private static Object convert(
                Type type, LogicalTypeAnnotation annotation, Object parquetValue) {
            return switch (type.typeId()) {
                case INTEGER, DATE, LONG, BOOLEAN -> parquetValue;
                case TIMESTAMP ->
                        annotation
                                        instanceof
                                        LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts
                                ? switch (ts.getUnit()) {
                                    case MILLIS -> (Long) parquetValue * 1000;
                                    case MICROS -> parquetValue;
                                    case NANOS -> null;
                                }
                                : null;
                case STRING -> {
                    String s =
                            new String(
                                    ((org.apache.parquet.io.api.Binary) parquetValue).getBytes(),
                                    StandardCharsets.UTF_8);
                    yield s.length() <= MAX_STRING_BOUND ? s : null;
                }
                default -> null;
            };
        }
    }
}
