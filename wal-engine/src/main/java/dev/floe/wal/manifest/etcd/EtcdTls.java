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

import dev.floe.wal.tls.TlsConfig;
import dev.floe.wal.tls.TlsFailures;
import io.grpc.netty.GrpcSslContexts;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.URI;
import java.util.Optional;
import javax.net.ssl.SSLException;

/** The TLS side of the etcd client: its gRPC context, and why a handshake failed. Stateless. */
final class EtcdTls {

    private EtcdTls() {}

    /** A gRPC client context trusting {@code tls}'s CA and presenting its certificate, if any. */
    static SslContext sslContext(TlsConfig tls) {
        TlsConfig files = tls == null ? TlsConfig.builder().build() : tls;
        SslContextBuilder builder = GrpcSslContexts.forClient().trustManager(files.trustManagers());
        files.keyManagers().ifPresent(builder::keyManager);
        try {
            return builder.build();
        } catch (SSLException e) {
            throw new IllegalStateException(
                    "cannot set up TLS for etcd with " + files + ": " + e.getMessage(), e);
        }
    }

    /**
     * The TLS cause of a failure to open, naming the endpoint: from a handshake with each endpoint
     * in turn (gRPC often reports a failed handshake as a timeout, and for all endpoints at once),
     * else from the error when it says so.
     */
    static Optional<String> failure(EtcdManifestConfig config, Throwable error) {
        TlsConfig tls = config.tls().orElseGet(() -> TlsConfig.builder().build());
        for (URI endpoint : config.endpoints()) {
            Optional<String> probed =
                    TlsFailures.probe(
                            "etcd " + endpoint,
                            endpoint.getHost(),
                            endpoint.getPort(),
                            tls,
                            config.connectTimeout());
            if (probed.isPresent()) {
                return probed;
            }
        }
        return TlsFailures.describe("etcd " + config.endpoints(), error, tls);
    }
}
