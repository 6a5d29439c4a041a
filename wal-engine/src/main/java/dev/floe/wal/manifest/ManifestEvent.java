package dev.floe.wal.manifest;

/** A change to a stream's manifest, as delivered by {@link ManifestStore#watch}. Immutable. */
public sealed interface ManifestEvent {

    int partition();

    /** A partition's head changed: a commit, or a new writer epoch. */
    record HeadChanged(int partition, PartitionHead head) implements ManifestEvent {}

    /** An object was added (by a commit or a compaction). */
    record ObjectAdded(int partition, ObjectDescriptor object) implements ManifestEvent {}

    /** The object starting at {@code startOffset} was removed (replaced by a compaction). */
    record ObjectRemoved(int partition, long startOffset) implements ManifestEvent {}
}
