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

import dev.floe.wal.admin.ConsumerLag;
import dev.floe.wal.admin.FloeAdmin;
import dev.floe.wal.admin.PartitionInfo;
import dev.floe.wal.manifest.WriterInfo;
import java.util.List;
import java.util.OptionalLong;
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
    int run(FloeAdmin admin) {
        Table partitions =
                new Table("PARTITION", "HEAD", "EPOCH", "OWNER", "TAIL ENDPOINT", "LAST COMMIT");
        for (PartitionInfo p : admin.partitions(stream)) {
            WriterInfo writer = p.writer().orElse(null);
            partitions.row(
                    p.partition(),
                    p.committedEnd(),
                    p.head().epoch(),
                    writer == null ? "(none)" : writer.owner() + " (epoch " + writer.epoch() + ")",
                    writer == null ? null : writer.tailEndpoint(),
                    p.head().lastCommitId());
        }
        partitions.print(out());

        List<ConsumerLag> consumers = admin.consumerLag(stream);
        out().println();
        if (consumers.isEmpty()) {
            out().println("no registered consumers");
            return 0;
        }
        Table lags = new Table("CONSUMER", "PARTITION", "POSITION", "HEAD", "LAG");
        for (ConsumerLag c : consumers) {
            lags.row(
                    c.consumerId(),
                    c.partition(),
                    orNull(c.position()),
                    c.committedEnd(),
                    orNull(c.lag()));
        }
        lags.print(out());
        return 0;
    }

    private static Long orNull(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }
}
