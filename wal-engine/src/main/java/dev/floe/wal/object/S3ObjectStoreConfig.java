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
package dev.floe.wal.object;

import dev.floe.wal.tls.TlsConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where and how an {@link S3ObjectStore} reaches its bucket. Immutable; build one with {@link
 * #builder()}, whose setters reject bad values at once.
 *
 * <p>Defaults: no endpoint (AWS S3 itself), region {@value #DEFAULT_REGION}, no key prefix,
 * credentials from the AWS SDK's default chain, path-style requests, connect timeout 5 s, API call
 * timeout 60 s (each call including its retries), 3 retries with exponential backoff and full
 * jitter, part size 8 MiB, bucket not created, an {@code https} endpoint trusted through the JVM's
 * trust store.
 */
public final class S3ObjectStoreConfig {

    public static final String DEFAULT_REGION = "us-east-1";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_API_CALL_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_RETRIES = 3;
    public static final int DEFAULT_PART_SIZE = 8 << 20;

    /** S3's smallest part (all but the last). */
    public static final int MIN_PART_SIZE = 5 << 20;

    /** The largest part this store buffers in memory. */
    public static final int MAX_PART_SIZE = 1 << 30;

    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    private final URI endpoint;
    private final String region;
    private final String bucket;
    private final String keyPrefix;
    private final String accessKey;
    private final String secretKey;
    private final boolean pathStyle;
    private final Duration connectTimeout;
    private final Duration apiCallTimeout;
    private final int maxRetries;
    private final int partSize;
    private final boolean createBucketIfMissing;
    private final TlsConfig tls;

    private S3ObjectStoreConfig(Builder b) {
        this.endpoint = b.endpoint;
        this.region = b.region;
        this.bucket = b.bucket;
        this.keyPrefix = b.keyPrefix;
        this.accessKey = b.accessKey;
        this.secretKey = b.secretKey;
        this.pathStyle = b.pathStyle;
        this.connectTimeout = b.connectTimeout;
        this.apiCallTimeout = b.apiCallTimeout;
        this.maxRetries = b.maxRetries;
        this.partSize = b.partSize;
        this.createBucketIfMissing = b.createBucketIfMissing;
        this.tls = b.tls;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The S3 endpoint, for example {@code http://127.0.0.1:9000}; empty for AWS S3 itself. */
    public Optional<URI> endpoint() {
        return Optional.ofNullable(endpoint);
    }

    public String region() {
        return region;
    }

    public String bucket() {
        return bucket;
    }

    /** Prepended to every key; empty or ending in {@code /}. */
    public String keyPrefix() {
        return keyPrefix;
    }

    /** The static access key; empty when the SDK's default credentials chain is used. */
    public Optional<String> accessKey() {
        return Optional.ofNullable(accessKey);
    }

    Optional<String> secretKey() {
        return Optional.ofNullable(secretKey);
    }

    public boolean pathStyle() {
        return pathStyle;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration apiCallTimeout() {
        return apiCallTimeout;
    }

    public int maxRetries() {
        return maxRetries;
    }

    public int partSize() {
        return partSize;
    }

    public boolean createBucketIfMissing() {
        return createBucketIfMissing;
    }

    /** The CA an {@code https} endpoint's certificate is checked against; empty for the JVM's. */
    public Optional<TlsConfig> tls() {
        return Optional.ofNullable(tls);
    }

    /** A new builder holding this configuration's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.endpoint = endpoint;
        b.region = region;
        b.bucket = bucket;
        b.keyPrefix = keyPrefix;
        b.accessKey = accessKey;
        b.secretKey = secretKey;
        b.pathStyle = pathStyle;
        b.connectTimeout = connectTimeout;
        b.apiCallTimeout = apiCallTimeout;
        b.maxRetries = maxRetries;
        b.partSize = partSize;
        b.createBucketIfMissing = createBucketIfMissing;
        b.tls = tls;
        return b;
    }

    /** The configuration without the secret key, for logs. */
    @Override
    public String toString() {
        return "S3ObjectStoreConfig{endpoint="
                + (endpoint == null ? "AWS" : endpoint)
                + ", region="
                + region
                + ", bucket="
                + bucket
                + ", keyPrefix="
                + keyPrefix
                + ", accessKey="
                + (accessKey == null ? "<default chain>" : accessKey)
                + ", pathStyle="
                + pathStyle
                + ", connectTimeout="
                + connectTimeout
                + ", apiCallTimeout="
                + apiCallTimeout
                + ", maxRetries="
                + maxRetries
                + ", partSize="
                + partSize
                + ", createBucketIfMissing="
                + createBucketIfMissing
                + (tls == null ? "" : ", tls=" + tls)
                + '}';
    }

    /** Collects and checks the options of an {@link S3ObjectStoreConfig}. Not thread-safe. */
    public static final class Builder {
        private URI endpoint;
        private String region = DEFAULT_REGION;
        private String bucket;
        private String keyPrefix = "";
        private String accessKey;
        private String secretKey;
        private boolean pathStyle = true;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration apiCallTimeout = DEFAULT_API_CALL_TIMEOUT;
        private int maxRetries = DEFAULT_MAX_RETRIES;
        private int partSize = DEFAULT_PART_SIZE;
        private boolean createBucketIfMissing;
        private TlsConfig tls;

        private Builder() {}

        /**
         * The CA file an {@code https} endpoint's certificate is checked against (a certificate and
         * key in {@code tls} are not used); default: the JVM's trust store.
         */
        public Builder tls(TlsConfig tls) {
            if (tls == null) {
                throw new IllegalArgumentException(
                        "S3 TLS settings must not be null; leave them unset for the JVM's trust"
                                + " store");
            }
            this.tls = tls;
            return this;
        }

        /** An {@code http} or {@code https} URI with a host and no path; default: AWS S3. */
        public Builder endpoint(URI endpoint) {
            if (endpoint == null) {
                throw new IllegalArgumentException(
                        "S3 endpoint must not be null; leave it unset to use AWS S3");
            }
            String scheme = endpoint.getScheme();
            if (!"http".equals(scheme) && !"https".equals(scheme)) {
                throw new IllegalArgumentException(
                        "S3 endpoint "
                                + endpoint
                                + " must start with http:// or https://, e.g."
                                + " http://127.0.0.1:9000");
            }
            if (endpoint.getHost() == null) {
                throw new IllegalArgumentException(
                        "S3 endpoint " + endpoint + " has no host, e.g. http://127.0.0.1:9000");
            }
            String path = endpoint.getPath();
            if ((path != null && !path.isEmpty() && !path.equals("/"))
                    || endpoint.getQuery() != null
                    || endpoint.getFragment() != null) {
                throw new IllegalArgumentException(
                        "S3 endpoint "
                                + endpoint
                                + " must be scheme, host and port only; put the bucket in"
                                + " bucket() and key paths in keyPrefix()");
            }
            this.endpoint = endpoint;
            return this;
        }

        /** The endpoint as a string, see {@link #endpoint(URI)}. */
        public Builder endpoint(String endpoint) {
            if (endpoint == null || endpoint.isBlank()) {
                throw new IllegalArgumentException(
                        "S3 endpoint must not be blank; leave it unset to use AWS S3");
            }
            try {
                return endpoint(URI.create(endpoint.strip()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "S3 endpoint '" + endpoint + "' is not a URI: " + e.getMessage(), e);
            }
        }

        /** The signing region; default {@value #DEFAULT_REGION}. */
        public Builder region(String region) {
            if (region == null || region.isBlank()) {
                throw new IllegalArgumentException(
                        "S3 region must not be blank; the default is " + DEFAULT_REGION);
            }
            this.region = region.strip();
            return this;
        }

        /** The bucket (required): 3 to 63 lowercase letters, digits, dots and hyphens. */
        public Builder bucket(String bucket) {
            if (bucket == null || !BUCKET_NAME.matcher(bucket).matches()) {
                throw new IllegalArgumentException(
                        "S3 bucket name '"
                                + bucket
                                + "' is invalid: use 3 to 63 lowercase letters, digits, dots and"
                                + " hyphens, starting and ending with a letter or digit");
            }
            this.bucket = bucket;
            return this;
        }

        /**
         * A prefix for every key, such as {@code floe/}; a {@code /} is appended if missing.
         * Default: none.
         */
        public Builder keyPrefix(String keyPrefix) {
            if (keyPrefix == null) {
                throw new IllegalArgumentException("S3 key prefix must not be null; use \"\"");
            }
            String trimmed =
                    keyPrefix.endsWith("/")
                            ? keyPrefix.substring(0, keyPrefix.length() - 1)
                            : keyPrefix;
            if (trimmed.isEmpty()) {
                this.keyPrefix = "";
                return this;
            }
            try {
                ObjectKeys.check(trimmed);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "S3 key prefix '" + keyPrefix + "' is invalid: " + e.getMessage(), e);
            }
            this.keyPrefix = trimmed + "/";
            return this;
        }

        /** Static credentials; default: the AWS SDK's default credentials chain. */
        public Builder credentials(String accessKey, String secretKey) {
            if (accessKey == null || accessKey.isBlank()) {
                throw new IllegalArgumentException("S3 access key must not be blank");
            }
            if (secretKey == null || secretKey.isEmpty()) {
                throw new IllegalArgumentException(
                        "S3 secret key for access key " + accessKey + " must not be empty");
            }
            this.accessKey = accessKey;
            this.secretKey = secretKey;
            return this;
        }

        /**
         * Path-style requests ({@code endpoint/bucket/key}) rather than virtual-host style; default
         * true, which S3-compatible servers such as MinIO need.
         */
        public Builder pathStyle(boolean pathStyle) {
            this.pathStyle = pathStyle;
            return this;
        }

        /** How long to wait for a TCP connection; default 5 s. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = positive("connectTimeout", connectTimeout);
            return this;
        }

        /** The limit on each API call including its retries; default 60 s. */
        public Builder apiCallTimeout(Duration apiCallTimeout) {
            this.apiCallTimeout = positive("apiCallTimeout", apiCallTimeout);
            return this;
        }

        /** Retries after a failed attempt (0 to 20), with exponential backoff; default 3. */
        public Builder maxRetries(int maxRetries) {
            if (maxRetries < 0 || maxRetries > 20) {
                throw new IllegalArgumentException(
                        "maxRetries must be between 0 and 20, got " + maxRetries);
            }
            this.maxRetries = maxRetries;
            return this;
        }

        /**
         * Bytes per multipart part, buffered in memory per upload; 5 MiB to 1 GiB, default 8 MiB.
         * Objects up to one part are written with a single request.
         */
        public Builder partSize(int partSize) {
            if (partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
                throw new IllegalArgumentException(
                        "partSize must be between 5 MiB ("
                                + MIN_PART_SIZE
                                + ") and 1 GiB ("
                                + MAX_PART_SIZE
                                + ") bytes, got "
                                + partSize);
            }
            this.partSize = partSize;
            return this;
        }

        /** Create the bucket when the store opens if it does not exist; default false. */
        public Builder createBucketIfMissing(boolean createBucketIfMissing) {
            this.createBucketIfMissing = createBucketIfMissing;
            return this;
        }

        /**
         * The configuration.
         *
         * @throws IllegalStateException if no bucket was set
         */
        public S3ObjectStoreConfig build() {
            if (bucket == null) {
                throw new IllegalStateException(
                        "S3 object store needs a bucket: call bucket(name) on the builder");
            }
            return new S3ObjectStoreConfig(this);
        }

        private static Duration positive(String name, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(
                        name + " must be a positive duration, got " + value);
            }
            return value;
        }
    }
}
