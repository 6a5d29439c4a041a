package dev.floe.wal.admin;

import dev.floe.wal.manifest.ManifestException;
import dev.floe.wal.manifest.StreamConfig;

/**
 * {@link FloeAdmin#createStream} found a stream of that name; it carries the stored definition.
 * Immutable.
 */
public class StreamExistsException extends ManifestException {
    private static final long serialVersionUID = 1L;

    private final transient StreamConfig existing;

    public StreamExistsException(StreamConfig existing) {
        super(
                "stream "
                        + existing.name()
                        + " exists already with "
                        + existing.partitions()
                        + " partitions");
        this.existing = existing;
    }

    /** The definition that is stored. */
    public StreamConfig existing() {
        return existing;
    }
}
