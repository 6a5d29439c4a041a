package dev.floe.flink.source.reader;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.groups.SourceReaderMetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * A source reader's metrics: records lag per partition (committed end minus the next offset to
 * read) and in total (Flink's pendingRecords), fetch latency and bytes read. Updated by the fetcher
 * and the task thread, read by reporters. Thread-safe.
 */
final class ReaderMetrics {

    private final SourceReaderMetricGroup group;
    private final Map<Integer, Long> lag = new ConcurrentHashMap<>();
    private final Histogram fetchLatencyMillis;
    private final Counter bytesRead;

    ReaderMetrics(SourceReaderMetricGroup group) {
        this.group = group;
        this.fetchLatencyMillis =
                group.addGroup("floe")
                        .histogram("fetchLatencyMillis", new DescriptiveStatisticsHistogram(1000));
        this.bytesRead = group.addGroup("floe").counter("bytesRead");
        group.setPendingRecordsGauge(() -> lag.values().stream().mapToLong(Long::longValue).sum());
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

    void read(int bytes) {
        bytesRead.inc(bytes);
    }
}
