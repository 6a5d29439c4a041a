/*
 * Copyright 2026 The Floe Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package dev.floe.flink.source.enumerator;

import dev.floe.flink.source.FloeSourceOptions;
import dev.floe.flink.source.FloeSourceOptions.StartMode;
import dev.floe.flink.source.FloeSourceOptions.StopMode;
import dev.floe.flink.source.reader.ValueFields;
import dev.floe.flink.source.split.FloeSplit;
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.PartitionCommits;
import dev.floe.wal.manifest.SchemaHistory;
import dev.floe.wal.manifest.StreamConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.configuration.ReadableConfig;

/**
 * Turns the source's options and the manifest into one split per partition: where it starts
 * (earliest, latest, an offset, a timestamp, a consumer's position) and where it stops (never, the
 * committed end seen now, an offset, or a timestamp in the past turned into an offset by the
 * objects' timestamp statistics). Stateless.
 */
final class SplitPlanner {

    private SplitPlanner() {}

    /** The stream the source reads, as the manifest defines it now. */
    static StreamConfig stream(ManifestStore manifest, ReadableConfig config) {
        String name = config.get(FloeSourceOptions.STREAM);
        return manifest.stream(name)
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "Stream "
                                                + name
                                                + " does not exist in "
                                                + manifest.describe()));
    }

    /**
     * Splits for the partitions a stream gained beyond its first {@code known}: each from its
     * earliest offset, unbounded.
     */
    static List<FloeSplit> planAdded(PartitionCommits manifest, StreamConfig stream, int known) {
        List<FloeSplit> splits = new ArrayList<>();
        for (int p = known; p < stream.partitions(); p++) {
            long committed = manifest.head(stream.name(), p).committedEnd();
            long earliest =
                    earliest(manifest.objects(stream.name(), p, 0, Long.MAX_VALUE), committed);
            splits.add(
                    new FloeSplit(
                            stream.name(),
                            p,
                            earliest,
                            FloeSplit.UNBOUNDED,
                            FloeSplit.NO_TIMESTAMP));
        }
        return splits;
    }

    static List<FloeSplit> plan(
            ManifestStore manifest, StreamConfig stream, ReadableConfig config) {
        String name = stream.name();
        List<Integer> partitions = partitions(config, stream);
        SchemaHistory history = manifest.schemaHistory(name);
        ValueFields.of(
                () -> history,
                null,
                config.getOptional(FloeSourceOptions.VALUE_FIELDS).orElse(null));
        StartMode start = config.get(FloeSourceOptions.START);
        Map<String, String> offsets =
                config.getOptional(FloeSourceOptions.START_OFFSETS).orElse(Map.of());
        StopMode stopMode = FloeSourceOptions.stopMode(config);
        Map<String, String> stopOffsets =
                config.getOptional(FloeSourceOptions.STOP_OFFSETS).orElse(Map.of());
        Long stopTimestamp =
                stopMode == StopMode.TIMESTAMP ? stopTimestamp(manifest, config, partitions) : null;
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
            long earliest = earliest(objects, committed);
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
            long stop =
                    switch (stopMode) {
                        case UNBOUNDED -> FloeSplit.UNBOUNDED;
                        case COMMITTED_AT_START -> Math.max(from, committed);
                        case OFFSETS -> {
                            String given = stopOffsets.get(String.valueOf(p));
                            yield given == null
                                    ? Math.max(from, committed)
                                    : parseStopOffset(name, p, given, from);
                        }
                        case TIMESTAMP -> Math.max(from, stopAt(objects, stopTimestamp, committed));
                    };
            splits.add(
                    narrowed(
                            config,
                            objects,
                            committed,
                            new FloeSplit(name, p, from, stop, skipBefore)));
        }
        return splits;
    }

    /**
     * {@code split} narrowed to {@link FloeSourceOptions#FROM_OFFSET}, {@link
     * FloeSourceOptions#UNTIL_OFFSET}, the first object reaching {@link
     * FloeSourceOptions#FROM_TIMESTAMP} and {@link FloeSourceOptions#MAX_RECORDS_PER_PARTITION}; a
     * split left with nothing to read starts at its stop.
     */
    private static FloeSplit narrowed(
            ReadableConfig config,
            List<ObjectDescriptor> objects,
            long committed,
            FloeSplit split) {
        long from =
                Math.max(
                        split.nextOffset(),
                        config.getOptional(FloeSourceOptions.FROM_OFFSET).orElse(0L));
        Optional<Long> fromTimestamp = config.getOptional(FloeSourceOptions.FROM_TIMESTAMP);
        if (fromTimestamp.isPresent()) {
            from = Math.max(from, firstReaching(objects, fromTimestamp.get(), committed));
        }
        long stop =
                Math.min(
                        split.stopOffset(),
                        config.getOptional(FloeSourceOptions.UNTIL_OFFSET)
                                .orElse(FloeSplit.UNBOUNDED));
        Optional<Long> limit = config.getOptional(FloeSourceOptions.MAX_RECORDS_PER_PARTITION);
        if (limit.isPresent() && config.get(FloeSourceOptions.START) != StartMode.TIMESTAMP) {
            stop =
                    Math.min(
                            stop,
                            from > Long.MAX_VALUE - limit.get()
                                    ? Long.MAX_VALUE
                                    : from + limit.get());
        }
        from = Math.min(from, stop);
        return new FloeSplit(
                split.stream(), split.partition(), from, stop, split.skipBeforeTimestamp());
    }

    /**
     * The start of the first object holding a record at or after {@code timestamp}, else the end.
     */
    private static long firstReaching(
            List<ObjectDescriptor> objects, long timestamp, long committed) {
        for (ObjectDescriptor o : objects) {
            if (o.maxTimestamp() >= timestamp) {
                return o.startOffset();
            }
        }
        return committed;
    }

    /**
     * Where a partition stops for a stop timestamp: at the end of its first object holding a record
     * after {@code timestamp} (by the object's largest timestamp), or at the committed end when no
     * object does.
     */
    private static long stopAt(List<ObjectDescriptor> objects, long timestamp, long committed) {
        for (ObjectDescriptor o : objects) {
            if (o.maxTimestamp() > timestamp) {
                return o.endOffset();
            }
        }
        return committed;
    }

    /**
     * The stop timestamp, checked to be in the past: below the newest committed record of the
     * partitions read. A later one could still be followed by records at or before it, which only
     * the reader could stop at.
     */
    private static long stopTimestamp(
            PartitionCommits manifest, ReadableConfig config, List<Integer> partitions) {
        String name = config.get(FloeSourceOptions.STREAM);
        long ts =
                config.getOptional(FloeSourceOptions.STOP_TIMESTAMP)
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "stop TIMESTAMP needs "
                                                        + FloeSourceOptions.STOP_TIMESTAMP.key()));
        long newest = Long.MIN_VALUE;
        for (int p : partitions) {
            for (ObjectDescriptor o : manifest.objects(name, p, 0, Long.MAX_VALUE)) {
                newest = Math.max(newest, o.maxTimestamp());
            }
        }
        if (ts >= newest) {
            throw new IllegalArgumentException(
                    "Stop timestamp "
                            + ts
                            + " of stream "
                            + name
                            + " is not in the past: "
                            + (newest == Long.MIN_VALUE
                                    ? "nothing is committed yet"
                                    : "the newest committed record is at " + newest)
                            + ". A stop timestamp must be older than the newest committed record"
                            + " when the job starts; stop at OFFSETS or COMMITTED_AT_START"
                            + " instead.");
        }
        return ts;
    }

    /** The first offset still in the bucket: where the first object starts, else the end. */
    private static long earliest(List<ObjectDescriptor> objects, long committed) {
        return objects.isEmpty() ? committed : objects.get(0).startOffset();
    }

    private static List<Integer> partitions(ReadableConfig config, StreamConfig stream) {
        List<Integer> all = new ArrayList<>();
        for (int p = 0; p < stream.partitions(); p++) {
            all.add(p);
        }
        List<Integer> chosen = config.getOptional(FloeSourceOptions.PARTITIONS).orElse(all);
        if (config.get(FloeSourceOptions.PARTITIONS_IGNORE_MISSING)) {
            return chosen.stream().filter(stream::hasPartition).toList();
        }
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

    private static long parseStopOffset(String stream, int p, String given, long from) {
        long offset;
        try {
            offset = Long.parseLong(given.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "Stop offset '" + given + "' of " + stream + "/" + p + " is not a number");
        }
        if (offset < from) {
            throw new IllegalArgumentException(
                    "Stop offset "
                            + offset
                            + " of "
                            + stream
                            + "/"
                            + p
                            + " is before its start offset "
                            + from
                            + " ("
                            + FloeSourceOptions.STOP_OFFSETS.key()
                            + ")");
        }
        return offset;
    }
}
