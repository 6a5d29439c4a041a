package dev.floe.wal.object;

/** A create-only write found its key taken; nothing was overwritten. Final. Immutable. */
public class ObjectAlreadyExistsException extends ObjectStoreException {
    private static final long serialVersionUID = 1L;

    public ObjectAlreadyExistsException(String store, String key) {
        super(
                "Object " + key + " already exists in " + store + "; objects are never overwritten",
                null,
                false);
    }
}
