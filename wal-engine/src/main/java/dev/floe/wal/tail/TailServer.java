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

import dev.floe.wal.log.TailReader;
import dev.floe.wal.log.WriteAheadLog;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.tls.TlsConfig;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ServerSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small TCP endpoint that serves the records of the write-ahead logs it is given, from any offset
 * they still hold, as they are written: the live tail for readers on other hosts. One thread
 * accepts, one thread per connection streams (at most {@code maxConnections}); a shared token, when
 * set, must match. Over TLS when started with a certificate and key. Thread-safe.
 */
public final class TailServer implements AutoCloseable {

    /** Longest a connection goes without a batch; an idle log sends empty ones. */
    public static final Duration HEARTBEAT = Duration.ofMillis(500);

    private static final Logger LOG = LoggerFactory.getLogger(TailServer.class);
    private static final int BATCH_RECORDS = 4096;

    private final ServerSocket socket;
    private final byte[] token;
    private final Map<String, WriteAheadLog> logs = new ConcurrentHashMap<>();
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final ExecutorService workers;
    private final Thread acceptor;
    private volatile boolean closed;

    private TailServer(ServerSocket socket, String token, int maxConnections) {
        this.socket = socket;
        this.token = token == null ? new byte[0] : token.getBytes(StandardCharsets.UTF_8);
        this.workers =
                new ThreadPoolExecutor(
                        0,
                        maxConnections,
                        30,
                        TimeUnit.SECONDS,
                        new SynchronousQueue<>(),
                        r -> {
                            Thread t = new Thread(r, "floe-tail-" + socket.getLocalPort());
                            t.setDaemon(true);
                            return t;
                        });
        this.acceptor = new Thread(this::accept, "floe-tail-accept-" + socket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * Listens on {@code bind}, on the first free port of {@code [firstPort, lastPort]} (0 and 0 for
     * any free port).
     *
     * @throws IOException naming the address and range when no port is free
     */
    public static TailServer start(
            InetAddress bind, int firstPort, int lastPort, String token, int maxConnections)
            throws IOException {
        return start(bind, firstPort, lastPort, token, maxConnections, null);
    }

    /**
     * As {@link #start(InetAddress, int, int, String, int)}, over TLS with the certificate and key
     * of {@code tls} when it is not null.
     *
     * @throws IllegalArgumentException naming the option and file when a TLS file is bad
     */
    public static TailServer start(
            InetAddress bind,
            int firstPort,
            int lastPort,
            String token,
            int maxConnections,
            TlsConfig tls)
            throws IOException {
        if (tls != null && !tls.hasIdentity()) {
            throw new IllegalArgumentException(
                    "a TLS tail endpoint needs a certificate and key, got " + tls);
        }
        ServerSocketFactory sockets =
                tls == null
                        ? ServerSocketFactory.getDefault()
                        : tls.sslContext().getServerSocketFactory();
        IOException last = null;
        for (int port = firstPort; port <= lastPort; port++) {
            ServerSocket s = sockets.createServerSocket();
            try {
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(bind, port), 50);
                return new TailServer(s, token, maxConnections);
            } catch (BindException e) {
                s.close();
                last = e;
            }
        }
        throw new IOException(
                "no free port for the tail endpoint on "
                        + bind.getHostAddress()
                        + " in "
                        + firstPort
                        + "-"
                        + lastPort
                        + (last == null ? "" : ": " + last.getMessage()),
                last);
    }

    /** Serves {@code wal} as the log of {@code stream}/{@code partition} from now on. */
    public void serve(String stream, int partition, WriteAheadLog wal) {
        logs.put(key(stream, partition), wal);
    }

    /** Stops serving a log; its open connections end. */
    public void remove(String stream, int partition) {
        logs.remove(key(stream, partition));
    }

    public int port() {
        return socket.getLocalPort();
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn(
                            "Tail endpoint on port {} stopped accepting: {}", port(), e.toString());
                }
                return;
            }
            try {
                workers.execute(() -> handle(client));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                LOG.warn("Tail endpoint on port {}: too many readers, refusing one", port());
                closeQuietly(client);
            }
        }
    }

    private void handle(Socket client) {
        connections.add(client);
        try (client) {
            client.setTcpNoDelay(true);
            client.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
            DataInputStream in =
                    new DataInputStream(new BufferedInputStream(client.getInputStream()));
            DataOutputStream out =
                    new DataOutputStream(
                            new BufferedOutputStream(client.getOutputStream(), 1 << 16));
            TailProtocol.Request request = TailProtocol.readRequest(in);
            WriteAheadLog wal = logs.get(key(request.stream(), request.partition()));
            String refusal = refusal(request, wal);
            if (refusal != null) {
                out.writeByte(TailProtocol.REFUSED);
                out.writeUTF(refusal);
                out.flush();
                return;
            }
            out.writeByte(TailProtocol.OK);
            out.flush();
            stream(request, wal, out);
        } catch (SocketException e) {
            LOG.debug("Tail reader went away: {}", e.toString());
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                LOG.info("Tail connection ended: {}", e.toString());
            }
        } finally {
            connections.remove(client);
        }
    }

    private String refusal(TailProtocol.Request request, WriteAheadLog wal) {
        byte[] given = request.token().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, token)) {
            return "wrong token";
        }
        if (wal == null) {
            return "this writer does not serve " + request.stream() + "/" + request.partition();
        }
        if (request.from() < wal.startOffset()) {
            return "offset "
                    + request.from()
                    + " is no longer in the log (it starts at "
                    + wal.startOffset()
                    + "); read it from the bucket";
        }
        return null;
    }

    private void stream(TailProtocol.Request request, WriteAheadLog wal, DataOutputStream out)
            throws IOException {
        String key = key(request.stream(), request.partition());
        try (TailReader reader = wal.openReader(request.from(), request.limit())) {
            while (!closed && logs.get(key) == wal) {
                List<LoggedRecord> batch = reader.poll(BATCH_RECORDS, HEARTBEAT);
                TailProtocol.writeBatch(out, batch);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String key(String stream, int partition) {
        return stream + "/" + partition;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // Nothing to do: the connection is gone either way.
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("Closing the tail endpoint: {}", e.toString());
        }
        connections.forEach(TailServer::closeQuietly);
        workers.shutdownNow();
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
