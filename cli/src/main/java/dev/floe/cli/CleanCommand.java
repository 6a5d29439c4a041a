package dev.floe.cli;

import dev.floe.wal.manifest.GcEntry;
import dev.floe.wal.object.ObjectInfo;
import dev.floe.wal.object.PendingUpload;
import dev.floe.wal.tier.GarbageCollector;
import dev.floe.wal.tier.OrphanCleaner;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code floe clean STREAM [--grace D] [--execute]}: lists (or deletes) orphans, unfinished uploads
 * and superseded objects whose grace has passed, through the engine's {@link OrphanCleaner} and
 * {@link GarbageCollector}. Not thread-safe.
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
    int run(FloeSession session) throws IOException {
        session.requireStream(stream);
        if (grace.isNegative()) {
            throw new CliException("--grace must not be negative, got " + grace);
        }
        Clock clock = Clock.systemUTC();
        Instant now = clock.instant();
        List<GcEntry> due = session.manifest().gcDue(now, Integer.MAX_VALUE);
        List<GcEntry> ours =
                due.stream().filter(e -> e.objectKey().startsWith(stream + "/")).toList();

        OrphanCleaner.Report report =
                new OrphanCleaner(session.manifest(), session.stores(), grace, clock)
                        .clean(stream, !execute);
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
        for (ObjectInfo o : report.awaitingCommit()) {
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
        for (GcEntry e : ours) {
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
        int superseded = ours.size();
        if (execute) {
            // The deletion queue is shared by all streams: the collector empties it of every due
            // entry, as a sink's maintenance does.
            superseded =
                    new GarbageCollector(session.manifest(), session.stores(), clock).collect();
        }
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
                                + (execute && superseded != ours.size()
                                        ? " (of every stream; "
                                                + ours.size()
                                                + " of "
                                                + stream
                                                + ")"
                                        : "")
                                + (!execute && due.size() > ours.size()
                                        ? "; "
                                                + (due.size() - ours.size())
                                                + " superseded objects of other"
                                                + " streams are due as well"
                                        : "")
                                + (execute ? "" : ". Run again with --execute to delete."));
        return 0;
    }
}
