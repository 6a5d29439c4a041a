package dev.floe.examples.jobs;

import dev.floe.examples.orders.Orders;
import dev.floe.flink.connection.FloeConnection;
import dev.floe.wal.manifest.ConsumerPosition;
import dev.floe.wal.manifest.ManifestStore;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Gauge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes orders through and reports, every interval, how far behind the reader is: records read and
 * event-time delay of this subtask, and (on subtask 0) the consumer's lag in records per partition,
 * from the committed ends and the consumer position the source stores in the manifest at each
 * completed checkpoint. Also exposes gauge {@code eventTimeLagMs}. One instance per subtask; the
 * counters are read by its report thread.
 */
public final class LagReporter extends RichMapFunction<GenericRecord, GenericRecord> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(LagReporter.class);

    private final Configuration floe;
    private final String stream;
    private final String consumerId;
    private final Duration interval;

    private transient AtomicLong records;
    private transient AtomicLong newestEventTime;
    private transient ScheduledExecutorService reporter;
    private transient FloeConnection connection;
    private transient int subtask;

    public LagReporter(Configuration floe, String stream, String consumerId, Duration interval) {
        this.floe = floe;
        this.stream = stream;
        this.consumerId = consumerId;
        this.interval = interval;
    }

    @Override
    public void open(OpenContext context) throws IOException {
        records = new AtomicLong();
        newestEventTime = new AtomicLong(Long.MIN_VALUE);
        subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        getRuntimeContext()
                .getMetricGroup()
                .gauge("eventTimeLagMs", (Gauge<Long>) this::eventTimeLagMillis);
        if (subtask == 0) {
            connection = FloeConnection.open(floe);
        }
        reporter =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "floe-lag-reporter-" + subtask);
                            t.setDaemon(true);
                            return t;
                        });
        reporter.scheduleWithFixedDelay(
                this::report, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public GenericRecord map(GenericRecord order) {
        records.incrementAndGet();
        newestEventTime.accumulateAndGet(Orders.eventTime(order), Math::max);
        return order;
    }

    @Override
    public void close() {
        if (reporter != null) {
            reporter.shutdownNow();
        }
        if (connection != null) {
            connection.close();
        }
    }

    private long eventTimeLagMillis() {
        long newest = newestEventTime.get();
        return newest == Long.MIN_VALUE ? 0 : Math.max(0, System.currentTimeMillis() - newest);
    }

    private void report() {
        try {
            String consumerLag = subtask == 0 ? consumerLag(connection.manifest()) : "";
            LOG.info(
                    String.format(
                            "catch-up subtask %d: %,d orders read, newest event time %,d ms"
                                    + " behind now%s",
                            subtask, records.get(), eventTimeLagMillis(), consumerLag));
        } catch (RuntimeException e) {
            LOG.warn(
                    "Could not report the lag of consumer {} on {}: {}",
                    consumerId,
                    stream,
                    e.toString());
        }
    }

    /** Committed end minus stored position, per partition, as a sentence. */
    private String consumerLag(ManifestStore manifest) {
        Optional<ConsumerPosition> position = manifest.consumerPosition(stream, consumerId);
        int partitions = manifest.stream(stream).map(s -> s.partitions()).orElse(0);
        Map<Integer, Long> offsets = position.map(ConsumerPosition::offsets).orElse(Map.of());
        long total = 0;
        StringJoiner each = new StringJoiner(", ", " (", ")");
        for (int p = 0; p < partitions; p++) {
            long lag = manifest.head(stream, p).committedEnd() - offsets.getOrDefault(p, 0L);
            total += lag;
            each.add("p" + p + " " + lag);
        }
        return String.format(
                "; consumer '%s' is %,d records behind the committed end as of its last"
                        + " checkpoint%s",
                consumerId, total, each);
    }
}
