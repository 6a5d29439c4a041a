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
package dev.floe.flink.table;

import dev.floe.flink.connection.FloeConnectionOptions;
import dev.floe.wal.testing.EtcdExtension;
import dev.floe.wal.testing.S3ProxyExtension;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.configuration.Configuration;

/**
 * A test class's view of a real etcd and S3 server: one bucket and one etcd namespace, as table
 * options and as connection options. Immutable.
 */
final class RealStores {

    private final EtcdExtension etcd;
    private final S3ProxyExtension s3;
    private final String bucket;
    private final String namespace;

    /** Creates {@code bucket}; the etcd namespace is the bucket's name and this process's id. */
    RealStores(EtcdExtension etcd, S3ProxyExtension s3, String bucket) {
        this.etcd = etcd;
        this.s3 = s3;
        this.bucket = bucket;
        this.namespace = bucket + "-" + ProcessHandle.current().pid();
        s3.createBucket(bucket);
    }

    /**
     * The table options that point a {@code floe} table at these stores, writing under {@code wal}.
     */
    String tableOptions(Path wal) {
        return "'s3.endpoint' = '"
                + s3.endpoint()
                + "', 's3.bucket' = '"
                + bucket
                + "', 's3.access-key' = '"
                + s3.accessKey()
                + "', 's3.secret-key' = '"
                + s3.secretKey()
                + "', 'etcd.endpoints' = '"
                + etcd.endpoint()
                + "', 'floe.etcd.namespace' = '"
                + namespace
                + "', 'floe.sink.wal.directory' = '"
                + wal
                + "'";
    }

    /** The connection options of these stores, for {@code FloeAdmins.open}. */
    Configuration connection() {
        Configuration options = new Configuration();
        options.set(FloeConnectionOptions.S3_ENDPOINT, s3.endpoint().toString());
        options.set(FloeConnectionOptions.S3_BUCKET, bucket);
        options.set(FloeConnectionOptions.S3_ACCESS_KEY, s3.accessKey());
        options.set(FloeConnectionOptions.S3_SECRET_KEY, s3.secretKey());
        options.set(FloeConnectionOptions.ETCD_ENDPOINTS, List.of(etcd.endpoint()));
        options.set(FloeConnectionOptions.ETCD_NAMESPACE, namespace);
        return options;
    }
}
