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
package dev.floe.flink.sink.internal;

import dev.floe.wal.record.WalRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * The records a writer has accepted but not yet appended, grouped by partition, so that each of its
 * WALs takes them as one frame: one lock, one checksum and one buffer reservation per partition and
 * batch, not per record, and bytes written in runs rather than scattered over every partition's
 * buffer. Used by the writer thread only; not thread-safe.
 */
final class AppendBatch {

    /** Records a batch holds before it must be appended. */
    static final int MAX_RECORDS = 4096;

    /** Record bytes a batch holds before it must be appended. */
    static final long MAX_BYTES = 1024 * 1024;

    private final PartitionWriter[] partitions;
    private final List<List<WalRecord>> pending;
    private final int[] touched;
    private int touchedCount;
    private int records;
    private long bytes;

    /**
     * @param partitions the writer's partitions by partition number; null where it owns none
     */
    AppendBatch(PartitionWriter[] partitions) {
        this.partitions = partitions;
        this.pending = new ArrayList<>(partitions.length);
        for (PartitionWriter p : partitions) {
            pending.add(p == null ? null : new ArrayList<>());
        }
        this.touched = new int[partitions.length];
    }

    /**
     * Adds a record of {@code size} bytes for {@code partition}, one the writer owns.
     *
     * @return whether the batch is full and must be appended
     */
    boolean add(int partition, WalRecord record, int size) {
        List<WalRecord> list = pending.get(partition);
        if (list.isEmpty()) {
            touched[touchedCount++] = partition;
        }
        list.add(record);
        records++;
        bytes += size;
        return records >= MAX_RECORDS || bytes >= MAX_BYTES;
    }

    boolean isEmpty() {
        return records == 0;
    }

    int records() {
        return records;
    }

    /**
     * Appends each partition's records to its WAL, in the order they were added, and empties the
     * batch. After an append fails, the writer fails and does not use the batch again.
     */
    void appendAll() {
        for (int i = 0; i < touchedCount; i++) {
            int partition = touched[i];
            List<WalRecord> list = pending.get(partition);
            partitions[partition].append(list);
            list.clear();
        }
        touchedCount = 0;
        records = 0;
        bytes = 0;
    }
}
