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
package dev.floe.wal.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.wal.testing.TlsTestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PEM files as a user gives them: the right ones load, wrong ones fail naming option and path. */
class TlsConfigTest {

    @TempDir static Path dir;
    private static TlsTestFiles tls;

    @BeforeAll
    static void makeCertificates() {
        tls = TlsTestFiles.shared();
    }

    @Test
    void loadsTheCaAndAClientIdentity() {
        TlsConfig config = tls.client();

        assertThat(config.sslContext().getProtocol()).isEqualTo("TLS");
        assertThat(config.keyManagers()).isPresent();
        assertThat(config.toString())
                .contains(tls.caPem().toString(), tls.clientKeyPem().toString());
    }

    @Test
    void aMissingFileNamesItsOptionAndPath() {
        Path missing = dir.resolve("nowhere.pem");
        TlsConfig config = TlsConfig.builder().caFile(missing, "floe.etcd.tls.ca-file").build();

        assertThatThrownBy(config::sslContext)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("floe.etcd.tls.ca-file " + missing + ": no such file");
    }

    @Test
    void aKeyFileWithoutAPkcs8KeyIsRefusedWithoutShowingItsContents() throws Exception {
        Path notPkcs8 = dir.resolve("rsa.pem");
        String secret = "-----BEGIN RSA PRIVATE KEY-----\nc2VjcmV0LWtleS1ieXRlcw==\n";
        Files.writeString(notPkcs8, secret + "-----END RSA PRIVATE KEY-----\n");
        TlsConfig config =
                TlsConfig.builder()
                        .identity(tls.clientCertPem(), "c", notPkcs8, "floe.sink.tail.tls.key-file")
                        .build();

        assertThatThrownBy(config::keyManagers)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("floe.sink.tail.tls.key-file " + notPkcs8 + ": holds no")
                .hasMessageNotContaining("c2VjcmV0");
    }

    @Test
    void aCaFileWithoutCertificatesIsRefused() throws Exception {
        Path key = tls.clientKeyPem();
        TlsConfig config = TlsConfig.builder().caFile(key, "floe.s3.tls.ca-file").build();

        assertThatThrownBy(config::trustManagers)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("floe.s3.tls.ca-file " + key + ": ")
                .hasMessageNotContaining(Files.readString(key).substring(40, 80));
    }
}
