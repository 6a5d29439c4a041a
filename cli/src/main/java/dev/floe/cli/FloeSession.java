package dev.floe.cli;

import dev.floe.flink.connection.ConnectionSettings;
import dev.floe.flink.connection.FloeConnection;
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.PartitionHead;
import dev.floe.wal.manifest.StreamConfig;
import dev.floe.wal.tier.TierStores;
import java.io.IOException;

/**
 * The open stores of one command run, with the checks every command makes on its arguments (the
 * stream exists, the partition is in range). Not thread-safe.
 */
final class FloeSession implements AutoCloseable {

    private final ConnectionSettings settings;
    private final FloeConnection connection;

    private FloeSession(ConnectionSettings settings, FloeConnection connection) {
        this.settings = settings;
        this.connection = connection;
    }

    static FloeSession open(ConnectionSettings settings) {
        try {
            FloeConnection.validate(settings.config());
            return new FloeSession(settings, FloeConnection.open(settings.config()));
        } catch (IOException | RuntimeException e) {
            throw new CliException(
                    ErrorReporter.message(e) + " (connection from " + settings.origin() + ")", e);
        }
    }

    ConnectionSettings settings() {
        return settings;
    }

    ManifestStore manifest() {
        return connection.manifest();
    }

    TierStores stores() {
        return connection.stores();
    }

    /** Where the manifest and objects are, for reports. */
    String describe() {
        String segments = connection.stores().segments().describe();
        String parquet = connection.stores().parquet().describe();
        return connection.manifest().describe()
                + ", "
                + segments
                + (segments.equals(parquet) ? "" : ", Parquet in " + parquet);
    }

    StreamConfig requireStream(String name) {
        try {
            return manifest().stream(name)
                    .orElseThrow(
                            () ->
                                    new CliException(
                                            "stream "
                                                    + name
                                                    + " does not exist in "
                                                    + manifest().describe()
                                                    + "; floe streams list shows the streams"));
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage(), e);
        }
    }

    /** Checks that the partition exists; returns its head. */
    PartitionHead requirePartition(StreamConfig stream, int partition) {
        if (!stream.hasPartition(partition)) {
            throw new CliException(
                    "stream "
                            + stream.name()
                            + " has partitions 0.."
                            + (stream.partitions() - 1)
                            + ", not "
                            + partition);
        }
        return manifest().head(stream.name(), partition);
    }

    @Override
    public void close() {
        connection.close();
    }
}
