package dev.floe.wal.tier.parquet;

/**
 * A Parquet object could not be written or read as Floe's format requires; the message names the
 * object, the offset involved and what to check.
 */
public class ParquetObjectException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ParquetObjectException(String message) {
        super(message);
    }

    public ParquetObjectException(String message, Throwable cause) {
        super(message, cause);
    }
}
