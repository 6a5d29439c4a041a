package dev.floe.wal.manifest;

/**
 * The metadata of Floe streams: stream definitions, each partition's head (committed end, writer
 * epoch, last commit id), the descriptors of the objects that make up a partition, consumer
 * positions, and the queue of superseded objects awaiting deletion. Every change to a partition is
 * one compare-and-set transaction. Implementations are thread-safe.
 *
 * <p>Failures name the store, stream and partition. A {@link ManifestException} is final (a missing
 * stream, a refused request); a store that does not answer fails with a {@link
 * dev.floe.wal.error.RetriableFloeException}, and a commit whose outcome cannot be learned with a
 * {@link CommitStateUnknownException}, also retriable.
 */
public interface ManifestStore
        extends StreamCatalog, PartitionCommits, ConsumerRegistry, DeletionQueue, AutoCloseable {

    /** Where this store is, for messages. */
    String describe();

    @Override
    void close();
}
