package dev.floe.wal.manifest;

import java.util.Objects;

/**
 * What the manifest records about one immutable object holding a contiguous offset range of a
 * partition. Small on purpose: the object's own footer holds its index. Immutable.
 *
 * @param kind segment (Floe's row format) or Parquet
 * @param key the object's key in the store for its kind
 * @param startOffset first offset in the object
 * @param endOffset offset after the last one in the object
 * @param sizeBytes size of the object
 * @param minTimestamp smallest record timestamp (ms)
 * @param maxTimestamp largest record timestamp (ms)
 * @param epoch writer epoch that produced the object
 */
public record ObjectDescriptor(
        Kind kind,
        String key,
        long startOffset,
        long endOffset,
        long sizeBytes,
        long minTimestamp,
        long maxTimestamp,
        long epoch) {

    /** The format of an object. */
    public enum Kind {
        /** Floe's compressed row format, written at checkpoints. */
        SEGMENT,
        /** Parquet, written by tiering. */
        PARQUET
    }

    public ObjectDescriptor {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        if (startOffset < 0 || endOffset <= startOffset) {
            throw new IllegalArgumentException(
                    "object "
                            + key
                            + " needs 0 <= startOffset < endOffset, got ["
                            + startOffset
                            + ", "
                            + endOffset
                            + ")");
        }
    }

    public long recordCount() {
        return endOffset - startOffset;
    }
}
