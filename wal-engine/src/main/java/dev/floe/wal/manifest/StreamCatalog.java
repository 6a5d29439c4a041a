package dev.floe.wal.manifest;

import java.util.List;
import java.util.Optional;

/** The definitions of a namespace's streams. Implementations are thread-safe. */
public interface StreamCatalog {

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
}
