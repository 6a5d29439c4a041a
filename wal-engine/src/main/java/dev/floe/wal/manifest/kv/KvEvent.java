package dev.floe.wal.manifest.kv;

/**
 * A change to one key, as delivered by {@link KvStore#watch}. Immutable.
 *
 * @param type put or delete
 * @param key the key
 * @param value the new value (empty for a delete)
 * @param revision the revision of the change
 * @param version the key's version after a put (1 when created), 0 after a delete
 */
public record KvEvent(Type type, String key, byte[] value, long revision, long version) {

    /** The kind of change. */
    public enum Type {
        PUT,
        DELETE
    }
}
