package dev.floe.wal.manifest.kv;

/**
 * Keeps one lease alive in the background until closed. Closing stops the renewals without revoking
 * the lease. Thread-safe.
 */
public interface KvLeaseKeeper extends AutoCloseable {

    /** Whether the lease is known to be alive: renewed within its ttl and not revoked. */
    boolean isAlive();

    @Override
    void close();
}
