package dev.floe.wal.object;

import java.time.Instant;

/**
 * A streaming upload that was started and neither completed nor aborted (for example by a writer
 * that died). Immutable.
 *
 * @param key the key the upload would create
 * @param uploadId the store's id of the upload
 * @param started when it was started
 */
public record PendingUpload(String key, String uploadId, Instant started) {}
