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
import dev.floe.examples.aggregates.CurrencyWindows;
import dev.floe.examples.orders.OrderWatermarks;
import dev.floe.examples.orders.Orders;
import dev.floe.flink.connection.ConnectionSettings;
import dev.floe.flink.sink.FloeRecordSerializers;
import dev.floe.flink.sink.FloeSink;
import dev.floe.flink.sink.FloeSinkBuilder;
import dev.floe.flink.source.FloeDeserializers;
import dev.floe.flink.source.FloeSource;
import dev.floe.flink.source.FloeSourceBuilder;
import java.time.Duration;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.formats.avro.typeutils.GenericRecordAvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Example job: reads an orders stream with FloeSource from the earliest offset (the history in the
 * bucket) and goes on with the live tail, computing per-currency aggregates over event-time windows
 * with watermarks, registered as a named consumer whose position and lag are logged. Not
 * thread-safe.
 */
@Command(
        name = "catch-up",
        mixinStandardHelpOptions = true,
        description =
                "Reads a Floe stream from the earliest offset and follows it, printing per-minute"
                        + " aggregates and its lag.")
public final class CatchUpJob extends ExampleCommand {

    /** Where a run starts. */
    enum Start {
        EARLIEST,
        LATEST,
        CONSUMER
    }

    @Option(
            names = "--start",
            defaultValue = "EARLIEST",
            description =
                    "EARLIEST (the whole history), LATEST (new commits only) or CONSUMER (the"
                            + " stored position of --consumer-id) (default: ${DEFAULT-VALUE}).")
    Start start;

    @Option(
            names = "--consumer-id",
            defaultValue = "catch-up",
            description =
                    "Consumer name under which positions are stored at each checkpoint, for lag"
                            + " and restarts (default: ${DEFAULT-VALUE}).")
    String consumerId;

    @Option(
            names = "--window",
            defaultValue = "1min",
            description = "Event-time window of the aggregates (default: ${DEFAULT-VALUE}).")
    Duration window;

    @Option(
            names = "--lag-interval",
            defaultValue = "10s",
            description = "How often the lag is logged (default: ${DEFAULT-VALUE}).")
    Duration lagInterval;

    @Option(
            names = "--copy-to",
            description =
                    "Also writes every order read into this stream with FloeSink, exactly-once,"
                            + " so that the copy can be compared with the input (default: no"
                            + " copy).")
    String copyTo;

    @Mixin WalSettings wal;

    @Mixin JobSettings job;

    public static void main(String[] args) {
        JobMain.run(new CatchUpJob(), args);
    }

    @Override
    public Integer call() throws Exception {
        ConnectionSettings connection = connection();
        StreamExecutionEnvironment env = job.environment();
        FloeSourceBuilder<GenericRecord> source =
                FloeSource.<GenericRecord>builder().configure(connection.config()).stream(
                                job.stream())
                        .deserializer(FloeDeserializers.avro(Orders.SCHEMA))
                        .consumerId(consumerId)
                        .unbounded();
        switch (start) {
            case EARLIEST -> source.startFromEarliest();
            case LATEST -> source.startFromLatest();
            case CONSUMER -> source.startFromConsumer();
        }
        DataStream<GenericRecord> orders =
                env.fromSource(
                                source.build(),
                                OrderWatermarks.eventTime(),
                                "FloeSource " + job.stream())
                        .uid("floe-source")
                        .map(
                                new LagReporter(
                                        connection.config(), job.stream(), consumerId, lagInterval))
                        .returns(new GenericRecordAvroTypeInfo(Orders.SCHEMA))
                        .name("lag reporter")
                        .uid("lag-reporter");
        CurrencyWindows.of(orders, window).print().name("print aggregates");
        if (copyTo != null) {
            FloeSinkBuilder<GenericRecord> copy =
                    FloeSink.<GenericRecord>builder().configure(connection.config()).stream(copyTo)
                            .serializer(FloeRecordSerializers.avro(Orders.SCHEMA));
            wal.applyTo(copy, connection);
            orders.sinkTo(copy.build()).name("FloeSink " + copyTo).uid("floe-copy");
        }
        env.execute("Floe catch-up: " + job.stream() + " per " + window.toSeconds() + " s");
        return 0;
    }
}
