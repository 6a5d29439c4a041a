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
package dev.floe.flink.sqljar;

import dev.floe.flink.connection.ConnectionArguments;
import dev.floe.flink.connection.ConnectionResolver;
import dev.floe.flink.connection.FloeAdmins;
import dev.floe.flink.sink.FloeRecordSerializers;
import dev.floe.flink.sink.FloeSink;
import dev.floe.flink.sink.TierMode;
import dev.floe.flink.source.FloeDeserializers;
import dev.floe.flink.source.FloeSource;
import dev.floe.flink.tiering.FloeTieringJob;
import dev.floe.wal.admin.FloeAdmin;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * Floe through the SQL connector jar alone: run in a JVM whose classpath is Flink's jars, the jar
 * and this class, it writes {@code COUNT} records into {@code STREAM} (etcd and S3 through the
 * relocated jetcd, gRPC, Netty and AWS SDK), tiers them into Parquet (the relocated Parquet, Hadoop
 * and Avro), reads them back and prints {@code records=<n> distinct=<n> parquet-objects=<n>}. Only
 * Floe's API, Flink and the JDK are named here, so it compiles against the unshaded modules.
 *
 * <p>Usage: {@code ShadedJarSmokeJob ENDPOINTS_FILE STREAM COUNT WAL_DIR}
 */
public final class ShadedJarSmokeJob {

    private ShadedJarSmokeJob() {}

    public static void main(String[] args) throws Exception {
        Configuration connection =
                ConnectionResolver.of(Map.of())
                        .resolve(ConnectionArguments.extractFrom("--env-file", args[0]))
                        .config();
        String stream = args[1];
        int count = Integer.parseInt(args[2]);

        StreamExecutionEnvironment write = StreamExecutionEnvironment.getExecutionEnvironment();
        write.setParallelism(2);
        write.enableCheckpointing(500);
        write.fromSequence(0, count - 1)
                .map(i -> Long.toString(i))
                .returns(Types.STRING)
                .sinkTo(
                        FloeSink.<String>builder().stream(stream)
                                .partitions(4)
                                .serializer(FloeRecordSerializers.strings())
                                .configure(connection)
                                .walDirectory(args[3])
                                .tierMode(TierMode.EXTERNAL)
                                .build());
        write.execute("write " + stream);

        FloeTieringJob.builder()
                .streams(stream)
                .bounded(true)
                .interval(Duration.ofMillis(200))
                .tiering(MemorySize.parse("1kb"), Duration.ofMillis(1))
                .configure(connection)
                .build()
                .execute(StreamExecutionEnvironment.getExecutionEnvironment());

        StreamExecutionEnvironment read = StreamExecutionEnvironment.getExecutionEnvironment();
        read.setParallelism(2);
        FloeSource<String> source =
                FloeSource.<String>builder().stream(stream)
                        .deserializer(FloeDeserializers.strings())
                        .configure(connection)
                        .startFromEarliest()
                        .bounded()
                        .build();
        long records = 0;
        Set<String> distinct = new HashSet<>();
        try (CloseableIterator<String> values =
                read.fromSource(source, WatermarkStrategy.noWatermarks(), "read " + stream)
                        .executeAndCollect()) {
            while (values.hasNext()) {
                distinct.add(values.next());
                records++;
            }
        }
        int parquet;
        try (FloeAdmin admin = FloeAdmins.open(connection)) {
            parquet = admin.committedParquet(stream).locations().size();
        }
        System.out.printf(
                "records=%d distinct=%d parquet-objects=%d%n", records, distinct.size(), parquet);
    }
}
