package dev.floe.wal.object;

import java.io.IOException;

/** An object store operation failed; the message names the store, the key and what to check. */
public class ObjectStoreException extends IOException {
    private static final long serialVersionUID = 1L;

    public ObjectStoreException(String message) {
        super(message);
    }

    public ObjectStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
