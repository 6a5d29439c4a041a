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

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs one {@link EtcdServer} for a test class: register it as a static field with
 * {@code @RegisterExtension}. Started before the first test, killed after the last. Not
 * thread-safe.
 */
public final class EtcdExtension implements BeforeAllCallback, AfterAllCallback {

    private final TlsTestFiles tls;
    private EtcdServer server;

    /** etcd on {@code http}. */
    public EtcdExtension() {
        this(null);
    }

    /**
     * etcd on {@code https} with the server certificate of {@code tls}, requiring a client
     * certificate its CA signed; {@code http} when null.
     */
    public EtcdExtension(TlsTestFiles tls) {
        this.tls = tls;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = EtcdServer.start(context.getRequiredTestClass().getSimpleName(), tls);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** The running server; only between beforeAll and afterAll. */
    public EtcdServer server() {
        if (server == null) {
            throw new IllegalStateException(
                    "etcd is not running: register EtcdExtension as a static field");
        }
        return server;
    }

    public String endpoint() {
        return server().endpoint();
    }
}
