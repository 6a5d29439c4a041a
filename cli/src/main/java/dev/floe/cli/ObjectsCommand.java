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
import dev.floe.wal.admin.ObjectTotals;
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
        ObjectTotals totals = new ObjectTotals();
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
            totals.add(o);
        }
        if (!table.isEmpty()) {
            table.print(out());
        }
        out().println(
                        totals.objects()
                                + " committed objects, "
                                + totals.bytes()
                                + " bytes, in "
                                + admin.describe().summary());
        return 0;
    }
}
