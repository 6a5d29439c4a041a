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

    private EtcdServer server;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = EtcdServer.start(context.getRequiredTestClass().getSimpleName());
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
