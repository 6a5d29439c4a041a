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
import dev.floe.examples.gold.CuratedStore;
import dev.floe.examples.gold.GoldRecords;
import dev.floe.examples.gold.ParquetObjectSink;
import dev.floe.examples.orders.OrderWatermarks;
import dev.floe.examples.orders.Orders;
import dev.floe.flink.connection.ConnectionSettings;
import dev.floe.flink.source.FloeDeserializers;
import dev.floe.flink.source.FloeSource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.formats.avro.typeutils.GenericRecordAvroTypeInfo;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Example job, the gold step of a medallion layout: the raw segment objects (bronze) and the
 * Parquet objects tiering makes of them (silver) are the sink's; this bounded batch job reads the
 * stream up to its committed end at start and writes per-currency window aggregates as one Parquet
 * object into a curated bucket or directory. Not thread-safe.
 */
@Command(
        name = "medallion",
        mixinStandardHelpOptions = true,
        description =
                "Reads a Floe stream up to its committed end and writes curated per-currency"
                        + " aggregates as Parquet (the gold layer).")
public final class MedallionJob extends ExampleCommand {

    @Option(
            names = "--curated-bucket",
            defaultValue = "${env:FLOE_S3_CURATED_BUCKET}",
            description =
                    "Bucket of the curated objects, at the stream's S3 endpoint (env"
                            + " FLOE_S3_CURATED_BUCKET). Unset: --curated-path.")
    String curatedBucket;

    @Option(
            names = "--curated-path",
            description =
                    "Local directory of the curated objects when no curated bucket is given"
                            + " (default: <local path>/curated).")
    Path curatedPath;

    @Option(
            names = "--curated-prefix",
            defaultValue = "gold/",
            description = "Key prefix of the curated objects (default: ${DEFAULT-VALUE}).")
    String curatedPrefix;

    @Option(
            names = "--window",
            defaultValue = "1min",
            description = "Event-time window of the aggregates (default: ${DEFAULT-VALUE}).")
    Duration window;

    @Mixin JobSettings job;

    public static void main(String[] args) {
        JobMain.run(new MedallionJob(), args);
    }

    @Override
    public Integer call() throws Exception {
        ConnectionSettings connection = connection();
        Configuration floe = connection.config();
        CuratedStore curated;
        if (curatedBucket != null && !curatedBucket.isBlank()) {
            if (!connection.usesS3()) {
                throw new IllegalArgumentException(
                        "--curated-bucket needs the S3 endpoint of the stream (--s3-endpoint and"
                                + " --s3-bucket); without S3 use --curated-path");
            }
            curated = CuratedStore.s3(floe, curatedBucket);
        } else {
            curated =
                    CuratedStore.local(
                            curatedPath != null
                                    ? curatedPath
                                    : connection.localPath().resolve("curated"));
        }
        String run =
                ZonedDateTime.now(ZoneOffset.UTC)
                        .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        String table = "orders_per_currency_" + window.toSeconds() + "s";
        ParquetObjectSink sink =
                new ParquetObjectSink(
                        curated,
                        curatedPrefix + table + "/" + job.stream() + "-" + run,
                        GoldRecords.CURRENCY_WINDOWS);

        StreamExecutionEnvironment env = job.batchEnvironment();
        FloeSource<GenericRecord> source =
                FloeSource.<GenericRecord>builder().configure(floe).stream(job.stream())
                        .deserializer(FloeDeserializers.avro(Orders.SCHEMA))
                        .startFromEarliest()
                        .bounded()
                        .build();
        CurrencyWindows.of(
                        env.fromSource(
                                source, OrderWatermarks.eventTime(), "FloeSource " + job.stream()),
                        window)
                .map(GoldRecords::of)
                .returns(new GenericRecordAvroTypeInfo(GoldRecords.CURRENCY_WINDOWS))
                .name("to gold rows")
                .sinkTo(sink)
                .name("Parquet " + table)
                .setParallelism(1);
        out().printf(
                        "Medallion: stream '%s' (raw and tiered objects on %s) up to its committed end"
                                + " -> %s%n",
                        job.stream(), connection.describe(), curated.locationOf(sink.keyOf(0)));
        env.execute("Floe medallion: " + job.stream() + " -> " + table);
        return 0;
    }
}
