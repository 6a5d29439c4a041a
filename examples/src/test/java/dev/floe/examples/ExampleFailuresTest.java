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
package dev.floe.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.examples.jobs.CatchUpJob;
import dev.floe.examples.jobs.IngestJob;
import dev.floe.examples.jobs.MedallionJob;
import dev.floe.examples.jobs.TieringJob;
import dev.floe.examples.quickstart.Quickstart;
import dev.floe.wal.manifest.ManifestException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the quickstart and the example jobs print when their connection is wrong: one line and exit
 * code 2, before any Flink job starts; the stack trace only with {@code --verbose}.
 */
class ExampleFailuresTest {

    @TempDir Path dir;

    @Test
    void theQuickstartReportsAnUnreachableEtcdInOneLine() throws IOException {
        String etcd = "http://127.0.0.1:" + closedPort();

        Run run = run(Quickstart::new, "--etcd", etcd, "--orders", "10");

        assertThat(run.exit).isEqualTo(ExampleCommand.EXIT_FAILURE);
        assertThat(run.err.lines()).hasSize(1);
        assertThat(run.err)
                .startsWith("quickstart: cannot reach etcd at " + etcd + " within")
                .contains("(connection from flags)")
                .doesNotContain("\tat ");
        assertThat(run.out).isEmpty();
    }

    @Test
    void everyJobReportsAnUnreachableS3EndpointInOneLine() throws IOException {
        String s3 = "http://127.0.0.1:" + closedPort();
        for (Supplier<ExampleCommand> job :
                List.<Supplier<ExampleCommand>>of(
                        IngestJob::new, CatchUpJob::new, MedallionJob::new, TieringJob::new)) {
            Run run =
                    run(
                            job,
                            "--s3-endpoint",
                            s3,
                            "--s3-bucket",
                            "orders",
                            "--s3-access-key",
                            "a",
                            "--s3-secret-key",
                            "b");

            assertThat(run.exit).as(run.err).isEqualTo(ExampleCommand.EXIT_FAILURE);
            assertThat(run.err.lines()).as(run.err).hasSize(1);
            assertThat(run.err)
                    .matches("(ingest|catch-up|medallion|tiering): .*bucket orders.*\\R")
                    .contains("(connection from flags)");
        }
    }

    @Test
    void aBadValueNamesItsVariableAndVerboseAddsTheStackTrace() {
        Run plain = run(Quickstart::new, Map.of("FLOE_ETCD_ENDPOINTS", "etcd:2379"));
        Run verbose = run(Quickstart::new, Map.of("FLOE_ETCD_ENDPOINTS", "etcd:2379"), "--verbose");

        assertThat(plain.exit).isEqualTo(ExampleCommand.EXIT_FAILURE);
        assertThat(plain.err)
                .isEqualTo(
                        "quickstart: FLOE_ETCD_ENDPOINTS: invalid etcd endpoint 'etcd:2379': use"
                                + " http://host:port or https://host:port"
                                + System.lineSeparator());
        assertThat(verbose.exit).isEqualTo(ExampleCommand.EXIT_FAILURE);
        assertThat(verbose.err).startsWith(plain.err.strip()).contains("\tat ");
    }

    @Test
    void aConnectionFlagWithoutItsValueIsOneLine() {
        Run run = run(IngestJob::new, "--rate", "5", "--s3-bucket");

        assertThat(run.exit).isEqualTo(ExampleCommand.EXIT_FAILURE);
        assertThat(run.err).isEqualTo("ingest: --s3-bucket needs a value" + System.lineSeparator());
    }

    @Test
    void aFailedJobIsReportedByTheFloeErrorInsideFlinksWrappers() {
        Throwable failedJob =
                new IllegalStateException(
                        "Job execution failed.",
                        new RuntimeException(
                                "Recovery is suppressed by NoRestartBackoffTimeStrategy",
                                new ManifestException(
                                        "stream orders does not exist\nsecond line",
                                        new IOException("deep"))));
        Throwable plain = new RuntimeException(new IOException("disk full"));

        assertThat(ExampleCommand.message(failedJob)).isEqualTo("stream orders does not exist");
        assertThat(ExampleCommand.message(plain)).isEqualTo("disk full");
        assertThat(ExampleCommand.message(new NullPointerException()))
                .isEqualTo("NullPointerException");
    }

    private Run run(Supplier<? extends ExampleCommand> command, String... args) {
        return run(command, Map.of(), args);
    }

    private Run run(
            Supplier<? extends ExampleCommand> command,
            Map<String, String> environment,
            String... args) {
        List<String> all =
                new ArrayList<>(List.of("--no-env-file", "--local-path", dir.toString()));
        all.addAll(List.of(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit =
                command.get()
                        .execute(
                                new PrintStream(out, true, StandardCharsets.UTF_8),
                                new PrintStream(err, true, StandardCharsets.UTF_8),
                                environment,
                                all.toArray(String[]::new));
        return new Run(
                exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A loopback port nothing listens on. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private record Run(int exit, String out, String err) {}
}
