package dev.floe.wal.admin;

import dev.floe.wal.manifest.ObjectDescriptor;
import java.time.Instant;

/**
 * An object found in a store by its key, committed or not. Immutable.
 *
 * @param kind which store holds it
 * @param key its key in that store
 * @param sizeBytes its size
 * @param lastModified when it was written
 * @param location where a tool outside Floe finds it: a file path, or an {@code s3://} URL
 */
public record StoredObject(
        ObjectDescriptor.Kind kind,
        String key,
        long sizeBytes,
        Instant lastModified,
        String location) {}
