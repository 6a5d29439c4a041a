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

import dev.floe.examples.ExampleCommand;
import dev.floe.examples.orders.OrderSources;
import dev.floe.examples.orders.OrderWatermarks;
import dev.floe.examples.orders.Orders;
import dev.floe.flink.connection.ConnectionSettings;
import dev.floe.flink.sink.FloeRecordSerializers;
import dev.floe.flink.sink.FloeSink;
import dev.floe.flink.sink.FloeSinkBuilder;
import dev.floe.flink.sink.FloeSinkOptions;
import dev.floe.flink.sink.TierMode;
import java.time.Duration;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Example job: generated orders, unbounded by default, written into a Floe stream exactly-once;
 * each checkpoint commits the records it covers as segment objects (bronze), which the sink tiers
 * into Parquet objects (silver, in {@code --s3-parquet-bucket} when given). Not thread-safe.
 */
@Command(
        name = "ingest",
        mixinStandardHelpOptions = true,
        description = "Writes generated orders into a Floe stream with FloeSink, exactly-once.")
public final class IngestJob extends ExampleCommand {

    @Option(
            names = "--rate",
            defaultValue = "1000",
            description =
                    "Orders per second in total, 0 for as fast as possible (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(
            names = "--orders",
            defaultValue = "" + Long.MAX_VALUE,
            description = "Orders to write before the job ends (default: no end).")
    long orders;

    @Option(
            names = "--partitions",
            defaultValue = "4",
            description =
                    "Partitions of the stream when the job creates it; at least the parallelism"
                            + " (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(
            names = "--tier-max-segment-age",
            defaultValue = "1min",
            description =
                    "Segment objects older than this are tiered to Parquet even below the target"
                            + " size (default: ${DEFAULT-VALUE}; the sink's own default is 10min).")
    Duration tierMaxSegmentAge;

    @Option(
            names = "--tier-target-size",
            defaultValue = "128mb",
            description = "Size of the Parquet objects tiering makes (default: ${DEFAULT-VALUE}).")
    String tierTargetSize;

    @Option(
            names = "--tier-mode",
            description =
                    "INLINE: the sink tiers its segment objects into Parquet; EXTERNAL: it leaves"
                            + " them to a tiering job (the TieringJob example) (default:"
                            + " floe.sink.tier.mode, INLINE).")
    TierMode tierMode;

    @Mixin WalSettings wal;

    @Mixin JobSettings job;

    public static void main(String[] args) {
        JobMain.run(new IngestJob(), args);
    }

    @Override
    public Integer call() throws Exception {
        ConnectionSettings connection = connection();
        StreamExecutionEnvironment env = job.environment();
        FloeSinkBuilder<GenericRecord> sink =
                FloeSink.<GenericRecord>builder().configure(connection.config()).stream(
                                job.stream())
                        .partitions(partitions)
                        .serializer(FloeRecordSerializers.avro(Orders.SCHEMA))
                        .tiering(MemorySize.parse(tierTargetSize), tierMaxSegmentAge);
        if (tierMode != null) {
            sink.tierMode(tierMode);
        }
        wal.applyTo(sink, connection);
        if (!connection.config().containsKey(FloeSinkOptions.TIER_INTERVAL.key())) {
            sink.set(FloeSinkOptions.TIER_INTERVAL, Duration.ofSeconds(5));
        }
        env.fromSource(
                        OrderSources.generated(orders, rate, System.currentTimeMillis()),
                        OrderWatermarks.eventTime(),
                        "generated orders")
                .uid("generated-orders")
                .sinkTo(sink.build())
                .name("FloeSink " + job.stream())
                .uid("floe-sink");
        out().printf(
                        "Ingest: orders at %s/s into stream '%s' on %s%n",
                        rate > 0 ? String.valueOf(rate) : "max",
                        job.stream(),
                        connection.describe());
        env.execute("Floe ingest: generated orders -> " + job.stream());
        return 0;
    }
}
