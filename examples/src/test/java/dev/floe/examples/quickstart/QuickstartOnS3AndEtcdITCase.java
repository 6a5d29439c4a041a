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

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.cli.FloeCli;
import dev.floe.examples.ExampleCommand;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.testing.EtcdExtension;
import dev.floe.wal.testing.S3ProxyExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The quickstart pointed at an S3-compatible server and etcd by its flags: the stream lands in the
 * bucket and the etcd manifest, and the floe CLI verifies it there.
 */
class QuickstartOnS3AndEtcdITCase {

    @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();
    @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();

    @Test
    void writesIntoTheBucketAndEtcdWhenTheyAreGiven() throws Exception {
        S3.createBucket("quickstart");
        List<String> connection = connection("quickstart");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(connection);
        args.addAll(List.of("--orders", "3000", "--checkpoint-interval", "500ms"));

        QuickstartResult result =
                Quickstart.run(
                        new PrintStream(printed, true, StandardCharsets.UTF_8),
                        args.toArray(String[]::new));

        assertThat(result.matches()).isTrue();
        assertThat(result.recordsOut()).isEqualTo(3_000);
        assertThat(result.stream().objectsOf(ObjectDescriptor.Kind.PARQUET))
                .isNotEmpty()
                .allSatisfy(o -> assertThat(o.location()).startsWith("s3://quickstart/"));
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("S3 bucket quickstart")
                .contains("etcd " + ETCD.endpoint());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> verify = new ArrayList<>(List.of("verify", "orders"));
        verify.addAll(connection);
        verify.add("--no-env-file");
        int exit =
                FloeCli.run(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        verify.toArray(String[]::new));
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("orders/0: ok")
                .contains("ok: 1 streams")
                .contains("s3://quickstart");
    }

    @Test
    void aStreamOf256PartitionsReadsBackEveryOrderOnce() throws Exception {
        S3.createBucket("quickstart-256");
        List<String> args = new ArrayList<>(connection("quickstart-256"));
        args.addAll(
                List.of(
                        "--stream",
                        "orders-256",
                        "--orders",
                        "5000",
                        "--partitions",
                        "256",
                        "--checkpoint-interval",
                        "500ms"));

        QuickstartResult result =
                Quickstart.run(
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                        args.toArray(String[]::new));

        QuickstartITCase.assertEveryOrderReadBackOnceAndTiered(result, 5_000, 256);
        assertThat(result.stream().objects())
                .isNotEmpty()
                .allSatisfy(o -> assertThat(o.location()).startsWith("s3://quickstart-256/"));
    }

    /** The flags pointing the quickstart and the floe CLI at this S3 server's bucket and etcd. */
    private static List<String> connection(String bucket) {
        return List.of(
                "--s3-endpoint",
                S3.endpoint().toString(),
                "--s3-bucket",
                bucket,
                "--s3-access-key",
                S3.accessKey(),
                "--s3-secret-key",
                S3.secretKey(),
                "--etcd",
                ETCD.endpoint());
    }

    @Test
    void aMissingBucketOrWrongCredentialsAreOneLineAndExitCodeTwo() {
        S3.createBucket("quickstart-keys");
        String missingBucket =
                failure(
                        "--s3-bucket",
                        "no-such-bucket",
                        "--s3-access-key",
                        S3.accessKey(),
                        "--s3-secret-key",
                        S3.secretKey());
        String wrongKey =
                failure(
                        "--s3-bucket",
                        "quickstart-keys",
                        "--s3-access-key",
                        S3.accessKey(),
                        "--s3-secret-key",
                        "not-the-secret");

        assertThat(missingBucket).startsWith("quickstart: ").contains("no-such-bucket");
        assertThat(wrongKey).startsWith("quickstart: ").contains("quickstart-keys");
    }

    /** Runs the quickstart against this S3 server and etcd; returns its one line on stderr. */
    private static String failure(String... s3) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--no-env-file",
                                "--s3-endpoint",
                                S3.endpoint().toString(),
                                "--etcd",
                                ETCD.endpoint(),
                                "--orders",
                                "10"));
        args.addAll(List.of(s3));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit =
                new Quickstart()
                        .execute(
                                new PrintStream(out, true, StandardCharsets.UTF_8),
                                new PrintStream(err, true, StandardCharsets.UTF_8),
                                Map.of(),
                                args.toArray(String[]::new));
        String printed = err.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed).isEqualTo(ExampleCommand.EXIT_FAILURE);
        assertThat(printed.lines()).as(printed).hasSize(1);
        assertThat(printed)
                .doesNotContain("\tat ")
                .endsWith("(connection from flags)" + System.lineSeparator());
        assertThat(out.size()).isZero();
        return printed;
    }
}
