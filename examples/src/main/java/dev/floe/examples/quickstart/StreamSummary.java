package dev.floe.examples.quickstart;

import dev.floe.flink.connection.FloeConnection;
import dev.floe.flink.connection.FloeConnectionOptions;
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.StreamConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.configuration.ReadableConfig;

/**
 * What the manifest says about a stream: partitions, committed records and the objects holding
 * them, with where each object is. Immutable.
 *
 * @param stream the stream's name
 * @param partitions number of partitions
 * @param committedEnds committed end offset of each partition
 * @param objects every object the manifest lists, partition by partition in offset order
 */
public record StreamSummary(
        String stream, int partitions, List<Long> committedEnds, List<StoredObject> objects) {

    /**
     * One object of the stream.
     *
     * @param partition its partition
     * @param descriptor what the manifest records about it
     * @param location a path on local disk, or an s3:// URL
     */
    public record StoredObject(int partition, ObjectDescriptor descriptor, String location) {}

    /** Reads the summary of {@code stream}, or empty when the stream does not exist. */
    public static Optional<StreamSummary> read(ReadableConfig config, String stream)
            throws IOException {
        try (FloeConnection connection = FloeConnection.open(config)) {
            return read(connection.manifest(), config, stream);
        }
    }

    static Optional<StreamSummary> read(
            ManifestStore manifest, ReadableConfig config, String stream) {
        Optional<StreamConfig> definition = manifest.stream(stream);
        if (definition.isEmpty()) {
            return Optional.empty();
        }
        int partitions = definition.get().partitions();
        List<Long> ends = new ArrayList<>();
        List<StoredObject> objects = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            long end = manifest.head(stream, p).committedEnd();
            ends.add(end);
            if (end > 0) {
                for (ObjectDescriptor o : manifest.objects(stream, p, 0, end)) {
                    objects.add(new StoredObject(p, o, location(config, o)));
                }
            }
        }
        return Optional.of(new StreamSummary(stream, partitions, ends, objects));
    }

    /** Committed records of every partition together. */
    public long committedRecords() {
        return committedEnds.stream().mapToLong(Long::longValue).sum();
    }

    public List<StoredObject> objectsOf(ObjectDescriptor.Kind kind) {
        return objects.stream().filter(o -> o.descriptor().kind() == kind).toList();
    }

    private static String location(ReadableConfig config, ObjectDescriptor o) {
        var bucket = config.getOptional(FloeConnectionOptions.S3_BUCKET);
        String prefix = config.get(FloeConnectionOptions.S3_KEY_PREFIX);
        if (bucket.isEmpty()) {
            return Path.of(config.get(FloeConnectionOptions.LOCAL_PATH))
                    .toAbsolutePath()
                    .resolve("objects")
                    .resolve(o.key())
                    .toString();
        }
        String b =
                o.kind() == ObjectDescriptor.Kind.PARQUET
                        ? config.getOptional(FloeConnectionOptions.S3_PARQUET_BUCKET)
                                .orElse(bucket.get())
                        : bucket.get();
        return "s3://" + b + "/" + prefix + o.key();
    }
}
