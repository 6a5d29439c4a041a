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
package dev.floe.wal.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An etcd process on random loopback ports for tests, alone or as a member of an {@link
 * EtcdCluster}, with its data in a directory under {@code target/etcd} and its output in a log file
 * beside it. It can be stopped, killed and restarted on the same ports with the same data (fault
 * tests). The binary comes from {@code FLOE_ETCD_BIN} or the {@code PATH}; a missing binary fails
 * the test. Not thread-safe.
 */
public final class EtcdServer implements AutoCloseable {

    /** Environment variable naming the etcd binary; default: {@code etcd} on the PATH. */
    public static final String BIN_ENV = "FLOE_ETCD_BIN";

    private static final Logger LOG = LoggerFactory.getLogger(EtcdServer.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final String HOST = "127.0.0.1";

    private final Path binary;
    private final Path dataDir;
    private final Path logFile;
    private final String memberName;
    private final int clientPort;
    private final int peerPort;
    private final TlsTestFiles tls;
    private final HttpClient http;
    private String initialCluster;
    private Process process;

    private EtcdServer(
            Path binary,
            Path dataDir,
            Path logFile,
            String memberName,
            int clientPort,
            int peerPort,
            TlsTestFiles tls) {
        this.binary = binary;
        this.dataDir = dataDir;
        this.logFile = logFile;
        this.memberName = memberName;
        this.clientPort = clientPort;
        this.peerPort = peerPort;
        this.tls = tls;
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1));
        if (tls != null) {
            http.sslContext(tls.client().sslContext());
        }
        this.http = http.build();
        this.initialCluster = memberName + "=" + peerUrl();
    }

    /** Starts etcd for {@code name} (used in file names) and waits until it serves requests. */
    public static EtcdServer start(String name) {
        return start(name, null);
    }

    /**
     * As {@link #start(String)}, serving clients over TLS with the server certificate of {@code
     * tls} and requiring a client certificate its CA signed ({@code --client-cert-auth}); plain
     * when null.
     */
    public static EtcdServer start(String name, TlsTestFiles tls) {
        EtcdServer server = prepare(name, "default", tls);
        server.launch();
        return server;
    }

    /**
     * A member named {@code memberName} of a cluster for {@code name}, not started yet: {@link
     * #joining} names its peers, {@link #startProcess} and {@link #awaitHealthy} start it.
     */
    static EtcdServer prepare(String name, String memberName) {
        return prepare(name, memberName, null);
    }

    private static EtcdServer prepare(String name, String memberName, TlsTestFiles tls) {
        Path binary = findBinary();
        try {
            Path base = targetDir().resolve("etcd");
            Files.createDirectories(base);
            int[] ports = freePorts(2);
            Path data = Files.createTempDirectory(base, name + "-" + memberName + "-data-");
            Path log = base.resolve(name + "-" + memberName + "-" + ports[0] + ".log");
            return new EtcdServer(binary, data, log, memberName, ports[0], ports[1], tls);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare etcd for " + name, e);
        }
    }

    /** Makes this member start as one of {@code members}, which it must be among. */
    void joining(List<EtcdServer> members) {
        initialCluster =
                String.join(
                        ",", members.stream().map(m -> m.memberName + "=" + m.peerUrl()).toList());
    }

    String memberName() {
        return memberName;
    }

    private String peerUrl() {
        return "http://" + HOST + ":" + peerPort;
    }

    /** The client URL, {@code http://127.0.0.1:<port>} (or {@code https://}). */
    public String endpoint() {
        return (tls == null ? "http" : "https") + "://" + HOST + ":" + clientPort;
    }

    /** etcd's Prometheus metrics, served on the client URL. */
    public URI metricsEndpoint() {
        return URI.create(endpoint() + "/metrics");
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Kills etcd at once (SIGKILL), as a crash would, keeping its data for {@link #restart()}. */
    public void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
        LOG.info("etcd on {} killed", endpoint());
    }

    /** Stops etcd (SIGTERM, then SIGKILL after 10 s) keeping its data for {@link #restart()}. */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        process = null;
        LOG.info("etcd on {} stopped", endpoint());
    }

    /** Starts etcd again on the same ports with the same data and waits until it serves. */
    public void restart() {
        stop();
        launch();
    }

    /** Kills etcd and deletes its data. */
    @Override
    public void close() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
        deleteRecursively(dataDir);
    }

    private void launch() {
        startProcess();
        awaitHealthy();
        LOG.info("etcd serving on {} (log {})", endpoint(), logFile);
    }

    /** Starts the process; {@link #awaitHealthy} waits until it serves. */
    void startProcess() {
        String client = endpoint();
        String peer = peerUrl();
        boolean alone = !initialCluster.contains(",");
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(
                List.of(
                        "--name",
                        memberName,
                        "--data-dir",
                        dataDir.toString(),
                        "--listen-client-urls",
                        client,
                        "--advertise-client-urls",
                        client,
                        "--listen-peer-urls",
                        peer,
                        "--initial-advertise-peer-urls",
                        peer,
                        "--initial-cluster",
                        initialCluster,
                        // A single member has no peers to wait for: short ticks start it faster
                        // and let leases as short as 1 s exist. Members of a cluster on a busy
                        // machine need longer ones, or they keep electing leaders.
                        "--heartbeat-interval",
                        alone ? "20" : "100",
                        "--election-timeout",
                        alone ? "200" : "1000"));
        if (tls != null) {
            command.addAll(
                    List.of(
                            "--cert-file",
                            tls.serverCertPem().toString(),
                            "--key-file",
                            tls.serverKeyPem().toString(),
                            "--trusted-ca-file",
                            tls.caPem().toString(),
                            "--client-cert-auth"));
        }
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + binary + ": " + e.getMessage(), e);
        }
    }

    /** Waits until this member serves requests, which needs a leader in its cluster. */
    void awaitHealthy() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        HttpRequest health =
                HttpRequest.newBuilder(URI.create(endpoint() + "/health"))
                        .timeout(Duration.ofSeconds(1))
                        .build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "etcd exited with code " + process.exitValue() + ": " + logTail());
            }
            try {
                HttpResponse<String> response =
                        http.send(health, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"true\"")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for etcd", e);
            }
            try {
                process.waitFor(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for etcd", e);
            }
        }
        throw new IllegalStateException(
                "etcd on "
                        + endpoint()
                        + " not healthy within "
                        + START_TIMEOUT
                        + ": "
                        + logTail());
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static Path findBinary() {
        String configured = System.getenv(BIN_ENV);
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            if (Files.isExecutable(p)) {
                return p;
            }
            throw new IllegalStateException(
                    BIN_ENV + "=" + configured + " is not an executable file: fix or unset it");
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                Path candidate = Path.of(dir, "etcd");
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException(
                "etcd not found: install it (Debian: apt-get install -y etcd-server) or set "
                        + BIN_ENV);
    }

    private static Path targetDir() {
        String basedir = System.getProperty("basedir");
        Path root = basedir == null ? Path.of("").toAbsolutePath() : Path.of(basedir);
        return root.resolve("target");
    }

    private static int[] freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST));
                sockets.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : sockets) {
                s.close();
            }
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warn("cannot delete etcd data {}: {}", dir, e.getMessage());
        }
    }
}
