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

import java.net.URI;
import java.util.List;
import java.util.Objects;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

/**
 * What the sink and source builders share: where the stream lives ({@link FloeConnectionOptions})
 * and setting any option by key. Not thread-safe.
 *
 * @param <B> the concrete builder, returned by every setter
 */
@PublicEvolving
public abstract class FloeConnectionBuilder<B extends FloeConnectionBuilder<B>> {

    /** Every option set so far. */
    protected final Configuration config = new Configuration();

    protected FloeConnectionBuilder() {}

    /** Objects are in an S3-compatible store (MinIO, AWS) instead of the local directory. */
    public B s3(URI endpoint, String bucket) {
        set(
                FloeConnectionOptions.S3_ENDPOINT,
                Objects.requireNonNull(endpoint, "endpoint").toString());
        return set(FloeConnectionOptions.S3_BUCKET, bucket);
    }

    public B s3Credentials(String accessKey, String secretKey) {
        set(FloeConnectionOptions.S3_ACCESS_KEY, accessKey);
        return set(FloeConnectionOptions.S3_SECRET_KEY, secretKey);
    }

    /** The manifest is in etcd instead of the embedded store. */
    public B etcd(String... endpoints) {
        return set(FloeConnectionOptions.ETCD_ENDPOINTS, List.of(endpoints));
    }

    /** Directory of the embedded object and manifest stores. */
    public B localPath(String directory) {
        return set(FloeConnectionOptions.LOCAL_PATH, directory);
    }

    /** Sets any option of this builder or of the connection. */
    public <V> B set(ConfigOption<V> option, V value) {
        Objects.requireNonNull(value, () -> option.key() + " must not be null");
        config.set(option, value);
        return self();
    }

    /** Takes every Floe option ({@code floe.*}) present in {@code options}; ignores others. */
    public B configure(Configuration options) {
        options.toMap()
                .forEach(
                        (key, value) -> {
                            if (key.startsWith("floe.")) {
                                config.setString(key, value);
                            }
                        });
        return self();
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
