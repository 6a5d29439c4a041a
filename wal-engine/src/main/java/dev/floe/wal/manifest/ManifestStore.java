package dev.floe.wal.manifest;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * The metadata of Floe streams: stream definitions, each partition's head (committed end, writer
 * epoch, last commit id), the descriptors of the objects that make up a partition, consumer
 * positions, and the queue of superseded objects awaiting deletion. Every change to a partition is
 * one compare-and-set transaction. Implementations are thread-safe.
 *
 * <p>Failures are {@link ManifestException}s naming the store, stream and partition; a commit whose
 * outcome cannot be learned is a {@link CommitStateUnknownException}.
 */
public interface ManifestStore extends AutoCloseable {

    /** Creates the stream unless it exists; returns the definition that is stored. */
    StreamConfig createStream(StreamConfig config);

    Optional<StreamConfig> stream(String name);

    /**
     * Raises the stream's partition count to {@code partitions}: the new partitions start empty.
     * Partitions are never removed; asking for the count the stream has changes nothing.
     *
     * @return the stored definition
     * @throws ManifestException if the stream does not exist or has more partitions
     */
    StreamConfig growPartitions(String stream, int partitions);

    /** Names of all streams, sorted. */
    List<String> streams();

    /**
     * Removes every key of the stream (definition, heads, object descriptors, writer and consumer
     * registrations, restore points), the definition last, so a deletion cut short leaves a stream
     * that can be deleted again. Objects in the bucket and entries of the deletion queue are left
     * to the caller. Returns false if the stream did not exist.
     */
    boolean deleteStream(String name);

    /**
     * Takes ownership of a partition: raises its epoch by one (fencing every earlier writer, whose
     * commits fail with {@link CommitResult.Status#FENCED}) and registers {@code owner} under a
     * lease that lives while the claim is kept alive.
     */
    PartitionClaim acquire(String stream, int partition, String owner, Duration leaseTtl);

    PartitionHead head(String stream, int partition);

    /** The partition's current writer, while its lease is alive. */
    Optional<WriterInfo> writer(String stream, int partition);

    /**
     * Commits objects in one transaction: compares epoch and committed end, then puts the
     * descriptors and the new head with the commit id. A timeout is resolved by reading the head
     * back; if that is impossible too, {@link CommitStateUnknownException}.
     */
    CommitResult commit(CommitRequest request);

    /** Descriptors of the objects overlapping {@code [fromOffset, toOffset)}, in offset order. */
    List<ObjectDescriptor> objects(String stream, int partition, long fromOffset, long toOffset);

    /**
     * Replaces contiguous objects by one covering the same range (compaction), in one transaction
     * that also queues the replaced objects for deletion after {@code deleteReplacedAfter}. Returns
     * false, changing nothing, if the epoch moved or a replaced object is gone.
     */
    boolean swap(
            String stream,
            int partition,
            long epoch,
            List<ObjectDescriptor> replaced,
            ObjectDescriptor replacement,
            Instant deleteReplacedAfter);

    /**
     * Calls {@code listener} with every change to the stream's heads and objects from now on, in
     * the order they were made. Close the returned handle to stop.
     */
    AutoCloseable watch(String stream, Consumer<ManifestEvent> listener);

    /**
     * Stores a consumer's positions of the given partitions (its other partitions keep theirs, so
     * readers of different partitions can each store their own) under a lease of {@code ttl},
     * renewed by each call.
     */
    void putConsumerPosition(
            String stream, String consumerId, Map<Integer, Long> offsets, Duration ttl);

    Optional<ConsumerPosition> consumerPosition(String stream, String consumerId);

    /** Positions of every consumer whose lease is alive. */
    List<ConsumerPosition> consumers(String stream);

    /** Objects queued for deletion whose time has come, oldest first, at most {@code limit}. */
    List<GcEntry> gcDue(Instant now, int limit);

    /** Removes entries from the deletion queue once their objects are deleted. */
    void gcDone(Collection<GcEntry> entries);

    /**
     * Publishes where a restored writer checkpoint ends in a partition, under {@code token} (for
     * example a job and checkpoint id), for {@code ttl}. A writer that restores a partition it does
     * not own uses this to hand the position to the partition's owner. Publishing the same token
     * again replaces the value.
     */
    void putRestorePoint(String stream, int partition, String token, long end, Duration ttl);

    /** The end published under {@code token}, if it is there and its ttl has not passed. */
    OptionalLong restorePoint(String stream, int partition, String token);

    /** Where this store is, for messages. */
    String describe();

    @Override
    void close();
}
