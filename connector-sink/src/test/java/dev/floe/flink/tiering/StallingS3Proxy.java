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
package dev.floe.flink.tiering;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A TCP proxy in front of an S3 server that passes every byte through until a client starts a
 * multipart upload whose request line matches a pattern. That request still reaches the server, so
 * the upload exists there; from then on nothing more from any client is forwarded, as if the
 * client's process had frozen mid-object. A test then kills the client with the upload unfinished.
 * Thread-safe.
 */
final class StallingS3Proxy implements AutoCloseable {

    private static final int WINDOW = 2048;

    private final URI target;
    private final Pattern trigger;
    private final ServerSocket server;
    private final CountDownLatch stalled = new CountDownLatch(1);
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /**
     * @param target the S3 server
     * @param objectKey a regular expression of the key whose multipart upload stalls every client
     */
    StallingS3Proxy(URI target, String objectKey) throws IOException {
        this.target = target;
        this.trigger = Pattern.compile("POST /[^ ]*" + objectKey + "\\?uploads[ =&]");
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "stalling-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** Waits until a matching upload was started and everything after it held back. */
    boolean awaitStall(Duration timeout) throws InterruptedException {
        return stalled.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(target.getHost(), target.getPort());
                sockets.add(client);
                sockets.add(upstream);
                pump(client, upstream, true);
                pump(upstream, client, false);
            } catch (IOException e) {
                if (!closed) {
                    throw new IllegalStateException("stalling proxy failed", e);
                }
            }
        }
    }

    private void pump(Socket from, Socket to, boolean fromClient) {
        Thread t =
                new Thread(
                        () -> {
                            try (InputStream in = from.getInputStream();
                                    OutputStream out = to.getOutputStream()) {
                                copy(in, out, fromClient);
                            } catch (IOException e) {
                                // A side closed: the proxy is closing, or the client was killed.
                            } finally {
                                closeQuietly(from);
                                closeQuietly(to);
                            }
                        },
                        "stalling-proxy-" + (fromClient ? "request" : "response"));
        t.setDaemon(true);
        t.start();
    }

    private void copy(InputStream in, OutputStream out, boolean fromClient) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        StringBuilder window = new StringBuilder();
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            if (fromClient && stalled.getCount() == 0) {
                continue;
            }
            out.write(buffer, 0, n);
            out.flush();
            if (fromClient) {
                window.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                if (trigger.matcher(window).find()) {
                    stalled.countDown();
                }
                if (window.length() > WINDOW) {
                    window.delete(0, window.length() - WINDOW);
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        sockets.forEach(StallingS3Proxy::closeQuietly);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // Closing anyway.
        }
    }
}
