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
package dev.floe.flink.sink.bench;

import dev.floe.flink.connection.FloeConnectionOptions;
import dev.floe.flink.sink.FloeRecordSerializers;
import dev.floe.flink.sink.FloeSink;
import dev.floe.flink.sink.FloeSinkOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Adds the benchmark's FloeSink to a stream: byte[] values into a local S3 server (keys under
 * {@value #KEY_PREFIX}) and etcd, tiered into one Parquet object per partition, superseded segment
 * objects deleted at once. Thread-safe (stateless).
 */
public final class FloeBenchSink {

    public static final String KEY_PREFIX = "floe/";

    private FloeBenchSink() {}

    public static void attach(
            DataStream<byte[]> stream,
            String streamName,
            int partitions,
            URI s3Endpoint,
            String bucket,
            String accessKey,
            String secretKey,
            String etcdEndpoint,
            Path walDirectory) {
        attach(
                stream,
                streamName,
                partitions,
                s3Endpoint,
                bucket,
                accessKey,
                secretKey,
                etcdEndpoint,
                walDirectory,
                MemorySize.parse("512mb"));
    }

    /** Like the other, with Parquet objects of {@code tierTargetSize}. */
    public static void attach(
            DataStream<byte[]> stream,
            String streamName,
            int partitions,
            URI s3Endpoint,
            String bucket,
            String accessKey,
            String secretKey,
            String etcdEndpoint,
            Path walDirectory,
            MemorySize tierTargetSize) {
        FloeSink<byte[]> sink =
                FloeSink.<byte[]>builder().stream(streamName)
                        .partitions(partitions)
                        .serializer(FloeRecordSerializers.bytes())
                        .s3(s3Endpoint, bucket)
                        .s3Credentials(accessKey, secretKey)
                        .set(FloeConnectionOptions.S3_KEY_PREFIX, KEY_PREFIX)
                        .etcd(etcdEndpoint)
                        .set(FloeConnectionOptions.ETCD_NAMESPACE, "bench-" + bucket)
                        .walDirectory(walDirectory.toString())
                        .set(FloeSinkOptions.TIER_TARGET_SIZE, tierTargetSize)
                        .set(FloeSinkOptions.TIER_SUPERSEDED_GRACE, Duration.ZERO)
                        .build();
        stream.sinkTo(sink).name("floe");
    }
}
