package dev.floe.wal.error;

/**
 * The root of Floe's unchecked exceptions. An error of this type is final: the same call fails the
 * same way until something outside changes (a stream is created, a setting fixed, data repaired),
 * so no retry loop repeats it; {@link RetriableFloeException} marks the errors that may pass by
 * themselves. The message names what failed (store, stream, partition, offset, key) and what to do.
 * Immutable.
 *
 * @see FloeErrors#isRetriable(Throwable)
 */
public class FloeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public FloeException(String message) {
        super(message);
    }

    public FloeException(String message, Throwable cause) {
        super(message, cause);
    }
}
