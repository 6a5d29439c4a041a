package dev.floe.wal.error;

/**
 * A {@link FloeException} that may pass by itself: a store that did not answer, timed out or
 * throttled, a commit whose outcome is unknown (retrying it with the same commit id reads the
 * outcome back), a compare-and-set that kept losing a race. Retry loops retry these, with a {@link
 * dev.floe.wal.retry.Backoff} and within a time budget, and fail at once on every other error.
 * Immutable.
 */
public class RetriableFloeException extends FloeException {

    private static final long serialVersionUID = 1L;

    public RetriableFloeException(String message) {
        super(message);
    }

    public RetriableFloeException(String message, Throwable cause) {
        super(message, cause);
    }
}
