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

import dev.floe.examples.orders.OrderSources;
import dev.floe.examples.orders.OrderWatermarks;
import dev.floe.examples.orders.Orders;
import dev.floe.flink.connection.ConnectionSettings;
import dev.floe.flink.connection.FloeAdmins;
import dev.floe.flink.connection.FloeConnectionOptions;
import dev.floe.flink.sink.FloeRecordSerializers;
import dev.floe.flink.sink.FloeSink;
import dev.floe.flink.sink.FloeSinkBuilder;
import dev.floe.flink.source.FloeDeserializers;
import dev.floe.flink.source.FloeSource;
import dev.floe.flink.source.FloeSourceBuilder;
import dev.floe.wal.admin.FloeAdmin;
import dev.floe.wal.admin.LocalLayout;
import dev.floe.wal.admin.PartitionInfo;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/** One run of the {@link Quickstart}: write, read back, summarise. Not thread-safe. */
final class QuickstartRun {

    private static final long PROGRESS_MILLIS = 1000;
    private static final double EVENT_ORDERS_PER_SECOND = 10_000;

    private final PrintStream out;
    private final ConnectionSettings settings;
    private final Configuration floe;
    private final String stream;
    private final long orders;
    private final int partitions;
    private final int parallelism;
    private final Duration checkpointInterval;

    QuickstartRun(
            PrintStream out,
            ConnectionSettings settings,
            String stream,
            long orders,
            int partitions,
            int parallelism,
            Duration checkpointInterval) {
        this.out = out;
        this.settings = settings;
        this.floe = settings.config();
        this.stream = stream;
        this.orders = orders;
        this.partitions = partitions;
        this.parallelism = parallelism;
        this.checkpointInterval = checkpointInterval;
    }

    QuickstartResult run() throws Exception {
        // Held open for the whole run: the jobs share it (one embedded manifest per process), and
        // it shows commits while the writing job runs.
        try (FloeAdmin admin = FloeAdmins.open(floe)) {
            Map<Integer, Long> before = committedEnds(admin);
            out.printf(
                    "Floe quickstart: %,d orders into stream '%s' and back, on %s%n",
                    orders, stream, settings.describe());
            if (!before.isEmpty()) {
                out.printf(
                        "Stream '%s' exists with %,d records; this run appends and reads back its"
                                + " own.%n",
                        stream, sum(before));
            }
            double writeSeconds = write(admin, before);
            long written = sum(committedEnds(admin)) - sum(before);
            long[] read = new long[2];
            double readSeconds = read(before, read);
            StreamSummary summary =
                    StreamSummary.read(admin, stream)
                            .orElseThrow(() -> new IllegalStateException("stream vanished"));
            QuickstartResult result =
                    new QuickstartResult(
                            orders, written, read[0], read[1], writeSeconds, readSeconds, summary);
            new SummaryPrinter(out, floe, settings).print(result);
            return result;
        }
    }

    private double write(FloeAdmin admin, Map<Integer, Long> before) throws Exception {
        StreamExecutionEnvironment env = environment();
        env.enableCheckpointing(checkpointInterval.toMillis(), CheckpointingMode.EXACTLY_ONCE);
        FloeSinkBuilder<GenericRecord> sink =
                FloeSink.<GenericRecord>builder().configure(floe).stream(stream)
                        .serializer(FloeRecordSerializers.avro(Orders.SCHEMA))
                        .walDirectory(LocalLayout.wal(localPath()).toString());
        if (before.isEmpty()) {
            sink.partitions(partitions);
        }
        long eventStart =
                System.currentTimeMillis() - (long) (orders * 1000 / EVENT_ORDERS_PER_SECOND);
        env.fromSource(
                        OrderSources.generated(orders, 0, eventStart),
                        OrderWatermarks.eventTime(),
                        "generated orders")
                .sinkTo(sink.build())
                .name("FloeSink " + stream);
        out.println("[write] starting a local Flink environment (parallelism " + parallelism + ")");
        long start = System.nanoTime();
        JobClient job = env.executeAsync("quickstart: write orders to " + stream);
        long before0 = sum(before);
        awaitWithProgress(
                job.getJobExecutionResult(),
                () -> {
                    long committed = sum(committedEnds(admin)) - before0;
                    double seconds = seconds(start);
                    out.printf(
                            "[write] %5.1fs  %,12d orders committed  (%,.0f/s)%n",
                            seconds, committed, committed / seconds);
                });
        double seconds = seconds(start);
        long committed = sum(committedEnds(admin)) - before0;
        out.printf(
                "[write] done in %.1fs: %,d orders committed at checkpoints every %s ms, tiered"
                        + " to Parquet%n",
                seconds, committed, checkpointInterval.toMillis());
        return seconds;
    }

    /** Reads this run's range back; {@code counts} gets records and distinct order ids. */
    private double read(Map<Integer, Long> before, long[] counts) throws Exception {
        StreamExecutionEnvironment env = environment();
        FloeSourceBuilder<GenericRecord> source =
                FloeSource.<GenericRecord>builder().configure(floe).stream(stream)
                        .deserializer(FloeDeserializers.avro(Orders.SCHEMA))
                        .bounded();
        if (sum(before) > 0) {
            source.startFromOffsets(before);
        } else {
            source.startFromEarliest();
        }
        BitSet seen = new BitSet();
        long start = System.nanoTime();
        long nextProgress = System.currentTimeMillis() + PROGRESS_MILLIS;
        try (CloseableIterator<Long> ids =
                env.fromSource(source.build(), WatermarkStrategy.noWatermarks(), "FloeSource")
                        .map(Orders::orderId)
                        .returns(Types.LONG)
                        .executeAndCollect("quickstart: read orders back from " + stream)) {
            while (ids.hasNext()) {
                long id = ids.next();
                counts[0]++;
                if (id >= 0 && id < orders && !seen.get((int) id)) {
                    seen.set((int) id);
                    counts[1]++;
                }
                if (System.currentTimeMillis() >= nextProgress) {
                    nextProgress = System.currentTimeMillis() + PROGRESS_MILLIS;
                    double seconds = seconds(start);
                    out.printf(
                            "[read]  %5.1fs  %,12d orders read       (%,.0f/s)%n",
                            seconds, counts[0], counts[0] / seconds);
                }
            }
        }
        double seconds = seconds(start);
        out.printf(
                "[read]  done in %.1fs: %,d orders read back (%,.0f/s), %,d distinct order ids%n",
                seconds, counts[0], counts[0] / seconds, counts[1]);
        return seconds;
    }

    private StreamExecutionEnvironment environment() {
        Configuration config = new Configuration();
        return StreamExecutionEnvironment.createLocalEnvironment(parallelism, config);
    }

    private Path localPath() {
        return Path.of(floe.get(FloeConnectionOptions.LOCAL_PATH));
    }

    private Map<Integer, Long> committedEnds(FloeAdmin admin) {
        Map<Integer, Long> ends = new LinkedHashMap<>();
        if (admin.findStream(stream).isPresent()) {
            for (PartitionInfo p : admin.partitions(stream)) {
                ends.put(p.partition(), p.committedEnd());
            }
        }
        return ends;
    }

    private static void awaitWithProgress(
            CompletableFuture<JobExecutionResult> done, Runnable progress) throws Exception {
        while (true) {
            try {
                done.get(PROGRESS_MILLIS, TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException e) {
                progress.run();
            } catch (ExecutionException e) {
                throw new IllegalStateException(
                        "The writing job failed: " + e.getCause().getMessage(), e.getCause());
            }
        }
    }

    private static long sum(Map<Integer, Long> ends) {
        return ends.values().stream().mapToLong(Long::longValue).sum();
    }

    private static double seconds(long startNanos) {
        return Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
    }
}
