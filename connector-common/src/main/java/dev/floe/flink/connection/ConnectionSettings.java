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

import dev.floe.wal.admin.LocalLayout;
import dev.floe.wal.error.FloeErrors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.Configuration;

/**
 * The connection options {@link ConnectionResolver} found, and where it found them: what a tool
 * passes to the sink and source builders ({@code configure(settings.config())}) and names in its
 * messages. Immutable.
 */
@PublicEvolving
public final class ConnectionSettings {

    private final Configuration config;
    private final List<String> sources;

    ConnectionSettings(Configuration config, List<String> sources) {
        this.config = new Configuration(config);
        this.sources = List.copyOf(sources);
    }

    /** The {@code floe.*} options; a copy. */
    public Configuration config() {
        return new Configuration(config);
    }

    /** Where the options came from, such as "endpoints file F" or "flags"; empty for defaults. */
    public List<String> sources() {
        return sources;
    }

    /** Where the options came from, for messages: "flags, FLOE_* environment variables". */
    public String origin() {
        return sources.isEmpty() ? "embedded defaults" : String.join(", ", sources);
    }

    /** Whether objects are in S3 (a bucket is set) rather than a local directory. */
    public boolean usesS3() {
        return config.getOptional(FloeConnectionOptions.S3_BUCKET).isPresent();
    }

    /** Whether the manifest is in etcd (endpoints are set) rather than embedded. */
    public boolean usesEtcd() {
        return config.getOptional(FloeConnectionOptions.ETCD_ENDPOINTS).isPresent();
    }

    /** The directory of the embedded stores, {@link FloeConnectionOptions#LOCAL_PATH}. */
    public Path localPath() {
        return Path.of(config.get(FloeConnectionOptions.LOCAL_PATH)).toAbsolutePath();
    }

    /** Where objects and manifest are, for messages, without connecting. */
    public String describe() {
        String objects;
        if (usesS3()) {
            String parquet =
                    config.getOptional(FloeConnectionOptions.S3_PARQUET_BUCKET)
                            .map(b -> " (Parquet: " + b + ")")
                            .orElse("");
            objects =
                    "S3 bucket "
                            + config.get(FloeConnectionOptions.S3_BUCKET)
                            + parquet
                            + " at "
                            + config.getOptional(FloeConnectionOptions.S3_ENDPOINT).orElse("AWS");
        } else {
            objects = "local directory " + LocalLayout.objects(localPath());
        }
        String manifest =
                usesEtcd()
                        ? "etcd "
                                + String.join(",", config.get(FloeConnectionOptions.ETCD_ENDPOINTS))
                        : "embedded manifest in " + LocalLayout.manifest(localPath());
        return objects + ", " + manifest;
    }

    /**
     * Connects to the object store and the manifest store and lets go of them again: fails fast,
     * before a job is built, on a wrong endpoint, credentials or bucket.
     *
     * @throws IOException if a store cannot be reached or refuses the connection, or the options do
     *     not fit together; the message is one line that ends with {@link #origin()}
     */
    public void check() throws IOException {
        try {
            FloeConnection.validate(config);
            FloeConnection.open(config).close();
        } catch (IOException | RuntimeException e) {
            throw new IOException(
                    FloeErrors.firstLine(e) + " (connection from " + origin() + ")", e);
        }
    }

    @Override
    public String toString() {
        return describe() + " (from " + origin() + ")";
    }
}
