package dev.floe.wal.manifest;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Lease-bound positions of a stream's named consumers. Implementations are thread-safe. */
public interface ConsumerRegistry {

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
}
