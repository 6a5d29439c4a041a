package dev.floe.wal.admin;

import dev.floe.wal.manifest.StreamConfig;

/**
 * A stream as {@link FloeAdmin#listStreams()} shows it. Immutable.
 *
 * @param definition the stream's definition
 * @param committedRecords committed records of every partition together
 */
public record StreamInfo(StreamConfig definition, long committedRecords) {

    public String name() {
        return definition.name();
    }
}
