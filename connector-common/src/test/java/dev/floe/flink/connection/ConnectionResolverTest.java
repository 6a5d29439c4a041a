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
package dev.floe.flink.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a tool's connection comes from, in which order, and what it says about bad values. */
class ConnectionResolverTest {

    @TempDir Path tmp;

    @Test
    void aFlagBeatsTheVariableWhichBeatsTheEndpointsFileWhichBeatsTheToolsDefault()
            throws Exception {
        Path file =
                endpointsFile(
                        """
                        # local stack
                        export FLOE_S3_ENDPOINT=http://127.0.0.1:9000
                        FLOE_S3_BUCKET="from-file"
                        FLOE_S3_REGION=from-file
                        FLOE_S3_ACCESS_KEY='file-key'
                        FLOE_S3_SECRET_KEY=file-secret

                        """);
        ConnectionSettings settings =
                ConnectionResolver.of(
                                Map.of(
                                        "FLOE_S3_BUCKET", "from-env",
                                        "FLOE_S3_REGION", "from-env",
                                        "FLOE_ETCD_NAMESPACE", "prod",
                                        "HOME", "/root"))
                        .withDefaults(
                                Map.of(
                                        "floe.s3.region", "from-default",
                                        "floe.etcd.request-timeout", "3 s"))
                        .resolve(
                                ConnectionArguments.extractFrom(
                                        "--env-file", file.toString(), "--s3-bucket", "from-flag"));
        Configuration c = settings.config();

        assertThat(c.get(FloeConnectionOptions.S3_BUCKET)).isEqualTo("from-flag");
        assertThat(c.get(FloeConnectionOptions.S3_REGION)).isEqualTo("from-env");
        assertThat(c.get(FloeConnectionOptions.S3_ENDPOINT)).isEqualTo("http://127.0.0.1:9000");
        assertThat(c.get(FloeConnectionOptions.S3_ACCESS_KEY)).isEqualTo("file-key");
        assertThat(c.get(FloeConnectionOptions.ETCD_NAMESPACE)).isEqualTo("prod");
        assertThat(c.get(FloeConnectionOptions.ETCD_REQUEST_TIMEOUT))
                .isEqualTo(Duration.ofSeconds(3));
        assertThat(c.get(FloeConnectionOptions.S3_API_CALL_TIMEOUT))
                .isEqualTo(FloeConnectionOptions.S3_API_CALL_TIMEOUT.defaultValue());
        assertThat(c.toMap()).doesNotContainKey("HOME");
        assertThat(settings.usesS3()).isTrue();
        assertThat(settings.sources())
                .containsExactly("endpoints file " + file, "FLOE_* environment variables", "flags");
    }

    @Test
    void onTheCommandLineTheLaterOfAFlagAndMinusDWins() {
        ConnectionResolver resolver = ConnectionResolver.of(Map.of());

        ConnectionSettings flagLast =
                resolver.resolve(
                        ConnectionArguments.extractFrom(
                                "-D", "floe.s3.bucket=from-d", "--s3-bucket=from-flag"));
        ConnectionSettings optionLast =
                resolver.resolve(
                        ConnectionArguments.extractFrom(
                                "--bucket", "from-flag", "-Dfloe.s3.bucket=from-d"));

        assertThat(flagLast.config().get(FloeConnectionOptions.S3_BUCKET)).isEqualTo("from-flag");
        assertThat(optionLast.config().get(FloeConnectionOptions.S3_BUCKET)).isEqualTo("from-d");
    }

    @Test
    void etcdEndpointListsSplitTheSameWayFromEverySource() throws Exception {
        String written = "http://127.0.0.1:2379, http://127.0.0.1:2381;http://127.0.0.1:2383,";
        List<String> expected =
                List.of("http://127.0.0.1:2379", "http://127.0.0.1:2381", "http://127.0.0.1:2383");
        Path file = endpointsFile("FLOE_ETCD_ENDPOINTS=\"" + written + "\"\n");
        ConnectionResolver withoutEnvironment = ConnectionResolver.of(Map.of());

        List<ConnectionSettings> all =
                List.of(
                        withoutEnvironment.resolve(
                                ConnectionArguments.extractFrom(
                                        "--no-env-file", "--etcd", written)),
                        withoutEnvironment.resolve(
                                ConnectionArguments.extractFrom(
                                        "--no-env-file", "-D", "floe.etcd.endpoints=" + written)),
                        ConnectionResolver.of(Map.of("FLOE_ETCD_ENDPOINTS", written))
                                .resolve(ConnectionArguments.extractFrom("--no-env-file")),
                        withoutEnvironment.resolve(
                                ConnectionArguments.extractFrom("--env-file", file.toString())));

        assertThat(all)
                .allSatisfy(
                        s -> {
                            assertThat(s.config().get(FloeConnectionOptions.ETCD_ENDPOINTS))
                                    .isEqualTo(expected);
                            assertThat(s.usesEtcd()).isTrue();
                        });
        assertThat(ConnectionResolver.splitEndpoints(" a ;; b,c ")).containsExactly("a", "b", "c");
    }

    @Test
    void aBadValueNamesTheFlagOrVariableThatGaveIt() throws Exception {
        ConnectionResolver none = ConnectionResolver.of(Map.of());
        assertThatThrownBy(() -> none.resolve(args("--etcd", "127.0.0.1:2379")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--etcd: invalid etcd endpoint '127.0.0.1:2379'");
        assertThatThrownBy(
                        () ->
                                ConnectionResolver.of(Map.of("FLOE_S3_ENDPOINT", "ftp://host"))
                                        .resolve(args()))
                .hasMessageStartingWith("FLOE_S3_ENDPOINT: S3 endpoint ftp://host must start with");
        assertThatThrownBy(() -> none.resolve(args("-D", "floe.s3.part-size=lots")))
                .hasMessageStartingWith("-D floe.s3.part-size: ")
                .hasMessageContaining("lots");
        assertThatThrownBy(() -> none.resolve(args("--namespace", "a/b")))
                .hasMessageStartingWith("--namespace: ");

        Path file = endpointsFile("FLOE_ETCD_ENDPOINTS=etcd:2379\n");
        assertThatThrownBy(
                        () -> none.resolve(ConnectionArguments.extractFrom("--env-file=" + file)))
                .hasMessageStartingWith(
                        "FLOE_ETCD_ENDPOINTS in endpoints file "
                                + file
                                + ": invalid etcd endpoint");
    }

    @Test
    void takesOutOnlyTheConnectionArgumentsAndKeepsTheRestInOrder() {
        ConnectionArguments parsed =
                ConnectionArguments.extractFrom(
                        "dump",
                        "--s3-bucket",
                        "b",
                        "orders",
                        "-Dfloe.s3.part-size=16mb",
                        "--limit",
                        "5",
                        "--no-env-file",
                        "--",
                        "--etcd",
                        "x");

        assertThat(parsed.remaining())
                .containsExactly("dump", "orders", "--limit", "5", "--", "--etcd", "x");
        assertThat(parsed.ignoresEndpointsFile()).isTrue();
        Configuration c = ConnectionResolver.of(Map.of()).resolve(parsed).config();
        assertThat(c.get(FloeConnectionOptions.S3_BUCKET)).isEqualTo("b");
        assertThat(c.get(FloeConnectionOptions.S3_PART_SIZE)).isEqualTo(MemorySize.parse("16mb"));
        assertThat(c.getOptional(FloeConnectionOptions.ETCD_ENDPOINTS)).isEmpty();
    }

    @Test
    void rejectsCommandLinesItCannotUseWithTheFlagInTheMessage() {
        assertThatThrownBy(() -> args("--s3-endpoint"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--s3-endpoint needs a value");
        assertThatThrownBy(() -> args("--etcd", "--s3-bucket", "b"))
                .hasMessage("--etcd needs a value");
        assertThatThrownBy(() -> args("-D", "s3.bucket=b"))
                .hasMessage("-D s3.bucket: only Floe options (floe.*) can be set this way");
        assertThatThrownBy(() -> args("--floe-option", "floe.s3.bucket"))
                .hasMessageStartingWith("--floe-option floe.s3.bucket: expected KEY=VALUE");
    }

    @Test
    void readsTheLocalStacksEndpointsFileUnderFloeHomeUnlessToldNotTo() throws Exception {
        Path file = tmp.resolve(ConnectionResolver.DEFAULT_ENDPOINTS_FILE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "FLOE_S3_BUCKET=stack\nFLOE_FLINK_REST=http://127.0.0.1:8081\n");
        String before = System.getProperty(ConnectionResolver.HOME_PROPERTY);
        System.setProperty(ConnectionResolver.HOME_PROPERTY, tmp.toString());
        try {
            ConnectionResolver resolver = ConnectionResolver.of(Map.of());
            assertThat(resolver.resolve(args()).config().get(FloeConnectionOptions.S3_BUCKET))
                    .isEqualTo("stack");
            assertThat(resolver.resolve(args("--no-env-file")).usesS3()).isFalse();
            assertThat(
                            ConnectionResolver.of(Map.of("FLOE_ENV_FILE", "/nope.env"))
                                    .resolve(args("--no-env-file"))
                                    .usesS3())
                    .isFalse();
        } finally {
            if (before == null) {
                System.clearProperty(ConnectionResolver.HOME_PROPERTY);
            } else {
                System.setProperty(ConnectionResolver.HOME_PROPERTY, before);
            }
        }
    }

    @Test
    void aNamedEndpointsFileMustExistAndHoldKeyValueLines() throws Exception {
        Path missing = tmp.resolve("nope.env");
        assertThatThrownBy(
                        () ->
                                ConnectionResolver.of(Map.of("FLOE_ENV_FILE", missing.toString()))
                                        .resolve(args()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("endpoints file " + missing + " does not exist");
        Path broken = endpointsFile("FLOE_S3_BUCKET=b\noops\n");
        assertThatThrownBy(
                        () ->
                                ConnectionResolver.of(Map.of())
                                        .resolve(args("--env-file", broken.toString())))
                .hasMessage(broken + " line 2: expected KEY=VALUE, found 'oops'");
    }

    @Test
    void withoutAnySettingTheEmbeddedDefaultsAreUsed() {
        ConnectionSettings settings =
                ConnectionResolver.of(Map.of("FLOE_S3_BUCKET", " ")).resolve(args("--no-env-file"));

        assertThat(settings.usesS3()).isFalse();
        assertThat(settings.usesEtcd()).isFalse();
        assertThat(settings.localPath())
                .isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "floe").toAbsolutePath());
        assertThat(settings.origin()).isEqualTo("embedded defaults");
    }

    @Test
    void flagsAndVariablesAreNamedAfterTheirOptions() {
        assertThat(ConnectionFlag.S3_PARQUET_BUCKET.flag()).isEqualTo("--s3-parquet-bucket");
        assertThat(ConnectionFlag.S3_PARQUET_BUCKET.variable()).isEqualTo("FLOE_S3_PARQUET_BUCKET");
        assertThat(ConnectionFlag.ETCD_ENDPOINTS.names())
                .containsExactly("--etcd-endpoints", "--etcd");
        assertThat(ConnectionFlag.LOCAL_PATH.variable()).isEqualTo("FLOE_LOCAL_PATH");
        assertThat(ConnectionFlag.named("--namespace")).contains(ConnectionFlag.ETCD_NAMESPACE);
        assertThat(ConnectionArguments.help())
                .anySatisfy(line -> assertThat(line).contains("--etcd-endpoints, --etcd URLS"));
    }

    private static ConnectionArguments args(String... args) {
        return ConnectionArguments.extractFrom(args);
    }

    private Path endpointsFile(String text) throws Exception {
        Path file = Files.createTempFile(tmp, "endpoints", ".env");
        Files.writeString(file, text);
        return file;
    }
}
