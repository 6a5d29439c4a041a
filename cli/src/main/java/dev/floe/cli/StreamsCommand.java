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
package dev.floe.cli;

import dev.floe.wal.admin.DeletionReport;
import dev.floe.wal.admin.FloeAdmin;
import dev.floe.wal.admin.StreamBusyException;
import dev.floe.wal.admin.StreamDescription;
import dev.floe.wal.admin.StreamExistsException;
import dev.floe.wal.admin.StreamInfo;
import dev.floe.wal.error.FloeException;
import dev.floe.wal.manifest.SchemaVersion;
import dev.floe.wal.manifest.StreamConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
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
    int run(FloeAdmin admin) {
        return ListStreams.list(admin, out());
    }

    /** {@code floe streams list}. */
    @Command(name = "list", description = "Every stream with its partitions and committed records.")
    static final class ListStreams extends SessionCommand {
        @Override
        int run(FloeAdmin admin) {
            return list(admin, out());
        }

        static int list(FloeAdmin admin, PrintStream out) {
            Table table = new Table("STREAM", "PARTITIONS", "VALUE", "RECORDS");
            for (StreamInfo s : admin.listStreams()) {
                StreamConfig definition = s.definition();
                table.row(
                        s.name(),
                        definition.partitions(),
                        valueKind(definition),
                        s.committedRecords());
            }
            if (table.isEmpty()) {
                out.println("no streams in " + admin.describe().manifest());
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
        int run(FloeAdmin admin) {
            StreamDescription d = admin.describeStream(name);
            StreamConfig s = d.definition();
            Table t = new Table("FIELD", "VALUE");
            t.row("stream", s.name());
            t.row("store", admin.describe().summary());
            t.row("partitions", s.partitions());
            t.row("value", valueKind(s));
            s.properties().forEach((k, v) -> t.row("property " + k, v));
            t.row("committed records", d.committedRecords());
            t.row(
                    "objects",
                    d.segmentObjects()
                            + " segment, "
                            + d.parquetObjects()
                            + " parquet, "
                            + d.objectBytes()
                            + " bytes");
            t.row("partitions with a writer", d.writtenPartitions());
            t.print(out());
            SchemaVersion latest = d.schemas().latest();
            if (latest.typed()) {
                out().println();
                out().println("value schema history:");
                Table history = new Table("VERSION", "REGISTERED", "FINGERPRINT", "FIELDS");
                for (SchemaVersion v : d.schemas().versions()) {
                    history.row(
                            v.version(),
                            v.registeredAt() == null ? "at creation" : v.registeredAt(),
                            v.fingerprint(),
                            fields(v));
                }
                history.print(out());
                out().println();
                out().println("value schema (version " + latest.version() + "):");
                out().println(latest.schema());
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
        int run(FloeAdmin admin) {
            String schema = avroSchema == null ? null : readSchema(avroSchema);
            StreamConfig wanted = new StreamConfig(name, partitions, schema, properties);
            StreamConfig stored;
            try {
                stored = admin.createStream(wanted);
            } catch (StreamExistsException e) {
                throw new CliException(
                        "stream "
                                + name
                                + " exists already with "
                                + e.existing().partitions()
                                + " partitions ("
                                + valueKind(e.existing())
                                + ")",
                        e);
            } catch (IllegalArgumentException e) {
                if (avroSchema == null) {
                    throw e;
                }
                // The schema must be one the Parquet tier can store as columns.
                throw new CliException(
                        "Avro schema file "
                                + avroSchema
                                + " is not usable: "
                                + ErrorReporter.message(e.getCause() == null ? e : e.getCause()),
                        e);
            }
            out().println(
                            "created stream "
                                    + stored.name()
                                    + " with "
                                    + stored.partitions()
                                    + " partitions ("
                                    + valueKind(stored)
                                    + ") in "
                                    + admin.describe().manifest());
            return 0;
        }

        private static String readSchema(Path file) {
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new CliException("Avro schema file " + file + " does not exist");
            } catch (IOException e) {
                throw new CliException("cannot read Avro schema file " + file + ": " + e);
            }
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
        int run(FloeAdmin admin) {
            StreamConfig before = admin.stream(name);
            StreamConfig after;
            try {
                after = admin.growStream(name, partitions);
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
        int run(FloeAdmin admin) throws IOException {
            DeletionReport result;
            try {
                result = admin.deleteStream(name, force);
            } catch (StreamBusyException e) {
                throw new CliException(
                        "stream "
                                + name
                                + " is being written: "
                                + e.writers()
                                + "; stop the job first, or pass --force",
                        e);
            }
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
                                    + admin.describe().manifest());
            return 0;
        }
    }

    /** "id long, note string = none": each field with its type and default. */
    private static String fields(SchemaVersion v) {
        try {
            return v.avroSchema().getFields().stream()
                    .map(
                            f ->
                                    f.name()
                                            + " "
                                            + typeName(f.schema())
                                            + (f.hasDefaultValue() ? " = " + f.defaultVal() : ""))
                    .collect(Collectors.joining(", "));
        } catch (RuntimeException e) {
            return "(unparseable schema)";
        }
    }

    private static String typeName(Schema s) {
        return switch (s.getType()) {
            case RECORD, ENUM, FIXED -> s.getName();
            case ARRAY -> "array<" + typeName(s.getElementType()) + ">";
            case MAP -> "map<" + typeName(s.getValueType()) + ">";
            case UNION ->
                    s.getTypes().stream()
                            .map(StreamsCommand::typeName)
                            .collect(Collectors.joining("|"));
            default -> s.getType().getName();
        };
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
