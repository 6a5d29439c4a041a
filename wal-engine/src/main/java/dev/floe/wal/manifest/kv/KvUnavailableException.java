package dev.floe.wal.manifest.kv;

import dev.floe.wal.error.RetriableFloeException;

/**
 * A key-value store could not be reached or did not answer in time. For a request that changes
 * data, the outcome is unknown: it may have been applied. Retriable. Immutable.
 */
public class KvUnavailableException extends RetriableFloeException {
    private static final long serialVersionUID = 1L;

    public KvUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
