package dev.floe.wal.manifest.kv;

/**
 * One key as stored in a {@link KvStore}, with etcd's bookkeeping. Immutable by convention (the
 * value array is never modified after construction).
 *
 * @param key the key
 * @param value the value (empty when read keys-only)
 * @param createRevision revision at which the key was created
 * @param modRevision revision of the last change to the key
 * @param version number of puts since the key was created (0 means absent)
 * @param lease id of the lease the key is attached to, 0 for none
 */
public record KvEntry(
        String key,
        byte[] value,
        long createRevision,
        long modRevision,
        long version,
        long lease) {}
