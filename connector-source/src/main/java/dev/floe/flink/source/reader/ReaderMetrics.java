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
package dev.floe.flink.source.reader;

import dev.floe.wal.format.RecordFrame;
import dev.floe.wal.record.LoggedRecord;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.groups.SourceReaderMetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * A source reader's metrics: Flink's standard numBytesIn, pendingRecords (the records lag: each
 * partition's committed end minus the next offset to read, summed) and pendingBytes (the records
 * lag times the mean size of the records read so far), the lag per partition, and the fetch
 * latency. Sizes are encoded record sizes, as the sink's numBytesSend counts them. Updated by the
 * fetcher and the task thread, read by reporters. Thread-safe.
 */
final class ReaderMetrics {

    private final SourceReaderMetricGroup group;
    private final Map<Integer, Long> lag = new ConcurrentHashMap<>();
    private final Histogram fetchLatencyMillis;
    private final Counter bytesIn;
    // Written by the task thread only.
    private volatile long recordsRead;
    private volatile long bytesRead;

    ReaderMetrics(SourceReaderMetricGroup group) {
        this.group = group;
        this.fetchLatencyMillis =
                group.addGroup("floe")
                        .histogram("fetchLatencyMillis", new DescriptiveStatisticsHistogram(1000));
        this.bytesIn = group.getIOMetricGroup().getNumBytesInCounter();
        group.setPendingRecordsGauge(this::pendingRecords);
        group.setPendingBytesGauge(this::pendingBytes);
    }

    /** Registers the lag gauge of a partition this reader has been given. */
    void reads(int partition) {
        if (lag.putIfAbsent(partition, 0L) == null) {
            group.addGroup("floe")
                    .addGroup("partition", String.valueOf(partition))
                    .gauge("recordsLag", (Gauge<Long>) () -> lag.getOrDefault(partition, 0L));
        }
    }

    void lag(int partition, long records) {
        lag.put(partition, Math.max(0, records));
    }

    void fetched(long nanos) {
        fetchLatencyMillis.update(nanos / 1_000_000);
    }

    /** A record the reader has read, whether or not it became an element. */
    void read(LoggedRecord record) {
        int bytes = RecordFrame.recordSize(record.record());
        bytesIn.inc(bytes);
        bytesRead += bytes;
        recordsRead++;
    }

    private long pendingRecords() {
        return lag.values().stream().mapToLong(Long::longValue).sum();
    }

    /** An estimate: 0 until the first record is read. */
    private long pendingBytes() {
        long records = recordsRead;
        return records == 0 ? 0 : (long) (pendingRecords() * ((double) bytesRead / records));
    }
}
