package dev.floe.wal.manifest;

/**
 * A key-value store could not be reached or did not answer in time. For a request that changes
 * data, the outcome is unknown: it may have been applied.
 */
class KvUnavailableException extends ManifestException {
    private static final long serialVersionUID = 1L;

    KvUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
