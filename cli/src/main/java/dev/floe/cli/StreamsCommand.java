package dev.floe.cli;

import dev.floe.wal.error.FloeException;
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.PartitionHead;
import dev.floe.wal.manifest.StreamConfig;
import dev.floe.wal.manifest.WriterInfo;
import dev.floe.wal.tier.parquet.ParquetObjectSchema;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code floe streams}: list, describe, create and delete streams. Not thread-safe. */
@Command(
        name = "streams",
        description = "List, describe, create, grow or delete streams (default: list).",
        subcommands = {
            StreamsCommand.ListStreams.class,
            StreamsCommand.Describe.class,
            StreamsCommand.Create.class,
            StreamsCommand.Grow.class,
            StreamsCommand.Delete.class
        })
final class StreamsCommand extends SessionCommand {

    @Override
    int run(FloeSession session) {
        return ListStreams.list(session, out());
    }

    /** {@code floe streams list}. */
    @Command(name = "list", description = "Every stream with its partitions and committed records.")
    static final class ListStreams extends SessionCommand {
        @Override
        int run(FloeSession session) {
            return list(session, out());
        }

        static int list(FloeSession session, PrintStream out) {
            ManifestStore manifest = session.manifest();
            Table table = new Table("STREAM", "PARTITIONS", "VALUE", "RECORDS");
            for (String name : manifest.streams()) {
                StreamConfig s = manifest.stream(name).orElse(null);
                if (s == null) {
                    continue;
                }
                long records = 0;
                for (int p = 0; p < s.partitions(); p++) {
                    records += manifest.head(name, p).committedEnd();
                }
                table.row(name, s.partitions(), valueKind(s), records);
            }
            if (table.isEmpty()) {
                out.println("no streams in " + manifest.describe());
            } else {
                table.print(out);
            }
            return 0;
        }
    }

    /** {@code floe streams describe NAME}. */
    @Command(name = "describe", description = "A stream's definition, heads and objects.")
    static final class Describe extends SessionCommand {
        @Parameters(paramLabel = "NAME", description = "The stream.")
        String name;

        @Override
        int run(FloeSession session) {
            StreamConfig s = session.requireStream(name);
            ManifestStore manifest = session.manifest();
            long records = 0;
            long bytes = 0;
            int segments = 0;
            int parquet = 0;
            int writers = 0;
            for (int p = 0; p < s.partitions(); p++) {
                PartitionHead head = manifest.head(name, p);
                records += head.committedEnd();
                for (ObjectDescriptor o : manifest.objects(name, p, 0, Long.MAX_VALUE)) {
                    bytes += o.sizeBytes();
                    if (o.kind() == ObjectDescriptor.Kind.SEGMENT) {
                        segments++;
                    } else {
                        parquet++;
                    }
                }
                if (manifest.writer(name, p).isPresent()) {
                    writers++;
                }
            }
            Table t = new Table("FIELD", "VALUE");
            t.row("stream", s.name());
            t.row("store", session.describe());
            t.row("partitions", s.partitions());
            t.row("value", valueKind(s));
            s.properties().forEach((k, v) -> t.row("property " + k, v));
            t.row("committed records", records);
            t.row("objects", segments + " segment, " + parquet + " parquet, " + bytes + " bytes");
            t.row("partitions with a writer", writers);
            t.print(out());
            if (s.valueSchema() != null) {
                out().println();
                out().println("value schema:");
                out().println(s.valueSchema());
            }
            return 0;
        }
    }

    /** {@code floe streams create NAME --partitions N [--avro-schema FILE]}. */
    @Command(name = "create", description = "Create a stream.")
    static final class Create extends SessionCommand {
        @Parameters(paramLabel = "NAME", description = "Letters, digits, '.', '_' and '-'.")
        String name;

        @Option(
                names = "--partitions",
                required = true,
                paramLabel = "N",
                description = "Number of partitions, at least 1.")
        int partitions;

        @Option(
                names = "--avro-schema",
                paramLabel = "FILE",
                description = "Avro schema (JSON) of the values; default: values are bytes.")
        Path avroSchema;

        @Option(
                names = "--property",
                paramLabel = "KEY=VALUE",
                description = "A free-form property stored with the stream.")
        Map<String, String> properties = new LinkedHashMap<>();

        @Override
        int run(FloeSession session) {
            String schema = avroSchema == null ? null : readSchema(avroSchema);
            StreamConfig wanted;
            try {
                wanted = new StreamConfig(name, partitions, schema, properties);
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage(), e);
            }
            session.manifest().stream(name)
                    .ifPresent(
                            existing -> {
                                throw new CliException(
                                        "stream "
                                                + name
                                                + " exists already with "
                                                + existing.partitions()
                                                + " partitions ("
                                                + valueKind(existing)
                                                + ")");
                            });
            StreamConfig stored = session.manifest().createStream(wanted);
            out().println(
                            "created stream "
                                    + stored.name()
                                    + " with "
                                    + stored.partitions()
                                    + " partitions ("
                                    + valueKind(stored)
                                    + ") in "
                                    + session.manifest().describe());
            return 0;
        }

        private static String readSchema(Path file) {
            String json;
            try {
                json = Files.readString(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new CliException("Avro schema file " + file + " does not exist");
            } catch (IOException e) {
                throw new CliException("cannot read Avro schema file " + file + ": " + e);
            }
            try {
                // The schema must be one the Parquet tier can store as columns.
                ParquetObjectSchema.forValueSchema(json);
            } catch (RuntimeException e) {
                throw new CliException(
                        "Avro schema file " + file + " is not usable: " + ErrorReporter.message(e),
                        e);
            }
            return json;
        }
    }

    /** {@code floe streams grow NAME --partitions N}. */
    @Command(
            name = "grow",
            description =
                    "Raise a stream's partition count; new partitions start empty. Running"
                            + " sources find them (floe.source.partition-discovery-interval);"
                            + " sinks write them once they run with the new count.")
    static final class Grow extends SessionCommand {
        @Parameters(paramLabel = "NAME", description = "The stream.")
        String name;

        @Option(
                names = "--partitions",
                required = true,
                paramLabel = "N",
                description = "The new partition count: at least the current one.")
        int partitions;

        @Override
        int run(FloeSession session) {
            StreamConfig before = session.requireStream(name);
            StreamConfig after;
            try {
                after = session.manifest().growPartitions(name, partitions);
            } catch (FloeException e) {
                throw new CliException(e.getMessage(), e);
            }
            out().println(
                            after.partitions() == before.partitions()
                                    ? "stream "
                                            + name
                                            + " has "
                                            + after.partitions()
                                            + " partitions already"
                                    : "stream "
                                            + name
                                            + " grew from "
                                            + before.partitions()
                                            + " to "
                                            + after.partitions()
                                            + " partitions");
            return 0;
        }
    }

    /** {@code floe streams delete NAME [--force]}. */
    @Command(
            name = "delete",
            description =
                    "Delete a stream: its manifest entries and every object under its prefix."
                            + " Refuses while a writer holds a partition, unless --force.")
    static final class Delete extends SessionCommand {
        @Parameters(paramLabel = "NAME", description = "The stream.")
        String name;

        @Option(
                names = "--force",
                description = "Delete even while writers hold partitions (they will fail).")
        boolean force;

        @Override
        int run(FloeSession session) throws IOException {
            StreamConfig s = session.requireStream(name);
            List<String> held = new ArrayList<>();
            for (int p = 0; p < s.partitions(); p++) {
                WriterInfo w = session.manifest().writer(name, p).orElse(null);
                if (w != null) {
                    held.add("partition " + p + " by " + w.owner() + " (epoch " + w.epoch() + ")");
                }
            }
            if (!held.isEmpty() && !force) {
                throw new CliException(
                        "stream "
                                + name
                                + " is being written: "
                                + String.join(", ", held)
                                + "; stop the job first, or pass --force");
            }
            StreamDeletion.Result result = StreamDeletion.delete(session, s);
            out().println(
                            "deleted stream "
                                    + name
                                    + ": "
                                    + result.objects()
                                    + " objects ("
                                    + result.bytes()
                                    + " bytes), "
                                    + result.abortedUploads()
                                    + " unfinished uploads, "
                                    + result.queuedDeletions()
                                    + " queued deletions, and its manifest entries in "
                                    + session.manifest().describe());
            return 0;
        }
    }

    static String valueKind(StreamConfig s) {
        if (s.valueSchema() == null) {
            return "bytes";
        }
        try {
            Schema schema = new Schema.Parser().parse(s.valueSchema());
            return "avro " + schema.getFullName();
        } catch (RuntimeException e) {
            return "avro (unparseable schema)";
        }
    }
}
