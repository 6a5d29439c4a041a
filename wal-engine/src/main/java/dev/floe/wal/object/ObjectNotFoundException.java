package dev.floe.wal.object;

/**
 * A read asked for an object that does not exist (never written, aborted or deleted). Final.
 * Immutable.
 */
public class ObjectNotFoundException extends ObjectStoreException {
    private static final long serialVersionUID = 1L;

    public ObjectNotFoundException(String store, String key) {
        super(
                "Object "
                        + key
                        + " does not exist in "
                        + store
                        + "; it was never completed or has been deleted",
                null,
                false);
    }
}
