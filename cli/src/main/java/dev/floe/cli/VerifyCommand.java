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

import dev.floe.wal.admin.FloeAdmin;
import dev.floe.wal.admin.VerifyLevel;
import dev.floe.wal.admin.VerifyReport;
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
                        + " exist with the recorded size, and read back with checksums checked;"
                        + " the stream's Iceberg table holds exactly the committed Parquet objects."
                        + " Exit code 1 when a problem is found.")
final class VerifyCommand extends SessionCommand {

    @Parameters(paramLabel = "STREAM", arity = "0..*", description = "Streams to check.")
    List<String> streams;

    @Option(
            names = "--shallow",
            description = "Check existence and sizes only; do not read the objects.")
    boolean shallow;

    @Override
    int run(FloeAdmin admin) {
        VerifyLevel level = shallow ? VerifyLevel.SHALLOW : VerifyLevel.FULL;
        VerifyReport report =
                streams == null || streams.isEmpty()
                        ? admin.verifyAll(level)
                        : admin.verify(streams, level);
        for (VerifyReport.Partition p : report.partitions()) {
            String where = p.stream() + "/" + p.partition();
            if (p.isOk()) {
                out().println(
                                where
                                        + ": ok, "
                                        + p.records()
                                        + " records in "
                                        + p.objects()
                                        + " objects");
            }
            for (VerifyReport.Problem problem : p.problems()) {
                out().println(where + ": PROBLEM: " + problem.message());
            }
        }
        for (VerifyReport.TableProblem problem : report.tableProblems()) {
            out().println(
                            problem.stream()
                                    + " (Iceberg table): PROBLEM: "
                                    + problem.location()
                                    + ": "
                                    + problem.message());
        }
        int problems = report.problems().size() + report.tableProblems().size();
        out().println(
                        (problems == 0 ? "ok: " : problems + " problems: ")
                                + report.streams().size()
                                + " streams, "
                                + report.objects()
                                + " objects, "
                                + report.bytes()
                                + " bytes "
                                + (shallow ? "listed" : "read")
                                + " in "
                                + admin.describe().summary());
        return report.isOk() ? 0 : FloeCli.EXIT_PROBLEMS;
    }
}
