package dev.floe.cli;

import dev.floe.wal.manifest.ConsumerPosition;
import dev.floe.wal.manifest.PartitionHead;
import dev.floe.wal.manifest.StreamConfig;
import dev.floe.wal.manifest.WriterInfo;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code floe partitions STREAM}: each partition's committed end, epoch, writer and tail endpoint,
 * then each registered consumer's position and lag. Not thread-safe.
 */
@Command(
        name = "partitions",
        description =
                "Per partition: committed end (head), writer epoch, owner, tail endpoint; then the"
                        + " lag of every registered consumer.")
final class PartitionsCommand extends SessionCommand {

    @Parameters(paramLabel = "STREAM", description = "The stream.")
    String stream;

    @Override
    int run(FloeSession session) {
        StreamConfig s = session.requireStream(stream);
        long[] heads = new long[s.partitions()];
        Table partitions =
                new Table("PARTITION", "HEAD", "EPOCH", "OWNER", "TAIL ENDPOINT", "LAST COMMIT");
        for (int p = 0; p < s.partitions(); p++) {
            PartitionHead head = session.manifest().head(stream, p);
            heads[p] = head.committedEnd();
            WriterInfo writer = session.manifest().writer(stream, p).orElse(null);
            partitions.row(
                    p,
                    head.committedEnd(),
                    head.epoch(),
                    writer == null ? "(none)" : writer.owner() + " (epoch " + writer.epoch() + ")",
                    writer == null ? null : writer.tailEndpoint(),
                    head.lastCommitId());
        }
        partitions.print(out());

        List<ConsumerPosition> consumers = session.manifest().consumers(stream);
        out().println();
        if (consumers.isEmpty()) {
            out().println("no registered consumers");
            return 0;
        }
        Table lags = new Table("CONSUMER", "PARTITION", "POSITION", "HEAD", "LAG");
        for (ConsumerPosition c : consumers) {
            for (int p = 0; p < s.partitions(); p++) {
                Long position = c.offsets().get(p);
                lags.row(
                        c.consumerId(),
                        p,
                        position,
                        heads[p],
                        position == null ? null : Math.max(0, heads[p] - position));
            }
        }
        lags.print(out());
        return 0;
    }
}
