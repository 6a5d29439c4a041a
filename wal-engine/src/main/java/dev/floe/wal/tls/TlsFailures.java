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
package dev.floe.wal.tls;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Says in one line why a TLS connection failed: a server certificate the CA does not vouch for or
 * that names another host, a client certificate the server refuses or lacks, a server that does not
 * speak TLS. Stateless.
 */
public final class TlsFailures {

    private static final int MAX_DEPTH = 32;
    private static final Duration ALERT_WAIT = Duration.ofMillis(500);

    private TlsFailures() {}

    /**
     * {@code "<subject>: <cause>"} when {@code error} is, or was caused by, a TLS failure; empty
     * otherwise.
     *
     * @param subject what was reached, such as {@code etcd https://127.0.0.1:2379}
     * @param tls the client's TLS files, or null for the JVM's defaults
     */
    public static Optional<String> describe(String subject, Throwable error, TlsConfig tls) {
        SSLException ssl = null;
        boolean untrusted = false;
        String wrongName = null;
        Throwable t = error;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (t instanceof SSLException e && ssl == null) {
                ssl = e;
            }
            if (t instanceof CertPathBuilderException
                    || t instanceof CertPathValidatorException
                    || message.contains("PKIX path")
                    || message.contains("unable to find valid certification path")) {
                untrusted = true;
            }
            if (t instanceof CertificateException
                    && (message.contains("No subject alternative")
                            || message.contains("No name matching"))) {
                wrongName = message;
            }
        }
        if (ssl == null) {
            return Optional.empty();
        }
        return Optional.of(subject + ": " + cause(ssl, untrusted, wrongName, tls));
    }

    /**
     * Connects to {@code host:port}, shakes hands as {@code tls} says and waits briefly for the
     * server to refuse the client's certificate (TLS 1.3 does that after the handshake): the cause
     * of a TLS failure when there is one, for clients whose own errors hide it. Empty when the
     * handshake passes or the server cannot be reached at all.
     */
    public static Optional<String> probe(
            String subject, String host, int port, TlsConfig tls, Duration timeout) {
        try (SSLSocket socket = (SSLSocket) tls.sslContext().getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            parameters.setApplicationProtocols(new String[] {"h2", "http/1.1"});
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            socket.setSoTimeout((int) ALERT_WAIT.toMillis());
            socket.getInputStream().read();
            return Optional.empty();
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        } catch (IOException e) {
            return describe(subject, e, tls);
        }
    }

    private static String cause(
            SSLException ssl, boolean untrusted, String wrongName, TlsConfig tls) {
        String message = String.valueOf(ssl.getMessage());
        String lower = message.toLowerCase(Locale.ROOT);
        boolean identity = tls != null && tls.hasIdentity();
        if (wrongName != null) {
            return "server certificate does not name this host (" + wrongName + ")";
        }
        if (untrusted) {
            return "server certificate not trusted by "
                    + (tls == null ? "the JVM's default trust store" : tls.trustSource());
        }
        if (lower.contains("certificate_required")
                || (!identity && lower.contains("bad_certificate"))) {
            return identity
                    ? "server refused the client certificate " + tls.certFile().orElseThrow()
                    : "server requires a client certificate, and none is configured";
        }
        if (lower.contains("bad_certificate")
                || lower.contains("certificate_unknown")
                || lower.contains("unknown_ca")) {
            return "server does not trust the client certificate " + tls.certFile().orElseThrow();
        }
        if (lower.contains("unrecognized ssl message") || lower.contains("plaintext")) {
            return "server does not speak TLS: use http:// or check the port";
        }
        int newline = message.indexOf('\n');
        return "TLS handshake failed: " + (newline < 0 ? message : message.substring(0, newline));
    }
}
