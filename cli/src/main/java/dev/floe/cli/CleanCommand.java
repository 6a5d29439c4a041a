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

import dev.floe.wal.admin.CleanMode;
import dev.floe.wal.admin.CleanReport;
import dev.floe.wal.admin.FloeAdmin;
import dev.floe.wal.manifest.GcEntry;
import dev.floe.wal.object.ObjectInfo;
import dev.floe.wal.object.PendingUpload;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code floe clean STREAM [--grace D] [--execute]}: lists (or deletes) orphans, unfinished uploads
 * and superseded objects whose grace has passed, through {@link FloeAdmin#clean}. Not thread-safe.
 */
@Command(
        name = "clean",
        description =
                "Find objects no manifest references (older than --grace), unfinished uploads and"
                        + " superseded objects past their grace. Dry run unless --execute.")
final class CleanCommand extends SessionCommand {

    @Parameters(paramLabel = "STREAM", description = "The stream.")
    String stream;

    @Option(
            names = "--grace",
            paramLabel = "DURATION",
            description =
                    "Only orphans and uploads older than this (default: 1h); must exceed the"
                            + " longest checkpoint of any writer (interval plus timeout).")
    Duration grace = Duration.ofHours(1);

    @Option(names = "--execute", description = "Delete; without it nothing is changed.")
    boolean execute;

    @Override
    int run(FloeAdmin admin) throws IOException {
        if (grace.isNegative()) {
            throw new CliException("--grace must not be negative, got " + grace);
        }
        CleanReport report =
                admin.clean(stream, grace, execute ? CleanMode.DELETE : CleanMode.DRY_RUN);
        String verb = execute ? "deleted" : "would delete";
        for (ObjectInfo o : report.orphans()) {
            out().println(
                            verb
                                    + " orphan "
                                    + o.key()
                                    + " ("
                                    + o.size()
                                    + " bytes, "
                                    + o.lastModified()
                                    + ")");
        }
        for (ObjectInfo o : report.keptAwaitingCommit()) {
            out().println(
                            "kept "
                                    + o.key()
                                    + ": a segment of the current writer at or after the committed"
                                    + " end, which may await its commit");
        }
        for (PendingUpload u : report.abandonedUploads()) {
            out().println(
                            (execute ? "aborted" : "would abort")
                                    + " unfinished upload of "
                                    + u.key()
                                    + " (started "
                                    + u.started()
                                    + ")");
        }
        for (GcEntry e : report.superseded()) {
            out().println(
                            verb
                                    + " superseded "
                                    + e.kind().name().toLowerCase(Locale.ROOT)
                                    + " object "
                                    + e.objectKey()
                                    + " (grace ended "
                                    + e.deleteAfter()
                                    + ")");
        }
        int ours = report.superseded().size();
        int superseded = execute ? report.supersededDeleted() : ours;
        out().println(
                        (execute ? "deleted " : "dry run, nothing deleted: would delete ")
                                + report.orphans().size()
                                + " orphans ("
                                + report.orphanBytes()
                                + " bytes), "
                                + report.abandonedUploads().size()
                                + " unfinished uploads and "
                                + superseded
                                + " superseded objects"
                                + (execute && superseded != ours
                                        ? " (of every stream; " + ours + " of " + stream + ")"
                                        : "")
                                + (!execute && report.supersededOfOtherStreams() > 0
                                        ? "; "
                                                + report.supersededOfOtherStreams()
                                                + " superseded objects of other"
                                                + " streams are due as well"
                                        : "")
                                + (execute ? "" : ". Run again with --execute to delete."));
        return 0;
    }
}
