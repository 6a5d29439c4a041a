package dev.floe.wal.object;

import java.time.Instant;

/**
 * An object's key, size and last-modified time as the store reports them. Immutable.
 *
 * @param key the object's key within the store
 * @param size size in bytes
 * @param lastModified when the object was created
 */
public record ObjectInfo(String key, long size, Instant lastModified) {}
