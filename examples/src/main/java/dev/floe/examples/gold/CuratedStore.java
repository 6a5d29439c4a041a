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
package dev.floe.examples.gold;

import dev.floe.flink.connection.FloeConnectionOptions;
import dev.floe.flink.connection.TlsOptions;
import dev.floe.wal.object.LocalDirectoryObjectStore;
import dev.floe.wal.object.ObjectStore;
import dev.floe.wal.object.S3ObjectStore;
import dev.floe.wal.object.S3ObjectStoreConfig;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;

/**
 * Where curated (gold) objects go: a bucket of the S3-compatible store the stream's connection
 * options name (same endpoint and credentials), or a local directory. Immutable.
 */
public final class CuratedStore implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Configuration connection;
    private final String bucket;
    private final String directory;

    private CuratedStore(Configuration connection, String bucket, String directory) {
        this.connection = connection;
        this.bucket = bucket;
        this.directory = directory;
    }

    /** Bucket {@code bucket} at the S3 endpoint and with the credentials of {@code connection}. */
    public static CuratedStore s3(Configuration connection, String bucket) {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("name the curated bucket");
        }
        return new CuratedStore(new Configuration(connection), bucket, null);
    }

    /** A local directory. */
    public static CuratedStore local(Path directory) {
        return new CuratedStore(new Configuration(), null, directory.toAbsolutePath().toString());
    }

    ObjectStore open() throws IOException {
        if (directory != null) {
            return LocalDirectoryObjectStore.open(Path.of(directory));
        }
        S3ObjectStoreConfig.Builder b =
                S3ObjectStoreConfig.builder()
                        .bucket(bucket)
                        .region(connection.get(FloeConnectionOptions.S3_REGION))
                        .pathStyle(connection.get(FloeConnectionOptions.S3_PATH_STYLE))
                        .createBucketIfMissing(
                                connection.get(FloeConnectionOptions.S3_CREATE_BUCKET));
        connection.getOptional(FloeConnectionOptions.S3_ENDPOINT).ifPresent(b::endpoint);
        connection
                .getOptional(FloeConnectionOptions.S3_ACCESS_KEY)
                .ifPresent(
                        key ->
                                b.credentials(
                                        key,
                                        connection
                                                .getOptional(FloeConnectionOptions.S3_SECRET_KEY)
                                                .orElse("")));
        TlsOptions.of(connection, FloeConnectionOptions.S3_TLS_CA_FILE, null, null)
                .ifPresent(b::tls);
        return S3ObjectStore.open(b.build());
    }

    /** Where an object of this store is, for messages: an s3:// URL or a path. */
    public String locationOf(String key) {
        return directory != null
                ? Path.of(directory).resolve(key).toString()
                : "s3://" + bucket + "/" + key;
    }
}
