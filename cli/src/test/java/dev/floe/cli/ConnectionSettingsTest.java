package dev.floe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.flink.connection.FloeConnectionOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the floe command takes its connection from, and in which order. */
class ConnectionSettingsTest {

    @TempDir Path tmp;

    @Test
    void flagsBeatTheEnvironmentWhichBeatsTheEndpointsFile() throws Exception {
        Path file = tmp.resolve("endpoints.env");
        Files.writeString(
                file,
                """
                # local stack
                export FLOE_S3_ENDPOINT=http://127.0.0.1:9000
                FLOE_S3_BUCKET="from-file"
                FLOE_ETCD_ENDPOINTS=http://127.0.0.1:2379,http://127.0.0.1:2381
                FLOE_S3_ACCESS_KEY='file-key'
                FLOE_S3_SECRET_KEY=file-secret

                """);
        ConnectionSettings settings =
                ConnectionSettings.builder()
                        .addEnvFile(file)
                        .addEnvironment(
                                Map.of(
                                        "FLOE_S3_BUCKET",
                                        "from-env",
                                        "FLOE_ETCD_NAMESPACE",
                                        "prod",
                                        "HOME",
                                        "/root"))
                        .addFlags(Map.of("floe.s3.bucket", "from-flag"))
                        .timeout(Duration.ofSeconds(3))
                        .build();
        Configuration c = settings.config();

        assertThat(c.get(FloeConnectionOptions.S3_BUCKET)).isEqualTo("from-flag");
        assertThat(c.get(FloeConnectionOptions.S3_ENDPOINT)).isEqualTo("http://127.0.0.1:9000");
        assertThat(c.get(FloeConnectionOptions.ETCD_NAMESPACE)).isEqualTo("prod");
        assertThat(c.get(FloeConnectionOptions.ETCD_ENDPOINTS))
                .containsExactly("http://127.0.0.1:2379", "http://127.0.0.1:2381");
        assertThat(c.get(FloeConnectionOptions.S3_ACCESS_KEY)).isEqualTo("file-key");
        assertThat(c.get(FloeConnectionOptions.S3_API_CALL_TIMEOUT))
                .isEqualTo(Duration.ofSeconds(3));
        assertThat(c.get(FloeConnectionOptions.ETCD_REQUEST_TIMEOUT))
                .isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.usesS3()).isTrue();
        assertThat(settings.sources())
                .containsExactly("endpoints file " + file, "FLOE_* environment variables", "flags");
    }

    @Test
    void withoutAnySettingTheEmbeddedDefaultsAreUsed() {
        ConnectionSettings settings = new ConnectionOptions().resolve(Map.of());
        assertThat(settings.usesS3()).isFalse();
        assertThat(settings.config().getOptional(FloeConnectionOptions.ETCD_ENDPOINTS)).isEmpty();
        assertThat(settings.origin()).isEqualTo("embedded defaults");
    }

    @Test
    void aTimeoutSetWithMinusDWinsOverTimeout() {
        ConnectionSettings settings =
                ConnectionSettings.builder()
                        .addFlags(Map.of("floe.s3.api-call-timeout", "30 s"))
                        .timeout(Duration.ofSeconds(2))
                        .build();
        assertThat(settings.config().get(FloeConnectionOptions.S3_API_CALL_TIMEOUT))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.config().get(FloeConnectionOptions.ETCD_REQUEST_TIMEOUT))
                .isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void rejectsWhatItCannotUseWithAClearMessage() {
        assertThatThrownBy(() -> ConnectionSettings.builder().addFlags(Map.of("s3.bucket", "b")))
                .isInstanceOf(CliException.class)
                .hasMessage("-D s3.bucket: only floe.* connection options can be set");
        assertThatThrownBy(() -> ConnectionSettings.builder().addEnvFile(tmp.resolve("nope.env")))
                .isInstanceOf(CliException.class)
                .hasMessageStartingWith(
                        "endpoints file " + tmp.resolve("nope.env") + " does not exist");
        assertThatThrownBy(() -> EnvFile.parse(List.of("FLOE_S3_BUCKET=b", "oops"), "f.env"))
                .isInstanceOf(CliException.class)
                .hasMessage("f.env line 2: expected KEY=VALUE, found 'oops'");
    }
}
