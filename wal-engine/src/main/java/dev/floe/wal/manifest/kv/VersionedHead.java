package dev.floe.wal.manifest.kv;

import dev.floe.wal.manifest.PartitionHead;

/**
 * A partition head together with the revision at which its key was last changed (0 when the key is
 * absent), as needed to compare-and-set it. Immutable.
 *
 * @param head the head ({@link PartitionHead#EMPTY} when absent)
 * @param modRevision the head key's modification revision, 0 when absent
 */
public record VersionedHead(PartitionHead head, long modRevision) {

    static VersionedHead of(KvEntry entry, ManifestCodec codec) {
        return entry == null
                ? new VersionedHead(PartitionHead.EMPTY, 0)
                : new VersionedHead(codec.decode(entry, PartitionHead.class), entry.modRevision());
    }

    /** The condition that the head key is still as observed. */
    KvCompare unchanged(String headKey) {
        return modRevision == 0
                ? KvCompare.absent(headKey)
                : KvCompare.modRevision(headKey, modRevision);
    }
}
