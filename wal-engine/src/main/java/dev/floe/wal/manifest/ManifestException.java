package dev.floe.wal.manifest;

/** A manifest operation failed; the message names the store, the stream and the partition. */
public class ManifestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ManifestException(String message) {
        super(message);
    }

    public ManifestException(String message, Throwable cause) {
        super(message, cause);
    }
}
