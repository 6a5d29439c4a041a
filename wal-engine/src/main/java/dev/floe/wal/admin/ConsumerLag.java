package dev.floe.wal.admin;

import java.util.OptionalLong;

/**
 * How far a named consumer is behind in one partition, from the position its source stored at its
 * last completed checkpoint. Immutable.
 *
 * @param consumerId the consumer's name
 * @param partition the partition
 * @param position the next offset the consumer will read, if it stored one for this partition
 * @param committedEnd the partition's committed end
 */
public record ConsumerLag(
        String consumerId, int partition, OptionalLong position, long committedEnd) {

    /** Committed records the consumer has not read yet; empty without a position. */
    public OptionalLong lag() {
        return position.isPresent()
                ? OptionalLong.of(Math.max(0, committedEnd - position.getAsLong()))
                : OptionalLong.empty();
    }
}
