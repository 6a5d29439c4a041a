package dev.floe.wal.log;

/** A write-ahead log operation failed; the message names the log directory and offsets. */
public class WalException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WalException(String message) {
        super(message);
    }

    public WalException(String message, Throwable cause) {
        super(message, cause);
    }
}
