package dev.floe.wal.admin;

import dev.floe.wal.manifest.StreamConfig;
import java.util.List;

/**
 * A stream in detail: its definition, each partition's state and what its objects add up to.
 * Immutable.
 *
 * @param definition the stream's definition
 * @param partitions each partition's head and writer, by partition
 * @param segmentObjects segment objects the manifest references
 * @param parquetObjects Parquet objects the manifest references
 * @param objectBytes size of those objects together
 */
public record StreamDescription(
        StreamConfig definition,
        List<PartitionInfo> partitions,
        int segmentObjects,
        int parquetObjects,
        long objectBytes) {

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
