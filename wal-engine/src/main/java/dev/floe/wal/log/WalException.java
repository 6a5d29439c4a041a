package dev.floe.wal.log;

import dev.floe.wal.error.FloeException;

/**
 * A write-ahead log operation failed; the message names the log directory and offsets. Final: a log
 * that failed accepts no more writes until it is reopened. Immutable.
 */
public class WalException extends FloeException {
    private static final long serialVersionUID = 1L;

    public WalException(String message) {
        super(message);
    }

    public WalException(String message, Throwable cause) {
        super(message, cause);
    }
}
