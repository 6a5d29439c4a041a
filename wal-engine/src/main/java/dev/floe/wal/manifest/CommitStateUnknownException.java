package dev.floe.wal.manifest;

/**
 * A commit's outcome could not be learned (the store stayed unreachable after the request was
 * sent). Nothing may be cleaned up: the commit may have been applied. Retry later; the commit id
 * tells whether it was.
 */
public class CommitStateUnknownException extends ManifestException {
    private static final long serialVersionUID = 1L;

    public CommitStateUnknownException(String message, Throwable cause) {
        super(message, cause);
    }
}
