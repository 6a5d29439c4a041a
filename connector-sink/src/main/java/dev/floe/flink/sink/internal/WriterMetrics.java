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

import dev.floe.wal.log.WalStats;
import dev.floe.wal.tier.BatchStager;
import java.util.Collection;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.util.clock.RelativeClock;

/**
 * The metrics of one sink writer: Flink's standard sink metrics (records and bytes sent, send
 * errors, current send time) and Floe's own in group {@code floe}, summed over its partitions: WAL
 * append and fsync latency, upload lag, staged and tiered objects, and background failures. Updated
 * by the writer thread, read by the metric reporters. Thread-safe.
 */
final class WriterMetrics {

    private static final long NOT_SAMPLED = Long.MIN_VALUE;

    private final RelativeClock clock;
    private final List<PartitionWriter> partitions;
    private final Counter recordsSend;
    private final Counter bytesSend;
    private final Counter sendErrors;
    private final Histogram appendLatencyMicros;
    private final Counter objectsStaged;
    private final Counter bytesStaged;
    private volatile long lastAppendNanos;

    /** Guarded by this. */
    private long sealWaitNanos;

    /** Guarded by this. */
    private long sealWaitStartedNanos = NOT_SAMPLED;

    WriterMetrics(
            SinkWriterMetricGroup sinkGroup,
            List<PartitionWriter> partitions,
            BatchStager stager,
            Maintenance maintenance,
            RelativeClock clock) {
        this.clock = clock;
        this.partitions = List.copyOf(partitions);
        this.recordsSend = sinkGroup.getNumRecordsSendCounter();
        this.bytesSend = sinkGroup.getNumBytesSendCounter();
        this.sendErrors = sinkGroup.getNumRecordsSendErrorsCounter();
        sinkGroup.setCurrentSendTimeGauge(() -> lastAppendNanos / 1_000_000);
        MetricGroup group = sinkGroup.addGroup("floe");
        this.appendLatencyMicros =
                group.histogram("walAppendLatencyMicros", new DescriptiveStatisticsHistogram(1000));
        this.objectsStaged = group.counter("objectsStaged");
        this.bytesStaged = group.counter("bytesStaged");
        group.gauge("objectsTiered", (Gauge<Long>) maintenance::objectsTiered);
        group.gauge("tieringFailures", (Gauge<Long>) maintenance::failedRounds);
        group.gauge(
                "uploadLagSeconds", (Gauge<Double>) () -> max(PartitionWriter::uploadLagSeconds));
        group.gauge(
                "uploadLagRecords",
                (Gauge<Long>) () -> sum(p -> p.wal().endOffset() - p.stagedEnd()));
        group.gauge("uploadLagBytes", (Gauge<Long>) () -> sumWal(WalStats::backlogBytes));
        group.gauge(
                "tieringLagRecords",
                (Gauge<Long>)
                        () ->
                                sum(
                                        p ->
                                                p.tierer()
                                                        .map(t -> p.stagedEnd() - t.tieredEnd())
                                                        .orElse(0L)));
        group.gauge(
                "walBackpressureMillis",
                (Gauge<Long>) () -> sumWal(WalStats::backpressureNanos) / 1_000_000);
        group.gauge("sealWaitMillis", (Gauge<Long>) () -> sealWaitNanos() / 1_000_000);
        group.gauge(
                "backpressureMillis",
                (Gauge<Long>)
                        () -> (sumWal(WalStats::backpressureNanos) + sealWaitNanos()) / 1_000_000);
        group.gauge("walFsyncs", (Gauge<Long>) () -> sumWal(WalStats::fsyncs));
        group.gauge(
                "walFsyncLatencyAvgMicros",
                (Gauge<Long>)
                        () -> {
                            long fsyncs = sumWal(WalStats::fsyncs);
                            return fsyncs == 0
                                    ? 0
                                    : sumWal(WalStats::fsyncNanosTotal) / fsyncs / 1000;
                        });
        group.gauge(
                "walFsyncLatencyMaxMicros",
                (Gauge<Long>) () -> (long) max(p -> p.walStats().fsyncNanosMax()) / 1000);
        group.gauge("stagingFailures", (Gauge<Long>) () -> stager.stats().failedAttempts());
    }

    /** A record of {@code bytes} was accepted, to be appended with its batch. */
    void accepted(int bytes) {
        recordsSend.inc();
        bytesSend.inc(bytes);
    }

    /** Called before each batch is appended: the time to pass to {@link #appended}. */
    long appending() {
        return clock.relativeTimeNanos();
    }

    /** A batch of records was appended to its partitions' WALs. */
    void appended(long startedNanos) {
        long nanos = clock.relativeTimeNanos() - startedNanos;
        lastAppendNanos = nanos;
        appendLatencyMicros.update(nanos / 1000);
    }

    /** The task thread starts waiting at a checkpoint barrier for the checkpoint's upload. */
    synchronized void sealWaiting() {
        sealWaitStartedNanos = clock.relativeTimeNanos();
    }

    /** The wait that {@link #sealWaiting} started has ended. */
    synchronized void sealed() {
        sealWaitNanos += clock.relativeTimeNanos() - sealWaitStartedNanos;
        sealWaitStartedNanos = NOT_SAMPLED;
    }

    /** Time spent waiting for uploads at barriers, a wait still going on included. */
    private synchronized long sealWaitNanos() {
        return sealWaitStartedNanos == NOT_SAMPLED
                ? sealWaitNanos
                : sealWaitNanos + clock.relativeTimeNanos() - sealWaitStartedNanos;
    }

    /** An element was skipped under {@code floe.sink.invalid-records: SKIP}. */
    void skipped() {
        sendErrors.inc();
    }

    void staged(Collection<FloeCommittable> committables) {
        for (FloeCommittable c : committables) {
            objectsStaged.inc(c.objects().size());
            c.objects().forEach(o -> bytesStaged.inc(o.sizeBytes()));
        }
    }

    private long sumWal(ToLongFunction<WalStats> f) {
        return sum(p -> f.applyAsLong(p.walStats()));
    }

    private long sum(ToLongFunction<PartitionWriter> f) {
        long total = 0;
        for (PartitionWriter p : partitions) {
            total += f.applyAsLong(p);
        }
        return total;
    }

    private double max(ToDoubleFunction<PartitionWriter> f) {
        double max = 0;
        for (PartitionWriter p : partitions) {
            max = Math.max(max, f.applyAsDouble(p));
        }
        return max;
    }
}
