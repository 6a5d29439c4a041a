package dev.floe.flink.source.enumerator;

import dev.floe.flink.source.FloeSourceOptions;
import dev.floe.flink.source.FloeSourceOptions.StartMode;
import dev.floe.flink.source.split.FloeSplit;
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.StreamConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.ReadableConfig;

/**
 * Turns the source's options and the manifest into one split per partition: where it starts
 * (earliest, latest, an offset, a timestamp) and where it stops (the committed end seen now, or
 * never). Stateless.
 */
final class SplitPlanner {

    private SplitPlanner() {}

    static List<FloeSplit> plan(ManifestStore manifest, ReadableConfig config) {
        String name = config.get(FloeSourceOptions.STREAM);
        StreamConfig stream =
                manifest.stream(name)
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "Stream "
                                                        + name
                                                        + " does not exist in "
                                                        + manifest.describe()));
        List<Integer> partitions = partitions(config, stream);
        StartMode start = config.get(FloeSourceOptions.START);
        Map<String, String> offsets =
                config.getOptional(FloeSourceOptions.START_OFFSETS).orElse(Map.of());
        boolean bounded = config.get(FloeSourceOptions.BOUNDED);
        Map<Integer, Long> consumed =
                start == StartMode.CONSUMER
                        ? manifest.consumerPosition(name, config.get(FloeSourceOptions.CONSUMER_ID))
                                .map(c -> c.offsets())
                                .orElse(Map.of())
                        : Map.of();
        List<FloeSplit> splits = new ArrayList<>();
        for (int p : partitions) {
            long committed = manifest.head(name, p).committedEnd();
            List<ObjectDescriptor> objects = manifest.objects(name, p, 0, Long.MAX_VALUE);
            long earliest = objects.isEmpty() ? committed : objects.get(0).startOffset();
            long from = earliest;
            long skipBefore = FloeSplit.NO_TIMESTAMP;
            switch (start) {
                case LATEST -> from = committed;
                case CONSUMER -> {
                    Long position = consumed.get(p);
                    if (position != null) {
                        from = Math.max(earliest, Math.min(position, committed));
                    }
                }
                case OFFSETS -> {
                    String given = offsets.get(String.valueOf(p));
                    if (given != null) {
                        from = parseOffset(name, p, given, earliest, committed);
                    }
                }
                case TIMESTAMP -> {
                    long ts =
                            config.getOptional(FloeSourceOptions.START_TIMESTAMP)
                                    .orElseThrow(
                                            () ->
                                                    new IllegalArgumentException(
                                                            "start TIMESTAMP needs "
                                                                    + FloeSourceOptions
                                                                            .START_TIMESTAMP
                                                                            .key()));
                    from = committed;
                    for (ObjectDescriptor o : objects) {
                        if (o.maxTimestamp() >= ts) {
                            from = o.startOffset();
                            break;
                        }
                    }
                    skipBefore = ts;
                }
                default -> {}
            }
            long stop = bounded ? Math.max(from, committed) : FloeSplit.UNBOUNDED;
            splits.add(new FloeSplit(name, p, from, stop, skipBefore));
        }
        return splits;
    }

    private static List<Integer> partitions(ReadableConfig config, StreamConfig stream) {
        List<Integer> all = new ArrayList<>();
        for (int p = 0; p < stream.partitions(); p++) {
            all.add(p);
        }
        List<Integer> chosen = config.getOptional(FloeSourceOptions.PARTITIONS).orElse(all);
        for (int p : chosen) {
            if (!stream.hasPartition(p)) {
                throw new IllegalArgumentException(
                        "Stream "
                                + stream.name()
                                + " has partitions 0 to "
                                + (stream.partitions() - 1)
                                + ", not "
                                + p
                                + " ("
                                + FloeSourceOptions.PARTITIONS.key()
                                + ")");
            }
        }
        return chosen;
    }

    private static long parseOffset(
            String stream, int p, String given, long earliest, long committed) {
        long offset;
        try {
            offset = Long.parseLong(given.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "Start offset '" + given + "' of " + stream + "/" + p + " is not a number");
        }
        if (offset > committed || offset < earliest) {
            throw new IllegalArgumentException(
                    "Start offset "
                            + offset
                            + " of "
                            + stream
                            + "/"
                            + p
                            + " is outside the partition's committed range ["
                            + earliest
                            + ", "
                            + committed
                            + ")");
        }
        return offset;
    }
}
