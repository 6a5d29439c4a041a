package dev.floe.wal.manifest;

import java.time.Instant;

/**
 * A superseded object queued for deletion. Immutable.
 *
 * @param kind which store holds it
 * @param objectKey its key in that store
 * @param deleteAfter not deleted before this time (outlives any reader lease)
 */
public record GcEntry(ObjectDescriptor.Kind kind, String objectKey, Instant deleteAfter) {}
