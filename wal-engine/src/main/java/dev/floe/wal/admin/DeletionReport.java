package dev.floe.wal.admin;

/**
 * What {@link FloeAdmin#deleteStream} removed besides the stream's manifest entries. Immutable.
 *
 * @param stream the deleted stream
 * @param objects objects deleted from the stores, committed or not
 * @param bytes their size together
 * @param abortedUploads unfinished uploads aborted
 * @param queuedDeletions entries of the stream removed from the deletion queue
 */
public record DeletionReport(
        String stream, int objects, long bytes, int abortedUploads, int queuedDeletions) {}
