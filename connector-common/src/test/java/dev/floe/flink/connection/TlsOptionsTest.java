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

import dev.floe.wal.admin.StoreSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TLS connection options: from flags to the stores' settings, and their mistakes. */
class TlsOptionsTest {

    @TempDir Path tmp;

    @Test
    void flagsAndVariablesSetTheTlsFilesOfS3AndEtcd() throws Exception {
        Path ca = Files.writeString(tmp.resolve("ca.pem"), "x");
        Path cert = Files.writeString(tmp.resolve("cert.pem"), "x");
        Path key = Files.writeString(tmp.resolve("key.pem"), "x");
        ConnectionSettings settings =
                ConnectionResolver.of(Map.of("FLOE_ETCD_TLS_KEY_FILE", key.toString()))
                        .resolve(
                                ConnectionArguments.extractFrom(
                                        "--no-env-file",
                                        "--s3-bucket=bucket",
                                        "--s3-endpoint=https://s3.internal:9000",
                                        "--s3-tls-ca-file",
                                        ca.toString(),
                                        "--etcd=https://etcd.internal:2379",
                                        "--etcd-tls-ca-file",
                                        ca.toString(),
                                        "--etcd-tls-cert-file",
                                        cert.toString()));

        StoreSettings stores = StoreSettingsOptions.of(settings.config());

        assertThat(stores.segmentBucket().orElseThrow().tls().orElseThrow().caFile()).contains(ca);
        var etcd = stores.etcd().orElseThrow();
        assertThat(etcd.usesTls()).isTrue();
        assertThat(etcd.tls().orElseThrow().certFile()).contains(cert);
        assertThat(etcd.tls().orElseThrow().keyFile()).contains(key);
    }

    @Test
    void aCertificateWithoutItsKeyNamesBothOptions() throws Exception {
        Configuration config = etcd();
        config.set(
                FloeConnectionOptions.ETCD_TLS_CERT_FILE,
                Files.writeString(tmp.resolve("c.pem"), "x").toString());

        assertThatThrownBy(() -> FloeConnection.validate(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "floe.etcd.tls.cert-file is set but floe.etcd.tls.key-file is not: set"
                                + " both or neither");
    }

    @Test
    void aMissingCaFileFailsTheCheckNamingTheOptionAndThePath() {
        Path missing = tmp.resolve("missing-ca.pem");
        ConnectionSettings settings =
                ConnectionResolver.of(Map.of())
                        .resolve(
                                ConnectionArguments.extractFrom(
                                        "--no-env-file",
                                        "--local-path",
                                        tmp.toString(),
                                        "--etcd=https://127.0.0.1:2379",
                                        "--etcd-tls-ca-file",
                                        missing.toString()));

        // The files are read where connections are made, not where a job is built.
        FloeConnection.validate(settings.config());
        assertThatThrownBy(settings::check)
                .hasMessage(
                        "floe.etcd.tls.ca-file "
                                + missing
                                + ": no such file (connection from flags)");
    }

    @Test
    void tlsFilesForPlainEtcdEndpointsAskForHttps() throws Exception {
        Configuration config = new Configuration();
        config.set(FloeConnectionOptions.ETCD_ENDPOINTS, List.of("http://127.0.0.1:2379"));
        config.set(
                FloeConnectionOptions.ETCD_TLS_CA_FILE,
                Files.writeString(tmp.resolve("ca.pem"), "x").toString());

        assertThatThrownBy(() -> FloeConnection.validate(config))
                .hasMessageContaining("give https:// endpoints");
    }

    private static Configuration etcd() {
        Configuration config = new Configuration();
        config.set(FloeConnectionOptions.ETCD_ENDPOINTS, List.of("https://127.0.0.1:2379"));
        return config;
    }
}
