package dev.floe.cli;

import dev.floe.wal.admin.CommittedObject;
import dev.floe.wal.admin.FloeAdmin;
import dev.floe.wal.manifest.ObjectDescriptor;
import java.time.Instant;
import java.util.List;
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
    int run(FloeAdmin admin) {
        List<CommittedObject> objects =
                partition == null
                        ? admin.committedObjects(stream)
                        : admin.committedObjects(stream, partition);
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
        long bytes = 0;
        for (CommittedObject committed : objects) {
            ObjectDescriptor o = committed.descriptor();
            table.row(
                    committed.partition(),
                    o.kind().name().toLowerCase(Locale.ROOT),
                    o.startOffset(),
                    o.endOffset(),
                    o.recordCount(),
                    o.sizeBytes(),
                    o.epoch(),
                    Instant.ofEpochMilli(o.minTimestamp()),
                    Instant.ofEpochMilli(o.maxTimestamp()),
                    o.key());
            bytes += o.sizeBytes();
        }
        if (!table.isEmpty()) {
            table.print(out());
        }
        out().println(
                        objects.size()
                                + " committed objects, "
                                + bytes
                                + " bytes, in "
                                + admin.describe().summary());
        return 0;
    }
}
