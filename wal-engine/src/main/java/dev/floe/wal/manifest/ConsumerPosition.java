package dev.floe.wal.manifest;

import java.util.Map;

/**
 * A named consumer's next offset per partition. Immutable.
 *
 * @param consumerId the consumer's name
 * @param offsets partition to the next offset the consumer will read
 */
public record ConsumerPosition(String consumerId, Map<Integer, Long> offsets) {

    public ConsumerPosition {
        offsets = Map.copyOf(offsets);
    }
}
