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
import java.net.URI;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension that runs one {@link S3ProxyServer} for a test class and always kills it after
 * the class. Register it in a static field:
 *
 * <pre>{@code
 * @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();
 * }</pre>
 *
 * Thread-safe once started.
 */
public final class S3ProxyExtension implements BeforeAllCallback, AfterAllCallback {

    private final TlsTestFiles tls;
    private volatile S3ProxyServer server;

    /** A plain {@code http} server. */
    public S3ProxyExtension() {
        this(null);
    }

    /** An {@code https} server with the server certificate of {@code tls}; null for http. */
    public S3ProxyExtension(TlsTestFiles tls) {
        this.tls = tls;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        server = S3ProxyServer.start(context.getRequiredTestClass().getSimpleName(), tls);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        S3ProxyServer running = server;
        server = null;
        if (running != null) {
            running.close();
        }
    }

    /** The running server. */
    public S3ProxyServer server() {
        S3ProxyServer running = server;
        if (running == null) {
            throw new IllegalStateException(
                    "S3Proxy is not running: register S3ProxyExtension with @RegisterExtension on"
                            + " a static field, and use it only inside the test class");
        }
        return running;
    }

    public URI endpoint() {
        return server().endpoint();
    }

    public String accessKey() {
        return server().accessKey();
    }

    public String secretKey() {
        return server().secretKey();
    }

    public void createBucket(String bucket) {
        server().createBucket(bucket);
    }

    /** Kills the server; see {@link S3ProxyServer#stop()}. */
    public void stop() {
        server().stop();
    }

    /** Freezes the server; see {@link S3ProxyServer#pause()}. */
    public void pause() throws IOException {
        server().pause();
    }

    /** Continues a frozen server. */
    public void resume() throws IOException {
        server().resume();
    }

    /** Starts the server again on the same port with the same data. */
    public void restart() throws IOException {
        server().restart();
    }
}
