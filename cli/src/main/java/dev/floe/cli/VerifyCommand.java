package dev.floe.cli;

import dev.floe.wal.manifest.StreamConfig;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code floe verify [STREAM...]}: checks that every committed record is in an intact object. Exit
 * code 0 when all is well, {@link FloeCli#EXIT_PROBLEMS} with a report of each problem otherwise.
 * Not thread-safe.
 */
@Command(
        name = "verify",
        description =
                "Check streams (default: all): objects cover every committed offset without gap,"
                        + " exist with the recorded size, and read back with checksums checked."
                        + " Exit code 1 when a problem is found.")
final class VerifyCommand extends SessionCommand {

    @Parameters(paramLabel = "STREAM", arity = "0..*", description = "Streams to check.")
    List<String> streams;

    @Option(
            names = "--shallow",
            description = "Check existence and sizes only; do not read the objects.")
    boolean shallow;

    @Override
    int run(FloeSession session) {
        List<String> names =
                streams == null || streams.isEmpty() ? session.manifest().streams() : streams;
        for (String name : names) {
            session.requireStream(name);
        }
        PartitionVerifier verifier =
                new PartitionVerifier(session.manifest(), session.stores(), shallow);
        int problems = 0;
        int objects = 0;
        long bytes = 0;
        for (String name : names) {
            StreamConfig s = session.requireStream(name);
            for (int p = 0; p < s.partitions(); p++) {
                PartitionVerifier.Result r = verifier.verify(name, p);
                objects += r.objects();
                bytes += r.bytes();
                String where = name + "/" + p;
                if (r.problems().isEmpty()) {
                    out().println(
                                    where
                                            + ": ok, "
                                            + r.records()
                                            + " records in "
                                            + r.objects()
                                            + " objects");
                } else {
                    for (String problem : r.problems()) {
                        out().println(where + ": PROBLEM: " + problem);
                    }
                    problems += r.problems().size();
                }
            }
        }
        out().println(
                        (problems == 0 ? "ok: " : problems + " problems: ")
                                + names.size()
                                + " streams, "
                                + objects
                                + " objects, "
                                + bytes
                                + " bytes "
                                + (shallow ? "listed" : "read")
                                + " in "
                                + session.describe());
        return problems == 0 ? 0 : FloeCli.EXIT_PROBLEMS;
    }
}
