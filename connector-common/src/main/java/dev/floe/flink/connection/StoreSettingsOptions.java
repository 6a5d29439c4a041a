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
package dev.floe.flink.connection;

import dev.floe.wal.admin.StoreSettings;
import dev.floe.wal.manifest.etcd.EtcdManifestConfig;
import dev.floe.wal.object.S3ObjectStoreConfig;
import java.nio.file.Path;
import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ReadableConfig;

/**
 * The one conversion of {@link FloeConnectionOptions} into the engine's {@link StoreSettings}, for
 * the connectors' stores and {@link FloeAdmins}. Checks the options without connecting. Stateless.
 */
@Internal
final class StoreSettingsOptions {

    private StoreSettingsOptions() {}

    /**
     * The stores the options describe.
     *
     * @throws IllegalArgumentException naming the option that is wrong or missing
     */
    static StoreSettings of(ReadableConfig config) {
        var bucket = config.getOptional(FloeConnectionOptions.S3_BUCKET);
        if (bucket.isEmpty() && config.getOptional(FloeConnectionOptions.S3_ENDPOINT).isPresent()) {
            throw new IllegalArgumentException(
                    FloeConnectionOptions.S3_ENDPOINT.key()
                            + " is set but "
                            + FloeConnectionOptions.S3_BUCKET.key()
                            + " is not: name the bucket to write to");
        }
        var parquetBucket = config.getOptional(FloeConnectionOptions.S3_PARQUET_BUCKET);
        if (parquetBucket.isPresent() && bucket.isEmpty()) {
            throw new IllegalArgumentException(
                    FloeConnectionOptions.S3_PARQUET_BUCKET.key()
                            + " is set but "
                            + FloeConnectionOptions.S3_BUCKET.key()
                            + " is not: name the bucket of the segment objects too");
        }
        if (config.getOptional(FloeConnectionOptions.ETCD_PASSWORD).isPresent()
                && config.getOptional(FloeConnectionOptions.ETCD_USER).isEmpty()) {
            throw new IllegalArgumentException(
                    FloeConnectionOptions.ETCD_PASSWORD.key()
                            + " is set but "
                            + FloeConnectionOptions.ETCD_USER.key()
                            + " is not");
        }
        StoreSettings.Builder settings =
                StoreSettings.builder()
                        .localPath(Path.of(config.get(FloeConnectionOptions.LOCAL_PATH)))
                        .namespace(config.get(FloeConnectionOptions.ETCD_NAMESPACE));
        if (bucket.isPresent()) {
            settings.s3(s3Config(config, bucket.get()));
        }
        if (parquetBucket.isPresent()) {
            settings.parquetBucket(s3Config(config, parquetBucket.get()));
        }
        if (config.getOptional(FloeConnectionOptions.ETCD_ENDPOINTS).isPresent()) {
            settings.etcd(etcdConfig(config));
        }
        return settings.build();
    }

    private static S3ObjectStoreConfig s3Config(ReadableConfig config, String bucket) {
        S3ObjectStoreConfig.Builder b =
                S3ObjectStoreConfig.builder()
                        .bucket(bucket)
                        .region(config.get(FloeConnectionOptions.S3_REGION))
                        .keyPrefix(config.get(FloeConnectionOptions.S3_KEY_PREFIX))
                        .pathStyle(config.get(FloeConnectionOptions.S3_PATH_STYLE))
                        .createBucketIfMissing(config.get(FloeConnectionOptions.S3_CREATE_BUCKET))
                        .partSize(partSize(config))
                        .apiCallTimeout(config.get(FloeConnectionOptions.S3_API_CALL_TIMEOUT));
        config.getOptional(FloeConnectionOptions.S3_ENDPOINT).ifPresent(b::endpoint);
        var accessKey = config.getOptional(FloeConnectionOptions.S3_ACCESS_KEY);
        var secretKey = config.getOptional(FloeConnectionOptions.S3_SECRET_KEY);
        if (accessKey.isPresent() != secretKey.isPresent()) {
            throw new IllegalArgumentException(
                    "set both "
                            + FloeConnectionOptions.S3_ACCESS_KEY.key()
                            + " and "
                            + FloeConnectionOptions.S3_SECRET_KEY.key()
                            + ", or neither to use the AWS default credentials chain");
        }
        accessKey.ifPresent(a -> b.credentials(a, secretKey.get()));
        TlsOptions.of(config, FloeConnectionOptions.S3_TLS_CA_FILE, null, null).ifPresent(b::tls);
        return b.build();
    }

    private static int partSize(ReadableConfig config) {
        long bytes = config.get(FloeConnectionOptions.S3_PART_SIZE).getBytes();
        if (bytes < S3ObjectStoreConfig.MIN_PART_SIZE
                || bytes > S3ObjectStoreConfig.MAX_PART_SIZE) {
            throw new IllegalArgumentException(
                    FloeConnectionOptions.S3_PART_SIZE.key()
                            + " must be between 5 MiB and 1 GiB, got "
                            + config.get(FloeConnectionOptions.S3_PART_SIZE));
        }
        return (int) bytes;
    }

    private static EtcdManifestConfig etcdConfig(ReadableConfig config) {
        EtcdManifestConfig.Builder b =
                EtcdManifestConfig.builder()
                        .endpoints(config.get(FloeConnectionOptions.ETCD_ENDPOINTS))
                        .namespace(config.get(FloeConnectionOptions.ETCD_NAMESPACE))
                        .requestTimeout(config.get(FloeConnectionOptions.ETCD_REQUEST_TIMEOUT));
        var user = config.getOptional(FloeConnectionOptions.ETCD_USER);
        if (user.isPresent()) {
            b.credentials(
                    user.get(), config.getOptional(FloeConnectionOptions.ETCD_PASSWORD).orElse(""));
        }
        TlsOptions.of(
                        config,
                        FloeConnectionOptions.ETCD_TLS_CA_FILE,
                        FloeConnectionOptions.ETCD_TLS_CERT_FILE,
                        FloeConnectionOptions.ETCD_TLS_KEY_FILE)
                .ifPresent(b::tls);
        return b.build();
    }
}
