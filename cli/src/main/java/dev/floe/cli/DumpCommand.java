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

import dev.floe.wal.admin.CommittedObject;
import dev.floe.wal.admin.FloeAdmin;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.StreamConfig;
import java.io.IOException;
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
    int run(FloeAdmin admin) throws IOException {
        StreamConfig s = admin.stream(stream);
        long end = admin.partition(stream, partition).committedEnd();
        if (limit < 1) {
            throw new CliException("--limit must be at least 1, got " + limit);
        }
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
        ObjectDescriptor first =
                admin.committedObjects(stream, partition).stream()
                        .map(CommittedObject::descriptor)
                        .filter(o -> o.endOffset() > from)
                        .findFirst()
                        .orElse(null);
        if (from < end && (first == null || first.startOffset() > from)) {
            throw new CliException(
                    "offset "
                            + from
                            + " of "
                            + stream
                            + "/"
                            + partition
                            + " is in no committed object"
                            + (first == null
                                    ? ""
                                    : "; the next one starts at " + first.startOffset())
                            + " (floe verify "
                            + stream
                            + " checks the partition)");
        }
        long to = Math.min(end, from + Math.min(limit, Long.MAX_VALUE - from));
        RecordFormatter formatter =
                new RecordFormatter(admin.schemaHistory(stream).latest().schema());
        admin.readRecords(stream, partition, from, to, r -> out().println(formatter.format(r)));
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
