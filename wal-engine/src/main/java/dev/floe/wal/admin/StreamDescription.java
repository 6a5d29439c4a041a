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
package dev.floe.wal.admin;

import dev.floe.wal.manifest.SchemaHistory;
import dev.floe.wal.manifest.StreamConfig;
import java.util.List;

/**
 * A stream in detail: its definition, each partition's state and what its objects add up to.
 * Immutable.
 *
 * @param definition the stream's definition
 * @param partitions each partition's head and writer, by partition
 * @param segmentObjects segment objects the manifest references
 * @param parquetObjects Parquet objects the manifest references, a shared one once though several
 *     partitions' descriptors name it
 * @param objectBytes size of those objects together, each counted once
 * @param schemas the versions of the stream's value schema, the creation schema first
 */
public record StreamDescription(
        StreamConfig definition,
        List<PartitionInfo> partitions,
        int segmentObjects,
        int parquetObjects,
        long objectBytes,
        SchemaHistory schemas) {

    public StreamDescription {
        partitions = List.copyOf(partitions);
    }

    /** Committed records of every partition together. */
    public long committedRecords() {
        return partitions.stream().mapToLong(PartitionInfo::committedEnd).sum();
    }

    /** Partitions a writer holds now. */
    public int writtenPartitions() {
        return (int) partitions.stream().filter(p -> p.writer().isPresent()).count();
    }
}
