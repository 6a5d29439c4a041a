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
import dev.floe.flink.sink.TierMode;
import dev.floe.flink.tiering.FloeTieringJob;
import dev.floe.flink.tiering.FloeTieringOptions;
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.ManifestStores;
import dev.floe.wal.manifest.etcd.EtcdManifestConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The benchmarks' Floe setup for one bucket: FloeSink writing byte[] values into a local S3 server
 * (keys under {@value #KEY_PREFIX}) and etcd (namespace {@code bench-<bucket>}), superseded segment
 * objects deleted at once; and the tiering job for its streams. Immutable.
 */
public final class FloeBenchSink {

    public static final String KEY_PREFIX = "floe/";

    /** By default one Parquet object per partition for the benchmarks' bounded jobs. */
    public static final MemorySize ONE_OBJECT = MemorySize.parse("512mb");

    private final URI s3Endpoint;
    private final String bucket;
    private final String accessKey;
    private final String secretKey;
    private final String etcdEndpoint;
    private boolean icebergTables =
            Boolean.parseBoolean(System.getProperty("floe.bench.iceberg", "true"));

    public FloeBenchSink(
            URI s3Endpoint,
            String bucket,
            String accessKey,
            String secretKey,
            String etcdEndpoint) {
        this.s3Endpoint = s3Endpoint;
        this.bucket = bucket;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.etcdEndpoint = etcdEndpoint;
    }

    /** Whether tiering commits each stream's Iceberg table ({@code floe.sink.tier.iceberg}). */
    public FloeBenchSink icebergTables(boolean on) {
        this.icebergTables = on;
        return this;
    }

    /** The etcd namespace of this bucket's streams. */
    public String namespace() {
        return "bench-" + bucket;
    }

    /** Adds FloeSink, tiering inline into one Parquet object per partition. */
    public void attach(DataStream<byte[]> stream, String streamName, int partitions, Path wal) {
        attach(stream, streamName, partitions, wal, ONE_OBJECT, TierMode.INLINE);
    }

    /**
     * Adds FloeSink with Parquet objects of {@code tierTargetSize}, tiered as {@code mode} says.
     */
    public void attach(
            DataStream<byte[]> stream,
            String streamName,
            int partitions,
            Path wal,
            MemorySize tierTargetSize,
            TierMode mode) {
        FloeSink<byte[]> sink =
                FloeSink.<byte[]>builder().stream(streamName)
                        .partitions(partitions)
                        .serializer(FloeRecordSerializers.bytes())
                        .s3(s3Endpoint, bucket)
                        .s3Credentials(accessKey, secretKey)
                        .set(FloeConnectionOptions.S3_KEY_PREFIX, KEY_PREFIX)
                        .etcd(etcdEndpoint)
                        .set(FloeConnectionOptions.ETCD_NAMESPACE, namespace())
                        .walDirectory(wal.toString())
                        .set(FloeSinkOptions.TIER_TARGET_SIZE, tierTargetSize)
                        .set(FloeSinkOptions.TIER_SUPERSEDED_GRACE, Duration.ZERO)
                        .set(FloeSinkOptions.TIER_MODE, mode)
                        .set(FloeSinkOptions.TIER_ICEBERG, icebergTables)
                        .build();
        stream.sinkTo(sink).name("floe");
    }

    /**
     * A bounded tiering job for {@code streamName}: it ends once the stream's sink has finished and
     * every record is in Parquet objects of {@code targetSize}.
     */
    public FloeTieringJob tieringJob(String streamName, int parallelism, MemorySize targetSize) {
        return FloeTieringJob.builder()
                .streams(streamName)
                .bounded(true)
                .interval(Duration.ofMillis(200))
                .tiering(targetSize, Duration.ofMinutes(10))
                .set(FloeTieringOptions.SUPERSEDED_GRACE, Duration.ZERO)
                .parallelism(parallelism)
                .s3(s3Endpoint, bucket)
                .s3Credentials(accessKey, secretKey)
                .set(FloeConnectionOptions.S3_KEY_PREFIX, KEY_PREFIX)
                .etcd(etcdEndpoint)
                .set(FloeConnectionOptions.ETCD_NAMESPACE, namespace())
                .build();
    }

    /** The manifest of this bucket's streams; close it after use. */
    public ManifestStore manifest() {
        return ManifestStores.etcd(
                EtcdManifestConfig.builder()
                        .endpoints(etcdEndpoint)
                        .namespace(namespace())
                        .build());
    }
}
