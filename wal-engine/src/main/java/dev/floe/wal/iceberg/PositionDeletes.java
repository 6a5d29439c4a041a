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
import dev.floe.wal.tier.parquet.SinkOutputFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileMetadata;
import org.apache.iceberg.MetadataColumns;
import org.apache.iceberg.Metrics;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Types;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type.Repetition;

/**
 * Writes Iceberg position delete files, in Parquet, that hide rows of one data file: the rows of a
 * shared Parquet object that belong to partitions whose manifest does not reference the object
 * (their records are committed elsewhere, or not at all). Stateless.
 */
final class PositionDeletes {

    private static final MessageType SCHEMA =
            new MessageType(
                    "delete",
                    org.apache.parquet.schema.Types.primitive(
                                    PrimitiveTypeName.BINARY, Repetition.REQUIRED)
                            .as(LogicalTypeAnnotation.stringType())
                            .id(MetadataColumns.DELETE_FILE_PATH.fieldId())
                            .named(MetadataColumns.DELETE_FILE_PATH.name()),
                    org.apache.parquet.schema.Types.primitive(
                                    PrimitiveTypeName.INT64, Repetition.REQUIRED)
                            .id(MetadataColumns.DELETE_FILE_POS.fieldId())
                            .named(MetadataColumns.DELETE_FILE_POS.name()));

    private PositionDeletes() {}

    /**
     * Writes a delete file for rows {@code ranges} (each {@code [from, to)}, in order, not
     * overlapping) of {@code dataFile} under {@code stream}'s table, its name ending in {@code
     * -hides-<name>.parquet}.
     */
    static DeleteFile write(
            ObjectStore store,
            ObjectStoreFileIO io,
            String stream,
            String dataFile,
            List<long[]> ranges,
            String name)
            throws IOException {
        String key = stream + "/iceberg/data/" + UUID.randomUUID() + "-hides-" + name + ".parquet";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
        long count = 0;
        try (ParquetWriter<Group> writer =
                ExampleParquetWriter.builder(new SinkOutputFile(bytes, key, 64 * 1024))
                        .withConf(new Configuration(false))
                        .withType(SCHEMA)
                        .build()) {
            for (long[] range : ranges) {
                for (long pos = range[0]; pos < range[1]; pos++) {
                    writer.write(
                            groups.newGroup().append("file_path", dataFile).append("pos", pos));
                    count++;
                }
            }
        }
        byte[] content = bytes.toByteArray();
        store.putIfAbsent(key, content);
        int pathId = MetadataColumns.DELETE_FILE_PATH.fieldId();
        int posId = MetadataColumns.DELETE_FILE_POS.fieldId();
        ByteBuffer path = Conversions.toByteBuffer(Types.StringType.get(), dataFile);
        Metrics metrics =
                new Metrics(
                        count,
                        null,
                        Map.of(pathId, count, posId, count),
                        Map.of(pathId, 0L, posId, 0L),
                        null,
                        Map.of(
                                pathId,
                                path,
                                posId,
                                Conversions.toByteBuffer(Types.LongType.get(), ranges.get(0)[0])),
                        Map.of(
                                pathId,
                                path.duplicate(),
                                posId,
                                Conversions.toByteBuffer(
                                        Types.LongType.get(),
                                        ranges.get(ranges.size() - 1)[1] - 1)));
        return FileMetadata.deleteFileBuilder(PartitionSpec.unpartitioned())
                .ofPositionDeletes()
                .withPath(io.location(key))
                .withFormat(FileFormat.PARQUET)
                .withFileSizeInBytes(content.length)
                .withRecordCount(count)
                .withMetrics(metrics)
                .withReferencedDataFile(dataFile)
                .build();
    }
}
