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
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/**
 * An S3Proxy server in a child process on a random loopback port, storing buckets in a directory
 * under {@code target/s3proxy/}, its output logged next to them, and its request metrics served on
 * a second port ({@link #metricsEndpoint()}). Thread-safe.
 *
 * <p>The jar is the one Maven copies to {@code target/test-services/s3proxy.jar}.
 */
public final class S3ProxyServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(S3ProxyServer.class);

    public static final String ACCESS_KEY = "floe-test-access";
    public static final String SECRET_KEY = "floe-test-secret";
    public static final String REGION = "us-east-1";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final long POLL_MILLIS = 50;

    private final Path jar;
    private final Path workDir;
    private final Path dataDir;
    private final Path propertiesFile;
    private final Path logFile;
    private final int port;
    private final URI endpoint;
    private final int metricsPort;
    private final TlsTestFiles tls;
    private final S3Client client;
    private final Thread shutdownHook = new Thread(this::destroyProcess, "s3proxy-shutdown");
    private Process process;

    private S3ProxyServer(Path jar, Path workDir, int port, int metricsPort, TlsTestFiles tls) {
        this.jar = jar;
        this.workDir = workDir;
        this.dataDir = workDir.resolve("data");
        this.propertiesFile = workDir.resolve("s3proxy.properties");
        this.logFile = workDir.resolve("s3proxy.log");
        this.port = port;
        this.tls = tls;
        this.endpoint = URI.create((tls == null ? "http" : "https") + "://127.0.0.1:" + port);
        this.metricsPort = metricsPort;
        this.client =
                clientBuilder()
                        .overrideConfiguration(
                                o ->
                                        o.apiCallTimeout(Duration.ofSeconds(5))
                                                .retryStrategy(r -> r.maxAttempts(1)))
                        .build();
    }

    /** A plain SDK client of this server, for benchmarks and checks; the caller closes it. */
    public S3Client newClient() {
        return clientBuilder().build();
    }

    private S3ClientBuilder clientBuilder() {
        Apache5HttpClient.Builder http = Apache5HttpClient.builder();
        if (tls != null) {
            TrustManager[] trust = tls.trustingCa().trustManagers().getTrustManagers();
            http.tlsTrustManagersProvider(() -> trust);
        }
        return S3Client.builder()
                .httpClientBuilder(http)
                .endpointOverride(endpoint)
                .region(Region.of(REGION))
                .forcePathStyle(true)
                .credentialsProvider(
                        StaticCredentialsProvider.create(
                                AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)));
    }

    /**
     * Starts a server and waits until it answers S3 requests.
     *
     * @param name names the server's directory under {@code target/s3proxy/}, e.g. the test class
     */
    public static S3ProxyServer start(String name) throws IOException {
        return start(name, null);
    }

    /**
     * As {@link #start(String)}, serving {@code https} with the server certificate of {@code tls}
     * (plain {@code http} when null).
     */
    public static S3ProxyServer start(String name, TlsTestFiles tls) throws IOException {
        Path target = moduleTargetDir();
        Path jar = target.resolve("test-services").resolve("s3proxy.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    "S3Proxy jar not found at "
                            + jar
                            + "; run the tests through Maven (for example `mvn -pl wal-engine"
                            + " verify`), which copies it there in phase generate-test-resources");
        }
        Path workDir = target.resolve("s3proxy").resolve(name + "-" + UUID.randomUUID());
        int[] ports = freeLoopbackPorts(2);
        S3ProxyServer server = new S3ProxyServer(jar, workDir, ports[0], ports[1], tls);
        try {
            Files.createDirectories(server.dataDir);
            server.writeProperties();
            Runtime.getRuntime().addShutdownHook(server.shutdownHook);
            server.launch();
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The server's address, {@code http://127.0.0.1:<port>} (or {@code https://}). */
    public URI endpoint() {
        return endpoint;
    }

    /**
     * S3Proxy's Prometheus metrics: histogram {@code http_server_request_duration_seconds} of every
     * request served, labelled with its operation ({@code s3_operation}, such as {@code PutObject}
     * or {@code UploadPart}) and bucket ({@code s3_bucket}), so its {@code _count} samples count
     * requests.
     */
    public URI metricsEndpoint() {
        return URI.create("http://127.0.0.1:" + metricsPort + "/metrics");
    }

    public String accessKey() {
        return ACCESS_KEY;
    }

    public String secretKey() {
        return SECRET_KEY;
    }

    public String region() {
        return REGION;
    }

    /** Where the server's output goes, for debugging a failed test. */
    public Path logFile() {
        return logFile;
    }

    /** Creates a bucket; an existing bucket of ours is fine. */
    public void createBucket(String bucket) {
        try {
            client.createBucket(r -> r.bucket(bucket));
        } catch (BucketAlreadyOwnedByYouException e) {
            // Already there.
        }
    }

    /** Kills the server process, as a crash would; {@link #restart()} brings it back. */
    public synchronized void stop() {
        destroyProcess();
    }

    /** Starts the server again on the same port with the same data. */
    public synchronized void restart() throws IOException {
        destroyProcess();
        launch();
    }

    /**
     * Freezes the server process (SIGSTOP): connections are still accepted by the kernel but
     * nothing answers, as with a hung server. {@link #resume()} continues it.
     */
    public synchronized void pause() throws IOException {
        signal("STOP");
    }

    /** Continues a server frozen by {@link #pause()} (SIGCONT). */
    public synchronized void resume() throws IOException {
        signal("CONT");
    }

    private void signal(String name) throws IOException {
        Process running = process;
        if (running == null || !running.isAlive()) {
            throw new IllegalStateException("S3Proxy at " + endpoint + " is not running");
        }
        try {
            Process kill =
                    new ProcessBuilder("kill", "-" + name, Long.toString(running.pid()))
                            .redirectErrorStream(true)
                            .start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IOException(
                        "kill -"
                                + name
                                + " "
                                + running.pid()
                                + " failed: "
                                + new String(
                                        kill.getInputStream().readAllBytes(),
                                        StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while signalling S3Proxy", e);
        }
    }

    /** Kills the server and deletes its data; the log file stays. */
    @Override
    public synchronized void close() {
        destroyProcess();
        client.close();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // The JVM is shutting down, or the hook was never added.
        }
        deleteRecursively(dataDir);
    }

    private synchronized void launch() throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        process =
                new ProcessBuilder(
                                java.toString(),
                                "-Xmx256m",
                                "-XX:+UseSerialGC",
                                "-XX:TieredStopAtLevel=1",
                                "-jar",
                                jar.toString(),
                                "--properties",
                                propertiesFile.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                        .start();
        awaitReady();
        LOG.info("S3Proxy at {} (pid {}), log {}", endpoint, process.pid(), logFile);
    }

    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        SdkException last = null;
        while (System.nanoTime() < deadline) {
            try {
                client.listBuckets();
                return;
            } catch (SdkException e) {
                last = e;
            }
            try {
                if (process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    throw new IOException(
                            "S3Proxy exited with code "
                                    + process.exitValue()
                                    + " before it answered on "
                                    + endpoint
                                    + "; see "
                                    + logFile
                                    + ":\n"
                                    + logTail());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                destroyProcess();
                throw new IOException("Interrupted while waiting for S3Proxy at " + endpoint, e);
            }
        }
        destroyProcess();
        throw new IOException(
                "S3Proxy did not answer on "
                        + endpoint
                        + " within "
                        + START_TIMEOUT
                        + " (last error: "
                        + last
                        + "); see "
                        + logFile
                        + ":\n"
                        + logTail());
    }

    private void writeProperties() throws IOException {
        Properties properties = new Properties();
        if (tls == null) {
            properties.setProperty("s3proxy.endpoint", endpoint.toString());
        } else {
            properties.setProperty("s3proxy.secure-endpoint", endpoint.toString());
            properties.setProperty("s3proxy.keystore-path", tls.serverKeyStore().toString());
            properties.setProperty("s3proxy.keystore-password", TlsTestFiles.STORE_PASSWORD);
        }
        properties.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        properties.setProperty("s3proxy.identity", ACCESS_KEY);
        properties.setProperty("s3proxy.credential", SECRET_KEY);
        properties.setProperty("jclouds.provider", "filesystem");
        properties.setProperty("jclouds.filesystem.basedir", dataDir.toString());
        properties.setProperty("s3proxy.metrics.enabled", "true");
        properties.setProperty("s3proxy.metrics.host", "127.0.0.1");
        properties.setProperty("s3proxy.metrics.port", Integer.toString(metricsPort));
        try (var out = Files.newBufferedWriter(propertiesFile, StandardCharsets.UTF_8)) {
            properties.store(out, "S3Proxy for tests");
        }
    }

    private synchronized void destroyProcess() {
        Process running = process;
        if (running == null || !running.isAlive()) {
            return;
        }
        running.destroyForcibly();
        try {
            if (!running.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("S3Proxy pid {} did not exit within {}", running.pid(), STOP_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + logFile + ": " + e + ")";
        }
    }

    /** Distinct free ports: every socket stays open until all are chosen. */
    private static int[] freeLoopbackPorts(int count) throws IOException {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : sockets) {
                if (s != null) {
                    s.close();
                }
            }
        }
    }

    /** The {@code target} directory of the module under test. */
    private static Path moduleTargetDir() {
        try {
            Path classes =
                    Path.of(
                            S3ProxyServer.class
                                    .getProtectionDomain()
                                    .getCodeSource()
                                    .getLocation()
                                    .toURI());
            // From a test-jar (another module's tests) the module being tested is the working
            // directory, and Maven copied the jar into its target directory too.
            return Files.isDirectory(classes)
                    ? classes.getParent()
                    : Path.of("target").toAbsolutePath();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot locate the test classes directory", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(S3ProxyServer::deleteQuietly);
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Cannot delete S3Proxy data {}", dir, e);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
