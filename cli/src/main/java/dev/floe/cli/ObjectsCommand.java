package dev.floe.cli;

import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.StreamConfig;
import java.time.Instant;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code floe objects STREAM [--partition P]}: the committed objects. Not thread-safe. */
@Command(
        name = "objects",
        description =
                "Committed objects in offset order: range, kind (segment/parquet), size, time"
                        + " range and key.")
final class ObjectsCommand extends SessionCommand {

    @Parameters(paramLabel = "STREAM", description = "The stream.")
    String stream;

    @Option(
            names = {"-p", "--partition"},
            paramLabel = "P",
            description = "Only this partition (default: all).")
    Integer partition;

    @Override
    int run(FloeSession session) {
        StreamConfig s = session.requireStream(stream);
        int from = 0;
        int to = s.partitions();
        if (partition != null) {
            session.requirePartition(s, partition);
            from = partition;
            to = partition + 1;
        }
        Table table =
                new Table(
                        "PARTITION",
                        "KIND",
                        "START",
                        "END",
                        "RECORDS",
                        "BYTES",
                        "EPOCH",
                        "FIRST TIMESTAMP",
                        "LAST TIMESTAMP",
                        "KEY");
        int count = 0;
        long bytes = 0;
        for (int p = from; p < to; p++) {
            long end = session.manifest().head(stream, p).committedEnd();
            for (ObjectDescriptor o : session.manifest().objects(stream, p, 0, end)) {
                table.row(
                        p,
                        o.kind().name().toLowerCase(Locale.ROOT),
                        o.startOffset(),
                        o.endOffset(),
                        o.recordCount(),
                        o.sizeBytes(),
                        o.epoch(),
                        Instant.ofEpochMilli(o.minTimestamp()),
                        Instant.ofEpochMilli(o.maxTimestamp()),
                        o.key());
                count++;
                bytes += o.sizeBytes();
            }
        }
        if (!table.isEmpty()) {
            table.print(out());
        }
        out().println(count + " committed objects, " + bytes + " bytes, in " + session.describe());
        return 0;
    }
}
