package dev.floe.wal.tier.parquet;

import dev.floe.wal.error.FloeException;

/**
 * A Parquet object could not be written or read as Floe's format requires; the message names the
 * object, the offset involved and what to check. Final. Immutable.
 */
public class ParquetObjectException extends FloeException {
    private static final long serialVersionUID = 1L;

    public ParquetObjectException(String message) {
        super(message);
    }

    public ParquetObjectException(String message, Throwable cause) {
        super(message, cause);
    }
}
