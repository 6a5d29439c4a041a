package dev.floe.wal.manifest;

/**
 * The metadata of Floe streams: stream definitions, each partition's head (committed end, writer
 * epoch, last commit id), the descriptors of the objects that make up a partition, consumer
 * positions, and the queue of superseded objects awaiting deletion. Every change to a partition is
 * one compare-and-set transaction. Implementations are thread-safe.
 *
 * <p>Failures are {@link ManifestException}s naming the store, stream and partition; a commit whose
 * outcome cannot be learned is a {@link CommitStateUnknownException}.
 */
public interface ManifestStore
        extends StreamCatalog, PartitionCommits, ConsumerRegistry, DeletionQueue, AutoCloseable {

    /** Where this store is, for messages. */
    String describe();

    @Override
    void close();
}
