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
package dev.floe.wal.manifest.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.wal.tls.TlsConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The endpoints an etcd configuration takes: http or https, never a mix, and no password shown. */
class EtcdManifestConfigTest {

    @Test
    void httpsEndpointsUseTlsWithTheGivenFiles() {
        TlsConfig tls = TlsConfig.builder().caFile(Path.of("/etc/floe/ca.pem")).build();
        EtcdManifestConfig config =
                EtcdManifestConfig.builder()
                        .endpoints("https://etcd-0:2379", "https://etcd-1:2379")
                        .tls(tls)
                        .credentials("floe", "s3cret-password")
                        .build();

        assertThat(config.usesTls()).isTrue();
        assertThat(config.tls()).contains(tls);
        assertThat(config.toString()).contains("https://etcd-0:2379").doesNotContain("s3cret");
    }

    @Test
    void httpAndHttpsTogetherAreRefused() {
        assertThatThrownBy(
                        () ->
                                EtcdManifestConfig.builder()
                                        .endpoints("https://etcd-0:2379", "http://etcd-1:2379")
                                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mix http:// and https://");
    }

    @Test
    void anotherSchemeIsRefusedNamingBoth() {
        assertThatThrownBy(() -> EtcdManifestConfig.builder().endpoints("grpc://etcd-0:2379"))
                .hasMessage(
                        "invalid etcd endpoint 'grpc://etcd-0:2379': use http://host:port or"
                                + " https://host:port");
    }
}
