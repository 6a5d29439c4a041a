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

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the floe command takes its connection flags, on the embedded stores. */
class FloeCliConnectionTest {

    @TempDir Path tmp;

    @Test
    void connectionFlagsMayStandBeforeOrAfterTheCommand() {
        CliRun before = CliRun.run(Map.of(), List.of(), "--local-path", tmp.toString(), "streams");
        CliRun after = CliRun.run(Map.of(), List.of("--local-path=" + tmp), "streams");

        assertThat(before.exit()).as(before.err()).isZero();
        assertThat(after.exit()).as(after.err()).isZero();
        assertThat(after.out()).isEqualTo(before.out());
    }

    @Test
    void aBadConnectionValueIsOneLineNamingItsFlagOrVariable() {
        CliRun flag = CliRun.run(Map.of(), List.of("--etcd", "127.0.0.1:2379"), "streams");
        CliRun variable =
                CliRun.run(Map.of("FLOE_S3_ENDPOINT", "minio:9000"), List.of(), "streams");
        CliRun option = CliRun.run(Map.of(), List.of("-D", "s3.bucket=b"), "streams");
        CliRun timeout = CliRun.run(Map.of(), List.of("--timeout", "0s"), "streams");

        assertOneLine(flag, "floe: --etcd: invalid etcd endpoint '127.0.0.1:2379'");
        assertOneLine(variable, "floe: FLOE_S3_ENDPOINT: S3 endpoint minio:9000");
        assertOneLine(option, "floe: -D s3.bucket: only Floe options (floe.*) can be set");
        assertOneLine(timeout, "floe: --timeout must be positive");
    }

    @Test
    void theUsageOfEveryCommandListsTheConnectionFlags() {
        CliRun root = CliRun.run(Map.of(), List.of(), "--help");
        CliRun dump = CliRun.run(Map.of(), List.of(), "dump");

        assertThat(root.out())
                .contains("--etcd-endpoints, --etcd URLS")
                .contains("FLOE_ETCD_ENDPOINTS")
                .contains("-D, --floe-option KEY=VALUE");
        assertThat(dump.err())
                .contains("Missing required parameter: 'STREAM'")
                .contains("--s3-bucket, --bucket NAME")
                .contains("FLOE_S3_BUCKET");
        assertThat(root.out().lines()).allSatisfy(line -> assertThat(line).hasSizeLessThan(81));
    }

    private static void assertOneLine(CliRun run, String prefix) {
        assertThat(run.exit()).as(run.err()).isEqualTo(FloeCli.EXIT_ERROR);
        assertThat(run.err()).startsWith(prefix).doesNotContain("\tat ");
        assertThat(run.err().lines()).hasSize(1);
    }
}
