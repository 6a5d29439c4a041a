package dev.floe.wal.manifest;

/**
 * The committed state of one partition. Immutable.
 *
 * @param committedEnd offset after the last committed record (0 for an empty partition)
 * @param epoch the current writer epoch; each {@link ManifestStore#acquire} raises it by one
 * @param lastCommitId id of the last commit, or null if none
 */
public record PartitionHead(long committedEnd, long epoch, String lastCommitId) {

    public static final PartitionHead EMPTY = new PartitionHead(0, 0, null);
}
