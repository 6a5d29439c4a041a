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
package dev.floe.wal.manifest.etcd;

import dev.floe.wal.manifest.CommitStateUnknownException;
import dev.floe.wal.manifest.ManifestKeys;
import dev.floe.wal.tls.TlsConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how to reach the etcd cluster that holds the manifest; build one with {@link
 * #builder()}. Immutable and thread-safe.
 */
public final class EtcdManifestConfig {

    /** Default namespace: {@code default}. */
    public static final String DEFAULT_NAMESPACE = "default";

    /** Default bound on every etcd call: 5 s. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);

    /** Default bound on connecting (and on the reachability check at start): 5 s. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /** Default time spent learning a commit's outcome after a timeout, before giving up: 30 s. */
    public static final Duration DEFAULT_COMMIT_RESOLVE_TIMEOUT = Duration.ofSeconds(30);

    /** Default largest response accepted from etcd: 64 MiB. */
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

    private final List<URI> endpoints;
    private final String namespace;
    private final Duration requestTimeout;
    private final Duration connectTimeout;
    private final Duration commitResolveTimeout;
    private final int maxResponseBytes;
    private final String user;
    private final String password;
    private final TlsConfig tls;

    private EtcdManifestConfig(Builder b) {
        this.endpoints = List.copyOf(b.endpoints);
        this.namespace = b.namespace;
        this.requestTimeout = b.requestTimeout;
        this.connectTimeout = b.connectTimeout;
        this.commitResolveTimeout = b.commitResolveTimeout;
        this.maxResponseBytes = b.maxResponseBytes;
        this.user = b.user;
        this.password = b.password;
        this.tls = b.tls;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The etcd client URLs, for example {@code http://127.0.0.1:2379}, all http or all https. */
    public List<URI> endpoints() {
        return endpoints;
    }

    /** The namespace: all keys live under {@code /floe/<namespace>/}. */
    public String namespace() {
        return namespace;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration commitResolveTimeout() {
        return commitResolveTimeout;
    }

    public int maxResponseBytes() {
        return maxResponseBytes;
    }

    /** The etcd user, or null without authentication. */
    public String user() {
        return user;
    }

    /** The etcd password, or null without authentication. */
    public String password() {
        return password;
    }

    /** Whether the endpoints are {@code https}. */
    public boolean usesTls() {
        return "https".equals(endpoints.get(0).getScheme());
    }

    /**
     * The CA, and the client certificate and key, of {@code https} endpoints; empty for plain
     * endpoints, and for {@code https} ones trusted through the JVM's trust store without a client
     * certificate.
     */
    public Optional<TlsConfig> tls() {
        return Optional.ofNullable(tls);
    }

    /** Endpoints and namespace; never the password. */
    @Override
    public String toString() {
        return "etcd " + endpoints + " namespace " + namespace;
    }

    /** Builds an {@link EtcdManifestConfig}. Not thread-safe. */
    public static final class Builder {
        private List<URI> endpoints = List.of();
        private String namespace = DEFAULT_NAMESPACE;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration commitResolveTimeout = DEFAULT_COMMIT_RESOLVE_TIMEOUT;
        private int maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
        private String user;
        private String password;
        private TlsConfig tls;

        private Builder() {}

        /**
         * The etcd client URLs ({@code http://host:port}, or {@code https://host:port} for TLS);
         * required, no default.
         */
        public Builder endpoints(List<String> urls) {
            Objects.requireNonNull(urls, "endpoints");
            if (urls.isEmpty()) {
                throw new IllegalArgumentException(
                        "etcd endpoints must not be empty: give at least one, e.g."
                                + " http://127.0.0.1:2379");
            }
            this.endpoints = urls.stream().map(Builder::endpoint).toList();
            return this;
        }

        public Builder endpoints(String... urls) {
            return endpoints(List.of(urls));
        }

        private static URI endpoint(String url) {
            URI uri;
            try {
                uri = URI.create(Objects.requireNonNull(url, "endpoint").trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid etcd endpoint '" + url + "'", e);
            }
            boolean scheme = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            if (!scheme || uri.getHost() == null || uri.getPort() < 0) {
                throw new IllegalArgumentException(
                        "invalid etcd endpoint '"
                                + url
                                + "': use http://host:port or https://host:port");
            }
            return uri;
        }

        /** The namespace (letters, digits, '.', '_', '-'); default {@value #DEFAULT_NAMESPACE}. */
        public Builder namespace(String namespace) {
            new ManifestKeys(namespace);
            this.namespace = namespace;
            return this;
        }

        /** Bound on every etcd call; default 5 s. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive("requestTimeout", timeout);
            return this;
        }

        /** Bound on connecting and on the reachability check at start; default 5 s. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive("connectTimeout", timeout);
            return this;
        }

        /**
         * How long a commit whose request timed out keeps trying to read its outcome back before it
         * fails with {@link CommitStateUnknownException}; default 30 s.
         */
        public Builder commitResolveTimeout(Duration timeout) {
            this.commitResolveTimeout = positive("commitResolveTimeout", timeout);
            return this;
        }

        /** Largest response accepted from etcd (large object listings); default 64 MiB. */
        public Builder maxResponseBytes(int bytes) {
            if (bytes < 1024 * 1024) {
                throw new IllegalArgumentException(
                        "maxResponseBytes must be at least 1 MiB, got " + bytes);
            }
            this.maxResponseBytes = bytes;
            return this;
        }

        /** User and password for etcd authentication; default none. */
        public Builder credentials(String user, String password) {
            this.user = Objects.requireNonNull(user, "user");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /**
         * The CA that signed the members' certificates (default: the JVM's trust store) and the
         * client certificate and key for etcd's {@code --client-cert-auth}; needs {@code https}
         * endpoints.
         */
        public Builder tls(TlsConfig tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        public EtcdManifestConfig build() {
            if (endpoints.isEmpty()) {
                throw new IllegalArgumentException(
                        "etcd endpoints are required, e.g. http://127.0.0.1:2379");
            }
            long secure = endpoints.stream().filter(u -> "https".equals(u.getScheme())).count();
            if (secure != 0 && secure != endpoints.size()) {
                throw new IllegalArgumentException(
                        "etcd endpoints "
                                + endpoints
                                + " mix http:// and https://: use one for all");
            }
            if (tls != null && secure == 0) {
                throw new IllegalArgumentException(
                        "etcd TLS files are set but the endpoints "
                                + endpoints
                                + " use http://: give https:// endpoints");
            }
            return new EtcdManifestConfig(this);
        }

        private static Duration positive(String what, Duration d) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, got " + d);
            }
            return d;
        }
    }
}
