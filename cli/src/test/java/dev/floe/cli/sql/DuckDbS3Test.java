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
package dev.floe.cli.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.flink.connection.FloeConnectionOptions;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

/** The statements that let DuckDB read a bucket, from the connection options. */
class DuckDbS3Test {

    @Test
    void aPrivateCaIsGivenToHttpfsWhichThenChecksTheServerCertificate() {
        Configuration config = new Configuration();
        config.set(FloeConnectionOptions.S3_BUCKET, "raw");
        config.set(FloeConnectionOptions.S3_ENDPOINT, "https://minio.internal:9000");
        config.set(FloeConnectionOptions.S3_ACCESS_KEY, "key");
        config.set(FloeConnectionOptions.S3_SECRET_KEY, "very-secret");
        config.set(FloeConnectionOptions.S3_TLS_CA_FILE, "/etc/floe/tls/ca.pem");

        List<String> statements = DuckDbS3.fromConnection(config).orElseThrow().statements(true);

        assertThat(statements)
                .containsSubsequence(
                        "LOAD httpfs",
                        "SET ca_cert_file = '/etc/floe/tls/ca.pem'",
                        "SET enable_server_cert_verification = true");
        assertThat(statements.get(statements.size() - 1))
                .contains("ENDPOINT 'minio.internal:9000'", "USE_SSL true")
                .doesNotContain("very-secret");
    }

    @Test
    void withoutACaFileHttpfsKeepsItsOwnSettings() {
        Configuration config = new Configuration();
        config.set(FloeConnectionOptions.S3_BUCKET, "raw");
        config.set(FloeConnectionOptions.S3_ENDPOINT, "http://127.0.0.1:9000");

        assertThat(DuckDbS3.fromConnection(config).orElseThrow().statements(false))
                .noneMatch(s -> s.startsWith("SET "));
    }
}
