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
package dev.floe.examples.jobs;

import dev.floe.examples.orders.Orders;
import dev.floe.flink.connection.FloeAdmins;
import dev.floe.wal.admin.ConsumerLag;
import dev.floe.wal.admin.FloeAdmin;
import java.io.IOException;
import java.time.Duration;
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
 * completed checkpoint, as {@link FloeAdmin#consumerLag(String, String)} reports them. Also exposes
 * gauge {@code eventTimeLagMs}. One instance per subtask; the counters are read by its report
 * thread.
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
    private transient FloeAdmin admin;
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
            admin = FloeAdmins.open(floe);
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
        if (admin != null) {
            admin.close();
        }
    }

    private long eventTimeLagMillis() {
        long newest = newestEventTime.get();
        return newest == Long.MIN_VALUE ? 0 : Math.max(0, System.currentTimeMillis() - newest);
    }

    private void report() {
        try {
            String consumerLag = subtask == 0 ? consumerLag() : "";
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

    /** Committed end minus stored position (0 if none), per partition, as a sentence. */
    private String consumerLag() {
        long total = 0;
        StringJoiner each = new StringJoiner(", ", " (", ")");
        for (ConsumerLag lag : admin.consumerLag(stream, consumerId)) {
            long behind = lag.committedEnd() - lag.position().orElse(0);
            total += behind;
            each.add("p" + lag.partition() + " " + behind);
        }
        return String.format(
                "; consumer '%s' is %,d records behind the committed end as of its last"
                        + " checkpoint%s",
                consumerId, total, each);
    }
}
