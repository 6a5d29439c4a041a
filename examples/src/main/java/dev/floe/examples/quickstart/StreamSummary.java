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
package dev.floe.examples.quickstart;

import dev.floe.wal.admin.CommittedObject;
import dev.floe.wal.admin.CommittedParquetObject;
import dev.floe.wal.admin.FloeAdmin;
import dev.floe.wal.admin.PartitionInfo;
import dev.floe.wal.iceberg.IcebergTableInfo;
import dev.floe.wal.manifest.ObjectDescriptor;
import java.util.List;
import java.util.Optional;

/**
 * What the manifest says about a stream: partitions, committed records and the objects holding
 * them, with where each object is. Immutable.
 *
 * @param stream the stream's name
 * @param partitions number of partitions
 * @param committedEnds committed end offset of each partition
 * @param objects every committed object, partition by partition in offset order
 * @param icebergMetadata the current metadata file of the stream's Iceberg table, or null when it
 *     has none
 */
public record StreamSummary(
        String stream,
        int partitions,
        List<Long> committedEnds,
        List<CommittedObject> objects,
        String icebergMetadata) {

    public StreamSummary {
        committedEnds = List.copyOf(committedEnds);
        objects = List.copyOf(objects);
    }

    /** Reads the summary of {@code stream}, or empty when the stream does not exist. */
    static Optional<StreamSummary> read(FloeAdmin admin, String stream) {
        if (admin.findStream(stream).isEmpty()) {
            return Optional.empty();
        }
        List<Long> ends =
                admin.partitions(stream).stream().map(PartitionInfo::committedEnd).toList();
        return Optional.of(
                new StreamSummary(
                        stream,
                        ends.size(),
                        ends,
                        admin.committedObjects(stream),
                        admin.icebergTable(stream)
                                .map(IcebergTableInfo::metadataLocation)
                                .orElse(null)));
    }

    /** Committed records of every partition together. */
    public long committedRecords() {
        return committedEnds.stream().mapToLong(Long::longValue).sum();
    }

    /** The committed Parquet objects, each once though a shared one holds several partitions. */
    public List<CommittedParquetObject> parquetObjects() {
        return CommittedParquetObject.of(objects);
    }

    public List<CommittedObject> objectsOf(ObjectDescriptor.Kind kind) {
        return objects.stream().filter(o -> o.descriptor().kind() == kind).toList();
    }
}
