package dev.floe.cli;

import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.PartitionHead;
import dev.floe.wal.manifest.StreamConfig;
import dev.floe.wal.tier.CommittedReader;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code floe dump STREAM --partition P --from OFFSET [--limit N]}: committed records, read from
 * the bucket as a reader would. Not thread-safe.
 */
@Command(
        name = "dump",
        description =
                "Print committed records of one partition: offset, timestamp, key, value (UTF-8"
                        + " text, base64, or JSON for Avro streams), headers.")
final class DumpCommand extends SessionCommand {

    @Parameters(paramLabel = "STREAM", description = "The stream.")
    String stream;

    @Option(
            names = {"-p", "--partition"},
            paramLabel = "P",
            description = "The partition (default: 0).")
    int partition;

    @Option(
            names = "--from",
            paramLabel = "OFFSET",
            description = "First offset to print (default: 0).")
    long from;

    @Option(
            names = "--limit",
            paramLabel = "N",
            description = "Most records to print (default: 20).")
    long limit = 20;

    @Override
    int run(FloeSession session) throws IOException {
        StreamConfig s = session.requireStream(stream);
        PartitionHead head = session.requirePartition(s, partition);
        if (limit < 1) {
            throw new CliException("--limit must be at least 1, got " + limit);
        }
        long end = head.committedEnd();
        if (from < 0 || from > end) {
            throw new CliException(
                    "offset "
                            + from
                            + " is outside "
                            + stream
                            + "/"
                            + partition
                            + (end == 0
                                    ? ": the partition is empty (committed end 0)"
                                    : ": committed offsets are 0.."
                                            + (end - 1)
                                            + " (committed end "
                                            + end
                                            + ")"));
        }
        List<ObjectDescriptor> first = session.manifest().objects(stream, partition, from, end);
        if (from < end && (first.isEmpty() || first.get(0).startOffset() > from)) {
            throw new CliException(
                    "offset "
                            + from
                            + " of "
                            + stream
                            + "/"
                            + partition
                            + " is in no committed object"
                            + (first.isEmpty()
                                    ? ""
                                    : "; the next one starts at " + first.get(0).startOffset())
                            + " (floe verify "
                            + stream
                            + " checks the partition)");
        }
        long to = Math.min(end, from + Math.min(limit, Long.MAX_VALUE - from));
        RecordFormatter formatter = new RecordFormatter(s.valueSchema());
        new CommittedReader(session.manifest(), session.stores(), stream, partition)
                .forEach(from, to, r -> out().println(formatter.format(r)));
        if (to == end) {
            err().println(
                            "("
                                    + (to - from)
                                    + " records; the committed end of "
                                    + stream
                                    + "/"
                                    + partition
                                    + " is "
                                    + end
                                    + ")");
        }
        return 0;
    }
}
