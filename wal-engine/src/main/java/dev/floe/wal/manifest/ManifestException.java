package dev.floe.wal.manifest;

import dev.floe.wal.error.FloeException;

/**
 * A manifest operation failed and retrying it cannot help (a missing stream or partition, a request
 * the store refuses); the message names the store, the stream and the partition. A store that does
 * not answer is a {@link dev.floe.wal.manifest.kv.KvUnavailableException} instead, and a commit
 * whose outcome is unknown a {@link CommitStateUnknownException}. Immutable.
 */
public class ManifestException extends FloeException {
    private static final long serialVersionUID = 1L;

    public ManifestException(String message) {
        super(message);
    }

    public ManifestException(String message, Throwable cause) {
        super(message, cause);
    }
}
