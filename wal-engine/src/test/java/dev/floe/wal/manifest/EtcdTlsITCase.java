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
package dev.floe.wal.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.wal.manifest.etcd.EtcdManifestConfig;
import dev.floe.wal.testing.CapturedLogs;
import dev.floe.wal.testing.EtcdExtension;
import dev.floe.wal.testing.EtcdUsers;
import dev.floe.wal.testing.TlsTestFiles;
import dev.floe.wal.tls.TlsConfig;
import io.etcd.jetcd.Client;
import io.grpc.netty.GrpcSslContexts;
import java.nio.file.Files;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The etcd manifest over TLS with client certificates ({@code --client-cert-auth}) and a user
 * limited to its namespace: it works with the CA and the client certificate; a wrong CA or a
 * missing client certificate fails at open with one line naming the endpoint and the cause; and
 * neither the password nor the key is in any log line.
 */
class EtcdTlsITCase {

    private static final TlsTestFiles TLS = TlsTestFiles.shared();

    @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension(TLS);

    private static final String USER = "floe";
    private static final String PASSWORD = "pw-" + UUID.randomUUID();
    private static final String NAMESPACE = "secure";

    @BeforeAll
    static void enableAuthentication() throws Exception {
        try (Client root =
                Client.builder()
                        .endpoints(ETCD.endpoint())
                        .sslContext(
                                GrpcSslContexts.forClient()
                                        .trustManager(TLS.client().trustManagers())
                                        .keyManager(TLS.client().keyManagers().orElseThrow())
                                        .build())
                        .build()) {
            EtcdUsers.enableAuthWithNamespaceUser(root, NAMESPACE, USER, PASSWORD);
        }
    }

    @Test
    void withTheCaAndAClientCertificateStreamsAreCreatedAndCommitted() throws Exception {
        String key = Files.readString(TLS.clientKeyPem()).split("\n")[1];
        try (CapturedLogs logs = CapturedLogs.start();
                ManifestStore store = open(TLS.client())) {
            store.createStream(StreamConfig.of("s", 1));
            long epoch = store.acquire("s", 0, "w", Duration.ofSeconds(10)).epoch();
            CommitResult result =
                    store.commit(
                            ManifestStoreContract.request(
                                    "s",
                                    0,
                                    epoch,
                                    "c1",
                                    ManifestStoreContract.segment(0, 10, epoch)));

            assertThat(result.status()).isEqualTo(CommitResult.Status.COMMITTED);
            assertThat(logs.text()).isNotEmpty().doesNotContain(PASSWORD).doesNotContain(key);
        }
    }

    @Test
    void anotherCaFailsAtOpenWithOneLineNamingTheEndpointAndTheCaFile() {
        TlsConfig wrong =
                TlsConfig.builder()
                        .caFile(TlsTestFiles.sharedUnrelatedCa())
                        .identity(TLS.clientCertPem(), TLS.clientKeyPem())
                        .build();
        try (CapturedLogs logs = CapturedLogs.start()) {
            assertThatThrownBy(() -> open(wrong))
                    .isInstanceOf(ManifestException.class)
                    .hasMessage(
                            "etcd "
                                    + ETCD.endpoint()
                                    + ": server certificate not trusted by CA file "
                                    + TlsTestFiles.sharedUnrelatedCa());
            assertThat(logs.text()).doesNotContain(PASSWORD);
        }
    }

    @Test
    void withoutAClientCertificateTheServersRefusalIsNamed() {
        assertThatThrownBy(() -> open(TLS.trustingCa()))
                .isInstanceOf(ManifestException.class)
                .hasMessage(
                        "etcd "
                                + ETCD.endpoint()
                                + ": server requires a client certificate, and none is"
                                + " configured");
    }

    @Test
    void plainEndpointsWithTlsFilesAreRefusedWhenBuilt() {
        assertThatThrownBy(
                        () ->
                                EtcdManifestConfig.builder()
                                        .endpoints(ETCD.endpoint().replace("https", "http"))
                                        .tls(TLS.client())
                                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("give https:// endpoints");
    }

    private static ManifestStore open(TlsConfig tls) {
        return ManifestStores.etcd(
                EtcdManifestConfig.builder()
                        .endpoints(ETCD.endpoint())
                        .namespace(NAMESPACE)
                        .credentials(USER, PASSWORD)
                        .tls(tls)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build());
    }
}
