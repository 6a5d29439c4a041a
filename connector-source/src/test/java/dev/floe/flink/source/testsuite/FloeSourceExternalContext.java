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
package dev.floe.flink.source.testsuite;

import dev.floe.flink.sink.testsuite.FloeSinkExternalSystem;
import dev.floe.flink.sink.testsuite.SuiteTestData;
import dev.floe.flink.source.FloeDeserializers;
import dev.floe.flink.source.FloeSource;
import dev.floe.flink.source.FloeSourceBuilder;
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.ManifestStores;
import dev.floe.wal.manifest.StreamConfig;
import dev.floe.wal.manifest.etcd.EtcdManifestConfig;
import dev.floe.wal.object.S3ObjectStore;
import dev.floe.wal.object.S3ObjectStoreConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.testframe.external.ExternalSystemSplitDataWriter;
import org.apache.flink.connector.testframe.external.source.DataStreamSourceExternalContext;
import org.apache.flink.connector.testframe.external.source.TestingSourceSettings;

/**
 * One test case of Flink's source test suite against Floe: one fresh stream of {@code partitions}
 * partitions, a {@link FloeSource} of UTF-8 strings reading it, and a writer per "split" the suite
 * asks for, each committing to the next partition with the WAL engine. Partitions no split was
 * asked for stay empty: the source still reads them (there is nothing to read). Used by the test
 * thread only; not thread-safe.
 */
public final class FloeSourceExternalContext implements DataStreamSourceExternalContext<String> {

    private final FloeSinkExternalSystem system;
    private final String stream;
    private final int partitions;
    private final List<FloeSplitDataWriter> writers = new ArrayList<>();
    private ManifestStore manifest;
    private S3ObjectStore store;

    FloeSourceExternalContext(FloeSinkExternalSystem system, String stream, int partitions) {
        this.system = system;
        this.stream = stream;
        this.partitions = partitions;
    }

    /** The stream this case reads. */
    public String stream() {
        return stream;
    }

    /** A source of the case's stream: bounded at the committed end when the suite asks for it. */
    @Override
    public Source<String, ?, ?> createSource(TestingSourceSettings sourceSettings) {
        FloeSourceBuilder<String> builder =
                FloeSource.<String>builder().stream(stream)
                        .deserializer(FloeDeserializers.strings())
                        .s3(system.s3Endpoint(), system.bucket())
                        .s3Credentials(system.s3AccessKey(), system.s3SecretKey())
                        .etcd(system.etcdEndpoint());
        if (sourceSettings.getBoundedness() == Boundedness.BOUNDED) {
            builder.bounded();
        }
        return builder.build();
    }

    /** A writer of the next unused partition; the stream is created with the first one. */
    @Override
    public ExternalSystemSplitDataWriter<String> createSourceSplitDataWriter(
            TestingSourceSettings sourceSettings) {
        open();
        if (writers.size() >= partitions) {
            throw new IllegalStateException(
                    "Stream "
                            + stream
                            + " has "
                            + partitions
                            + " partitions, one per split; the suite asked for more splits");
        }
        FloeSplitDataWriter writer =
                new FloeSplitDataWriter(manifest, store, stream, writers.size());
        writers.add(writer);
        return writer;
    }

    private void open() {
        if (manifest != null) {
            return;
        }
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
        manifest.createStream(StreamConfig.of(stream, partitions));
    }

    /**
     * Distinct strings of 1 to 100 characters after a prefix naming the split and the seed (so
     * records of different splits, and of different calls for one split, never equal), some beyond
     * ASCII.
     */
    @Override
    public List<String> generateTestData(
            TestingSourceSettings sourceSettings, int splitIndex, long seed) {
        return SuiteTestData.generate(seed, splitIndex + "-" + Long.toHexString(seed) + "-");
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
    public void close() throws IOException {
        writers.clear();
        try {
            if (store != null) {
                store.close();
            }
        } finally {
            store = null;
            if (manifest != null) {
                manifest.close();
            }
            manifest = null;
        }
    }

    @Override
    public String toString() {
        return "Floe stream " + stream;
    }
}
