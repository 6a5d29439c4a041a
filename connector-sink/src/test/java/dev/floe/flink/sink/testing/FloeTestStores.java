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
package dev.floe.flink.sink.testing;

import dev.floe.flink.connection.FloeConnectionBuilder;
import dev.floe.flink.connection.FloeConnectionOptions;
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.ManifestStores;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.PartitionHead;
import dev.floe.wal.manifest.etcd.EtcdManifestConfig;
import dev.floe.wal.object.ObjectInfo;
import dev.floe.wal.object.S3ObjectStore;
import dev.floe.wal.object.S3ObjectStoreConfig;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.testing.EtcdExtension;
import dev.floe.wal.testing.S3ProxyExtension;
import dev.floe.wal.testing.TlsTestFiles;
import dev.floe.wal.tier.CommittedReader;
import dev.floe.wal.tier.TierStores;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.configuration.Configuration;

/**
 * One test's view of a real etcd and S3 server: its own manifest namespace and bucket, sink
 * builders pointed at them, and readers of what was committed. Not thread-safe.
 */
public final class FloeTestStores implements AutoCloseable {

    private static final AtomicInteger RUNS = new AtomicInteger();

    private final List<String> etcdEndpoints;
    private final S3ProxyExtension s3;
    private final TlsTestFiles tls;
    private final String namespace;
    private final String bucket;
    private final ManifestStore manifest;
    private final TierStores stores;

    public FloeTestStores(EtcdExtension etcd, S3ProxyExtension s3) throws IOException {
        this(List.of(etcd.endpoint()), s3);
    }

    /**
     * Uses an etcd and an S3 server that serve TLS with the certificates of {@code tls}: clients
     * trust its CA and present its client certificate to etcd.
     */
    public FloeTestStores(EtcdExtension etcd, S3ProxyExtension s3, TlsTestFiles tls)
            throws IOException {
        this(List.of(etcd.endpoint()), s3, tls);
    }

    /** Uses the etcd members at {@code etcdEndpoints}, all given to every client. */
    public FloeTestStores(List<String> etcdEndpoints, S3ProxyExtension s3) throws IOException {
        this(etcdEndpoints, s3, null);
    }

    private FloeTestStores(List<String> etcdEndpoints, S3ProxyExtension s3, TlsTestFiles tls)
            throws IOException {
        this.etcdEndpoints = List.copyOf(etcdEndpoints);
        this.s3 = s3;
        this.tls = tls;
        this.namespace = "run-" + ProcessHandle.current().pid() + "-" + RUNS.incrementAndGet();
        this.bucket = namespace;
        s3.createBucket(bucket);
        EtcdManifestConfig.Builder etcd =
                EtcdManifestConfig.builder().endpoints(etcdEndpoints).namespace(namespace);
        S3ObjectStoreConfig.Builder objects =
                S3ObjectStoreConfig.builder()
                        .endpoint(s3.endpoint())
                        .credentials(s3.accessKey(), s3.secretKey())
                        .bucket(bucket);
        if (tls != null) {
            etcd.tls(tls.client());
            objects.tls(tls.trustingCa());
        }
        this.manifest = ManifestStores.etcd(etcd.build());
        this.stores = TierStores.single(S3ObjectStore.open(objects.build()));
    }

    /** Points a sink or source builder at this test's etcd namespace and bucket. */
    public <B extends FloeConnectionBuilder<B>> B connect(B builder) {
        return builder.configure(options(s3.endpoint()));
    }

    /**
     * The connection options of this test's etcd namespace and bucket, with the S3 server at {@code
     * s3Endpoint} (a proxy in front of the test's server, or the server itself).
     */
    public Configuration options(URI s3Endpoint) {
        Configuration options = new Configuration();
        options.set(FloeConnectionOptions.S3_ENDPOINT, s3Endpoint.toString());
        options.set(FloeConnectionOptions.S3_BUCKET, bucket);
        options.set(FloeConnectionOptions.S3_ACCESS_KEY, s3.accessKey());
        options.set(FloeConnectionOptions.S3_SECRET_KEY, s3.secretKey());
        options.set(FloeConnectionOptions.ETCD_ENDPOINTS, etcdEndpoints);
        options.set(FloeConnectionOptions.ETCD_NAMESPACE, namespace);
        if (tls != null) {
            options.set(FloeConnectionOptions.S3_TLS_CA_FILE, tls.caPem().toString());
            options.set(FloeConnectionOptions.ETCD_TLS_CA_FILE, tls.caPem().toString());
            options.set(FloeConnectionOptions.ETCD_TLS_CERT_FILE, tls.clientCertPem().toString());
            options.set(FloeConnectionOptions.ETCD_TLS_KEY_FILE, tls.clientKeyPem().toString());
        }
        return options;
    }

    public ManifestStore manifest() {
        return manifest;
    }

    public TierStores stores() {
        return stores;
    }

    public PartitionHead head(String stream, int partition) {
        return manifest.head(stream, partition);
    }

    public int partitions(String stream) {
        return manifest.stream(stream).orElseThrow().partitions();
    }

    /** Every committed record of a partition, in offset order. */
    public List<LoggedRecord> committed(String stream, int partition) throws IOException {
        long end = manifest.head(stream, partition).committedEnd();
        return new CommittedReader(manifest, stores, stream, partition).read(0, end);
    }

    /** The committed values of a partition as UTF-8 strings, in offset order. */
    public List<String> committedValues(String stream, int partition) throws IOException {
        List<String> values = new ArrayList<>();
        for (LoggedRecord r : committed(stream, partition)) {
            values.add(new String(r.value(), StandardCharsets.UTF_8));
        }
        return values;
    }

    public List<ObjectDescriptor> objects(String stream, int partition) {
        return manifest.objects(stream, partition, 0, Long.MAX_VALUE);
    }

    public List<ObjectInfo> bucketObjects() throws IOException {
        return stores.segments().list("");
    }

    @Override
    public void close() throws IOException {
        manifest.close();
        stores.segments().close();
    }
}
