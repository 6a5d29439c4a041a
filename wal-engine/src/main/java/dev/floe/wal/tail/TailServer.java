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

import dev.floe.wal.io.DaemonThreads;
import dev.floe.wal.log.OffsetOutOfRangeException;
import dev.floe.wal.log.ReadLimit;
import dev.floe.wal.log.TailReader;
import dev.floe.wal.log.WriteAheadLog;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.tls.TlsConfig;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
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
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ServerSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small TCP endpoint that serves the records of the write-ahead logs it is given, from any offset
 * they still hold, as they are written: the live tail for readers on other hosts. One thread
 * accepts, one thread per connection streams, and one watchdog ends writes that block too long; a
 * shared token, when set, must match. Readers beyond {@link TailLimits#maxConnections()} are
 * refused, readers that fall behind are cut off, and only {@link TailLimits#servingThreads()}
 * connections read and encode at once, so readers cost the writer little however many there are.
 * Each connection holds a thread, about 330 KiB of buffers (the WAL reader's 256 KiB, 64 KiB to the
 * socket) plus one encoded batch of up to 4,096 records, and one open WAL file. Over TLS when
 * started with a certificate and key. Thread-safe.
 */
public final class TailServer implements AutoCloseable {

    /** Longest a connection goes without a batch; an idle log sends empty ones. */
    public static final Duration HEARTBEAT = Duration.ofMillis(500);

    private static final Logger LOG = LoggerFactory.getLogger(TailServer.class);
    private static final int BATCH_RECORDS = 4096;
    // Threads beyond the limit that only read a request and refuse it, so the reader learns why.
    private static final int REFUSING_THREADS = 4;

    private final ServerSocket socket;
    private final byte[] token;
    private final TailLimits limits;
    private final Map<String, WriteAheadLog> logs = new ConcurrentHashMap<>();
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger serving = new AtomicInteger();
    private final Semaphore permits;
    private final ExecutorService workers;
    private final ScheduledExecutorService watchdog;
    private final Thread acceptor;
    private volatile boolean closed;

    private TailServer(ServerSocket socket, String token, TailLimits limits) {
        this.socket = socket;
        this.token = token == null ? new byte[0] : token.getBytes(StandardCharsets.UTF_8);
        this.limits = limits;
        this.permits = new Semaphore(limits.servingThreads(), true);
        this.workers =
                new ThreadPoolExecutor(
                        0,
                        limits.maxConnections() + REFUSING_THREADS,
                        30,
                        TimeUnit.SECONDS,
                        new SynchronousQueue<>(),
                        DaemonThreads.named("floe-tail-" + socket.getLocalPort()));
        this.watchdog =
                Executors.newSingleThreadScheduledExecutor(
                        DaemonThreads.named("floe-tail-watchdog-" + socket.getLocalPort()));
        long checkMillis = Math.max(10, Math.min(1000, limits.writeTimeout().toMillis() / 4));
        watchdog.scheduleWithFixedDelay(
                this::endBlockedWrites, checkMillis, checkMillis, TimeUnit.MILLISECONDS);
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
            InetAddress bind, int firstPort, int lastPort, String token, TailLimits limits)
            throws IOException {
        return start(bind, firstPort, lastPort, token, limits, null);
    }

    /**
     * As {@link #start(InetAddress, int, int, String, TailLimits)}, over TLS with the certificate
     * and key of {@code tls} when it is not null.
     *
     * @throws IllegalArgumentException naming the option and file when a TLS file is bad
     */
    public static TailServer start(
            InetAddress bind,
            int firstPort,
            int lastPort,
            String token,
            TailLimits limits,
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
                return new TailServer(s, token, limits);
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
            } catch (RejectedExecutionException e) {
                LOG.warn("Tail endpoint on port {}: too many readers, refusing one", port());
                closeQuietly(client);
            }
        }
    }

    private void handle(Socket client) {
        Connection connection = new Connection(client);
        connections.add(connection);
        boolean counted = false;
        try (client) {
            client.setTcpNoDelay(true);
            client.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
            DataInputStream in =
                    new DataInputStream(new BufferedInputStream(client.getInputStream()));
            DataOutputStream out =
                    new DataOutputStream(
                            new BufferedOutputStream(
                                    connection.timed(client.getOutputStream()), 1 << 16));
            TailProtocol.Request request = TailProtocol.readRequest(in);
            connection.name = request.stream() + "/" + request.partition();
            boolean full = serving.incrementAndGet() > limits.maxConnections();
            counted = true;
            WriteAheadLog wal = logs.get(key(request.stream(), request.partition()));
            String refusal =
                    full
                            ? "too many readers: this endpoint serves at most "
                                    + limits.maxConnections()
                                    + " (floe.sink.tail.max-connections)"
                            : refusal(request, wal);
            if (refusal != null) {
                LOG.info(
                        "Tail endpoint on port {} refused a reader of {}: {}",
                        port(),
                        connection.name,
                        refusal);
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
            if (counted) {
                serving.decrementAndGet();
            }
            connections.remove(connection);
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

    /**
     * Sends batches until the log is removed or the reader is cut off: when it has not reached the
     * end of the log for {@link TailLimits#maxLag()}, or its position left the log. A reader behind
     * the end reads and encodes only while it holds one of the serving permits; one at the end
     * waits for what arrives next without one.
     */
    private void stream(TailProtocol.Request request, WriteAheadLog wal, DataOutputStream out)
            throws IOException {
        String key = key(request.stream(), request.partition());
        ReadLimit limit = request.limit();
        long maxLagNanos = limits.maxLag().toNanos();
        ByteArrayOutputStream encoded = new ByteArrayOutputStream(1 << 16);
        DataOutputStream encoder = new DataOutputStream(encoded);
        try (TailReader reader = wal.openReader(request.from(), limit)) {
            long reachedEndNanos = System.nanoTime();
            boolean wait = false;
            while (!closed && logs.get(key) == wal) {
                long end = end(wal, limit);
                encoded.reset();
                List<LoggedRecord> batch;
                if (wait) {
                    batch = reader.poll(BATCH_RECORDS, HEARTBEAT);
                    TailProtocol.writeBatch(encoder, batch);
                } else {
                    permits.acquire();
                    try {
                        batch = reader.poll(BATCH_RECORDS, Duration.ZERO);
                        TailProtocol.writeBatch(encoder, batch);
                    } finally {
                        permits.release();
                    }
                }
                long now = System.nanoTime();
                boolean atEnd = reader.position() >= end;
                wait = atEnd || batch.isEmpty();
                encoded.writeTo(out);
                out.flush();
                if (atEnd) {
                    reachedEndNanos = now;
                } else if (now - reachedEndNanos > maxLagNanos) {
                    cutOff(
                            out,
                            key,
                            "the reader has not reached the end of the log for more than "
                                    + limits.maxLag()
                                    + " (floe.sink.tail.max-lag); it is "
                                    + (end(wal, limit) - reader.position())
                                    + " records behind at offset "
                                    + reader.position()
                                    + "; read the committed records from the bucket");
                    return;
                }
            }
        } catch (OffsetOutOfRangeException e) {
            cutOff(out, key, e.getMessage() + "; read the committed records from the bucket");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void cutOff(DataOutputStream out, String key, String reason) throws IOException {
        LOG.info("Tail endpoint on port {} cut off a reader of {}: {}", port(), key, reason);
        TailProtocol.writeCutOff(out, reason);
    }

    private static long end(WriteAheadLog wal, ReadLimit limit) {
        return limit == ReadLimit.DURABLE ? wal.durableEndOffset() : wal.writtenEndOffset();
    }

    /** Closes the connections whose current write has blocked for longer than the limit. */
    private void endBlockedWrites() {
        long now = System.nanoTime();
        long limitNanos = limits.writeTimeout().toNanos();
        for (Connection c : connections) {
            long since = c.writingSinceNanos;
            if (since != 0 && now - since > limitNanos) {
                LOG.info(
                        "Tail endpoint on port {} cut off a reader of {}: a write to it blocked for"
                                + " more than {} (floe.sink.tail.write-timeout); it does not read"
                                + " what it is sent",
                        port(),
                        c.name,
                        limits.writeTimeout());
                closeQuietly(c.socket);
            }
        }
    }

    /** Number of readers being served now. */
    public int connections() {
        return Math.max(0, serving.get());
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

    /** One reader's socket and whether a write to it is under way, for the watchdog. */
    private static final class Connection {
        final Socket socket;
        volatile String name = "(no request yet)";
        volatile long writingSinceNanos;

        Connection(Socket socket) {
            this.socket = socket;
        }

        /** {@code out}, recording when each write to it starts and ends. */
        OutputStream timed(OutputStream out) {
            return new FilterOutputStream(out) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    writingSinceNanos = System.nanoTime();
                    try {
                        out.write(b, off, len);
                    } finally {
                        writingSinceNanos = 0;
                    }
                }

                @Override
                public void flush() throws IOException {
                    writingSinceNanos = System.nanoTime();
                    try {
                        out.flush();
                    } finally {
                        writingSinceNanos = 0;
                    }
                }
            };
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
        connections.forEach(c -> closeQuietly(c.socket));
        workers.shutdownNow();
        watchdog.shutdownNow();
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
