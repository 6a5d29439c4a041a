package dev.floe.wal.admin;

import dev.floe.wal.manifest.ObjectDescriptor;

/**
 * An object the manifest references below its partition's committed end. Immutable.
 *
 * @param partition its partition
 * @param descriptor what the manifest records about it: kind, key, offsets, size, times, epoch
 * @param location where a tool outside Floe finds it: a file path, or an {@code s3://} URL
 */
public record CommittedObject(int partition, ObjectDescriptor descriptor, String location) {}
