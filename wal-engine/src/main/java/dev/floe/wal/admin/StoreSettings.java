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
package dev.floe.wal.admin;

import dev.floe.wal.manifest.etcd.EtcdManifestConfig;
import dev.floe.wal.object.S3ObjectStoreConfig;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a Floe deployment keeps its objects and its manifest: objects in an S3 bucket (with Parquet
 * objects in a second bucket, or the same), or in a local directory; the manifest in etcd, or
 * embedded in a local directory ({@link LocalLayout}). Checked when built; building never connects.
 * Immutable.
 */
public final class StoreSettings {

    /** The namespace of an embedded manifest unless one is set. */
    public static final String DEFAULT_NAMESPACE = EtcdManifestConfig.DEFAULT_NAMESPACE;

    private final Path localPath;
    private final String namespace;
    private final S3ObjectStoreConfig segmentBucket;
    private final S3ObjectStoreConfig parquetBucket;
    private final EtcdManifestConfig etcd;

    private StoreSettings(
            Path localPath,
            String namespace,
            S3ObjectStoreConfig segmentBucket,
            S3ObjectStoreConfig parquetBucket,
            EtcdManifestConfig etcd) {
        this.localPath = localPath == null ? null : localPath.toAbsolutePath();
        this.namespace = namespace;
        this.segmentBucket = segmentBucket;
        this.parquetBucket = parquetBucket;
        this.etcd = etcd;
    }

    /** Objects and manifest both in the local directory {@code root}. */
    public static StoreSettings embedded(Path root) {
        return builder().localPath(root).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The local directory of the embedded stores, if any store is embedded. */
    public Optional<Path> localPath() {
        return Optional.ofNullable(localPath);
    }

    /** The namespace of the embedded manifest (etcd's is in {@link #etcd()}). */
    public String namespace() {
        return namespace;
    }

    /** The bucket of segment objects, and of Parquet objects unless {@link #parquetBucket()}. */
    public Optional<S3ObjectStoreConfig> segmentBucket() {
        return Optional.ofNullable(segmentBucket);
    }

    /** The bucket of Parquet objects, when apart from the segment bucket. */
    public Optional<S3ObjectStoreConfig> parquetBucket() {
        return Optional.ofNullable(parquetBucket);
    }

    /** The etcd holding the manifest; empty for the embedded manifest. */
    public Optional<EtcdManifestConfig> etcd() {
        return Optional.ofNullable(etcd);
    }

    /** Whether objects are in S3 rather than the local directory. */
    public boolean usesS3() {
        return segmentBucket != null;
    }

    /** Whether the manifest is in etcd rather than embedded. */
    public boolean usesEtcd() {
        return etcd != null;
    }

    /** Collects the settings; {@link #build()} checks them. Not thread-safe. */
    public static final class Builder {
        private Path localPath;
        private String namespace = DEFAULT_NAMESPACE;
        private S3ObjectStoreConfig segmentBucket;
        private S3ObjectStoreConfig parquetBucket;
        private EtcdManifestConfig etcd;

        private Builder() {}

        /** The directory of the embedded object store and manifest. */
        public Builder localPath(Path localPath) {
            this.localPath = Objects.requireNonNull(localPath, "local path");
            return this;
        }

        /** The namespace of the embedded manifest; default {@value #DEFAULT_NAMESPACE}. */
        public Builder namespace(String namespace) {
            this.namespace = Objects.requireNonNull(namespace, "namespace");
            return this;
        }

        /** Objects in S3: segment objects, and Parquet objects unless {@link #parquetBucket}. */
        public Builder s3(S3ObjectStoreConfig segmentBucket) {
            this.segmentBucket = Objects.requireNonNull(segmentBucket, "segment bucket");
            return this;
        }

        /** Parquet objects in a bucket of their own (a medallion layout). */
        public Builder parquetBucket(S3ObjectStoreConfig parquetBucket) {
            this.parquetBucket = Objects.requireNonNull(parquetBucket, "parquet bucket");
            return this;
        }

        /** The manifest in etcd. */
        public Builder etcd(EtcdManifestConfig etcd) {
            this.etcd = Objects.requireNonNull(etcd, "etcd");
            return this;
        }

        /**
         * @throws IllegalArgumentException if a store is embedded but no local path is set, or a
         *     Parquet bucket is set without a segment bucket
         */
        public StoreSettings build() {
            if (parquetBucket != null && segmentBucket == null) {
                throw new IllegalArgumentException(
                        "a Parquet bucket ("
                                + parquetBucket.bucket()
                                + ") is set without a bucket for the segment objects");
            }
            if (localPath == null && (segmentBucket == null || etcd == null)) {
                throw new IllegalArgumentException(
                        "no local path for the embedded "
                                + (segmentBucket == null ? "object store" : "manifest")
                                + ": set a local path, or "
                                + (segmentBucket == null ? "an S3 bucket" : "etcd endpoints"));
            }
            boolean apart =
                    parquetBucket != null && !parquetBucket.bucket().equals(segmentBucket.bucket());
            return new StoreSettings(
                    localPath, namespace, segmentBucket, apart ? parquetBucket : null, etcd);
        }
    }
}
