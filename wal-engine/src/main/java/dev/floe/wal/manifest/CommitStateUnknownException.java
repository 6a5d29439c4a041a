package dev.floe.wal.manifest;

import dev.floe.wal.error.RetriableFloeException;

/**
 * A commit's outcome could not be learned (the store stayed unreachable after the request was
 * sent). Nothing may be cleaned up: the commit may have been applied. Retry later; the commit id
 * tells whether it was. Retriable. Immutable.
 */
public class CommitStateUnknownException extends RetriableFloeException {
    private static final long serialVersionUID = 1L;

    public CommitStateUnknownException(String message, Throwable cause) {
        super(message, cause);
    }
}
