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
package dev.floe.wal.tail;

import dev.floe.wal.log.ReadLimit;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.tls.TlsConfig;
import dev.floe.wal.tls.TlsFailures;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Reads a partition's records from a writer's tail endpoint, starting at an offset: the records the
 * writer's log holds, before they are in the bucket. Used by one thread.
 */
public final class TailClient implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;
    private final String endpoint;

    private TailClient(Socket socket, DataInputStream in, String endpoint) {
        this.socket = socket;
        this.in = in;
        this.endpoint = endpoint;
    }

    /**
     * Connects to {@code endpoint} ({@code host:port}) and asks for records from {@code from}.
     *
     * @param timeout for connecting and for each {@link #poll} (the server sends a heartbeat at
     *     least every {@link TailServer#HEARTBEAT})
     * @throws IOException if the endpoint cannot be reached or refuses (the reason is in the
     *     message)
     */
    public static TailClient connect(
            String endpoint,
            String token,
            String stream,
            int partition,
            long from,
            ReadLimit limit,
            Duration timeout)
            throws IOException {
        return connect(endpoint, token, stream, partition, from, limit, timeout, null);
    }

    /**
     * As {@link #connect(String, String, String, int, long, ReadLimit, Duration)}, over TLS when
     * {@code tls} is not null: the endpoint's certificate must be signed by its CA and name the
     * endpoint's host.
     *
     * @throws IOException also when the TLS handshake fails, in one line saying why
     */
    public static TailClient connect(
            String endpoint,
            String token,
            String stream,
            int partition,
            long from,
            ReadLimit limit,
            Duration timeout,
            TlsConfig tls)
            throws IOException {
        int colon = endpoint.lastIndexOf(':');
        if (colon < 0) {
            throw new IOException("tail endpoint '" + endpoint + "' is not host:port");
        }
        Socket socket =
                tls == null ? new Socket() : tls.sslContext().getSocketFactory().createSocket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(
                    new InetSocketAddress(
                            endpoint.substring(0, colon),
                            Integer.parseInt(endpoint.substring(colon + 1))),
                    (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            if (socket instanceof SSLSocket ssl) {
                handshake(ssl, endpoint, tls);
            }
            DataOutputStream out =
                    new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
            TailProtocol.writeRequest(
                    out,
                    new TailProtocol.Request(
                            token == null ? "" : token, stream, partition, from, limit));
            DataInputStream in =
                    new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
            if (in.readByte() != TailProtocol.OK) {
                throw new IOException(
                        "tail endpoint "
                                + endpoint
                                + " refused "
                                + stream
                                + "/"
                                + partition
                                + " from offset "
                                + from
                                + ": "
                                + in.readUTF());
            }
            return new TailClient(socket, in, endpoint);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e instanceof IOException io
                    ? io
                    : new IOException("tail endpoint " + endpoint + ": " + e, e);
        }
    }

    private static void handshake(SSLSocket socket, String endpoint, TlsConfig tls)
            throws IOException {
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        try {
            socket.startHandshake();
        } catch (SSLException e) {
            throw new SSLException(
                    TlsFailures.describe("tail endpoint " + endpoint, e, tls)
                            .orElse("tail endpoint " + endpoint + ": " + e.getMessage()),
                    e);
        }
    }

    /** Whether a batch (or part of one) has arrived, so {@link #poll} would not wait long. */
    public boolean hasBatch() throws IOException {
        if (in.available() > 0) {
            return true;
        }
        if (!(socket instanceof SSLSocket)) {
            return false;
        }
        // TLS counts only decrypted bytes as available: read one, waiting at most a moment.
        int timeout = socket.getSoTimeout();
        socket.setSoTimeout(1);
        try {
            in.mark(1);
            int next = in.read();
            if (next >= 0) {
                in.reset();
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } finally {
            socket.setSoTimeout(timeout);
        }
    }

    /**
     * The next batch of records in offset order; empty when the writer had nothing new.
     *
     * @throws TailCutOffException when the endpoint cut this reader off (it fell behind), with the
     *     endpoint's reason
     */
    public List<LoggedRecord> poll() throws IOException {
        try {
            return TailProtocol.readBatch(in);
        } catch (TailCutOffException e) {
            throw new TailCutOffException(
                    "tail endpoint " + endpoint + " cut this reader off: " + e.getMessage());
        } catch (EOFException e) {
            throw new IOException(
                    "tail endpoint "
                            + endpoint
                            + " closed the connection: the writer stopped serving the partition,"
                            + " or this reader did not read for floe.sink.tail.write-timeout",
                    e);
        }
    }

    public String endpoint() {
        return endpoint;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
