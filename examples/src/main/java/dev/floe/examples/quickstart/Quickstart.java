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
package dev.floe.examples.quickstart;

import dev.floe.examples.ExampleCommand;
import java.io.PrintStream;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Floe end to end in one process: generated orders are written into a Floe stream by a Flink job
 * with FloeSink (exactly-once, checkpoints on), read back by a second job with FloeSource, checked
 * order by order, and summarised (records in and out, partitions, objects, the Parquet files and
 * how to query them). Uses the embedded defaults (a local directory and an embedded manifest)
 * unless S3 and etcd are given. Not thread-safe.
 */
@Command(
        name = "quickstart",
        mixinStandardHelpOptions = true,
        description =
                "Writes generated orders into a Floe stream with FloeSink and reads them back with"
                        + " FloeSource, in a local Flink environment.")
public final class Quickstart extends ExampleCommand {

    @Option(
            names = "--orders",
            defaultValue = "200000",
            description = "Orders to write and read back (default: ${DEFAULT-VALUE}).")
    long orders;

    @Option(
            names = "--stream",
            defaultValue = "orders",
            description = "Stream to write (default: ${DEFAULT-VALUE}).")
    String stream;

    @Option(
            names = "--partitions",
            defaultValue = "4",
            description =
                    "Partitions of the stream when it is created (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(
            names = "--parallelism",
            defaultValue = "2",
            description = "Parallelism of both jobs (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(
            names = "--checkpoint-interval",
            defaultValue = "1s",
            description =
                    "Checkpoint interval of the writing job; records are committed at each"
                            + " checkpoint (default: ${DEFAULT-VALUE}).")
    Duration checkpointInterval;

    private QuickstartResult result;

    public static void main(String[] args) {
        System.exit(executeMain(new Quickstart(), args));
    }

    /**
     * Runs the quickstart with {@code args}, printing to {@code out}, with the process's {@code
     * FLOE_*} variables; for tests and tools, which get its exceptions.
     */
    public static QuickstartResult run(PrintStream out, String... args) throws Exception {
        Quickstart quickstart = new Quickstart();
        quickstart.parse(out, System.getenv(), args);
        quickstart.call();
        return quickstart.result;
    }

    @Override
    public Integer call() throws Exception {
        if (orders < 1) {
            throw new CommandLine.ParameterException(
                    new CommandLine(this), "--orders must be at least 1, got " + orders);
        }
        if (partitions < parallelism) {
            throw new CommandLine.ParameterException(
                    new CommandLine(this),
                    "--partitions ("
                            + partitions
                            + ") must be at least --parallelism ("
                            + parallelism
                            + "): each writer owns whole partitions");
        }
        result =
                new QuickstartRun(
                                out(),
                                connection(),
                                stream,
                                orders,
                                partitions,
                                parallelism,
                                checkpointInterval)
                        .run();
        return result.matches() ? 0 : 1;
    }
}
