package dev.floe.wal.manifest;

/**
 * The outcome of {@link ManifestStore#commit}, with the partition's head afterwards. Immutable.
 *
 * @param status what happened
 * @param head the partition's head as read in the same transaction (or after it)
 */
public record CommitResult(Status status, PartitionHead head) {

    /** What a commit did. */
    public enum Status {
        /** Applied now. */
        COMMITTED,
        /**
         * Applied earlier: the head carries this commit id, or the manifest holds this commit's
         * first object at its start offset.
         */
        ALREADY_COMMITTED,
        /** Refused: a newer writer has taken the partition (the head's epoch is higher). */
        FENCED,
        /**
         * Refused: the committed end is not where the request expected it (the head tells where it
         * is; a range below it may have been committed and compacted since).
         */
        CONFLICT
    }
}
