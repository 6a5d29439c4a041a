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
package dev.floe.flink.sink.testsuite;

import dev.floe.flink.sink.FloeRecordSerializers;
import dev.floe.flink.sink.FloeSink;
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.ManifestStores;
import dev.floe.wal.manifest.etcd.EtcdManifestConfig;
import dev.floe.wal.object.S3ObjectStore;
import dev.floe.wal.object.S3ObjectStoreConfig;
import dev.floe.wal.tier.TierStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.testframe.external.ExternalSystemDataReader;
import org.apache.flink.connector.testframe.external.sink.DataStreamSinkV2ExternalContext;
import org.apache.flink.connector.testframe.external.sink.TestingSinkSettings;
import org.apache.flink.util.FileUtils;

/**
 * One test case of Flink's sink test suite against Floe: a {@link FloeSink} of strings writing one
 * fresh stream (created by the sink) through one fresh WAL directory, and readers of what it
 * committed. Every sink of the case (a job and the job restored from its savepoint) writes the same
 * stream. Used by the test thread only; not thread-safe.
 */
public final class FloeSinkExternalContext implements DataStreamSinkV2ExternalContext<String> {

    private final FloeSinkExternalSystem system;
    private final String stream;
    private final int partitions;
    private Path walDirectory;
    private ManifestStore manifest;
    private S3ObjectStore store;

    FloeSinkExternalContext(FloeSinkExternalSystem system, String stream, int partitions) {
        this.system = system;
        this.stream = stream;
        this.partitions = partitions;
    }

    /** The stream this case writes. */
    public String stream() {
        return stream;
    }

    @Override
    @SuppressWarnings("deprecation") // TestingSinkSettings has no other getter in Flink 2.3
    public Sink<String> createSink(TestingSinkSettings sinkSettings) {
        return FloeSink.<String>builder().stream(stream)
                .partitions(partitions)
                .serializer(FloeRecordSerializers.strings())
                .deliveryGuarantee(guaranteeOf(sinkSettings.getCheckpointingMode()))
                .s3(system.s3Endpoint(), system.bucket())
                .s3Credentials(system.s3AccessKey(), system.s3SecretKey())
                .etcd(system.etcdEndpoint())
                .walDirectory(walDirectory().toString())
                .build();
    }

    /** The suite's checkpointing mode is the guarantee the sink is asked for. */
    @SuppressWarnings("deprecation")
    private static DeliveryGuarantee guaranteeOf(
            org.apache.flink.streaming.api.CheckpointingMode mode) {
        switch (mode) {
            case EXACTLY_ONCE:
                return DeliveryGuarantee.EXACTLY_ONCE;
            case AT_LEAST_ONCE:
                return DeliveryGuarantee.AT_LEAST_ONCE;
            default:
                throw new UnsupportedOperationException("Floe sinks do not support " + mode);
        }
    }

    private Path walDirectory() {
        if (walDirectory == null) {
            try {
                walDirectory = Files.createTempDirectory("floe-sink-suite-wal-");
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create a WAL directory", e);
            }
        }
        return walDirectory;
    }

    @Override
    public ExternalSystemDataReader<String> createSinkDataReader(TestingSinkSettings settings) {
        if (manifest == null) {
            manifest =
                    ManifestStores.etcd(
                            EtcdManifestConfig.builder().endpoints(system.etcdEndpoint()).build());
            try {
                store =
                        S3ObjectStore.open(
                                S3ObjectStoreConfig.builder()
                                        .endpoint(system.s3Endpoint())
                                        .bucket(system.bucket())
                                        .credentials(system.s3AccessKey(), system.s3SecretKey())
                                        .pathStyle(true)
                                        .build());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot open the test bucket", e);
            }
        }
        return new FloeSinkDataReader(manifest, TierStores.single(store), stream);
    }

    /** Distinct strings of 1 to 100 characters, some beyond ASCII, their order random. */
    @Override
    public List<String> generateTestData(TestingSinkSettings sinkSettings, long seed) {
        return SuiteTestData.generate(seed, "");
    }

    @Override
    public TypeInformation<String> getProducedType() {
        return Types.STRING;
    }

    @Override
    public List<URL> getConnectorJarPaths() {
        return List.of();
    }

    @Override
    public void close() {
        try {
            if (store != null) {
                store.close();
            }
            if (manifest != null) {
                manifest.close();
            }
        } finally {
            store = null;
            manifest = null;
            if (walDirectory != null) {
                FileUtils.deleteDirectoryQuietly(walDirectory.toFile());
                walDirectory = null;
            }
        }
    }

    @Override
    public String toString() {
        return "Floe stream " + stream;
    }
}
