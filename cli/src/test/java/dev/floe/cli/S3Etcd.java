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
package dev.floe.cli;

import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.ManifestStores;
import dev.floe.wal.manifest.etcd.EtcdManifestConfig;
import dev.floe.wal.object.S3ObjectStore;
import dev.floe.wal.object.S3ObjectStoreConfig;
import dev.floe.wal.testing.EtcdExtension;
import dev.floe.wal.testing.S3ProxyExtension;
import dev.floe.wal.testing.TestStreams;
import dev.floe.wal.tier.TierStores;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One test's namespace in a real etcd and bucket in a real S3 server, the engine's view of them,
 * and the floe flags that point at them. Not thread-safe.
 */
final class S3Etcd implements AutoCloseable {

    private static final AtomicInteger RUNS = new AtomicInteger();

    final String namespace;
    final String bucket;
    final ManifestStore manifest;
    final TierStores stores;
    final TestStreams streams;
    final List<String> flags;

    S3Etcd(EtcdExtension etcd, S3ProxyExtension s3) throws IOException {
        namespace = "cli-" + ProcessHandle.current().pid() + "-" + RUNS.incrementAndGet();
        bucket = namespace;
        s3.createBucket(bucket);
        manifest =
                ManifestStores.etcd(
                        EtcdManifestConfig.builder()
                                .endpoints(etcd.endpoint())
                                .namespace(namespace)
                                .build());
        stores =
                TierStores.single(
                        S3ObjectStore.open(
                                S3ObjectStoreConfig.builder()
                                        .endpoint(s3.endpoint())
                                        .credentials(s3.accessKey(), s3.secretKey())
                                        .bucket(bucket)
                                        .build()));
        streams = new TestStreams(manifest, stores);
        flags =
                List.of(
                        "--etcd",
                        etcd.endpoint(),
                        "--namespace",
                        namespace,
                        "--s3-endpoint",
                        s3.endpoint().toString(),
                        "--s3-bucket",
                        bucket,
                        "--s3-access-key",
                        s3.accessKey(),
                        "--s3-secret-key",
                        s3.secretKey());
    }

    CliRun floe(String... args) {
        return CliRun.run(java.util.Map.of(), flags, args);
    }

    @Override
    public void close() throws IOException {
        manifest.close();
        stores.segments().close();
    }
}
