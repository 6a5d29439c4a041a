package dev.floe.wal.log;

/** An offset lies outside the range a log holds (below its start or beyond its end). */
public class OffsetOutOfRangeException extends WalException {
    private static final long serialVersionUID = 1L;

    public OffsetOutOfRangeException(String message) {
        super(message);
    }
}
