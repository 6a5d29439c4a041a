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
package dev.floe.wal.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.wal.testing.S3ProxyExtension;
import dev.floe.wal.testing.TlsTestFiles;
import dev.floe.wal.tls.TlsConfig;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An S3 server on https with a private CA: reached with the CA file, refused at open in one line
 * naming the endpoint and the CA otherwise.
 */
class S3TlsITCase {

    private static final TlsTestFiles TLS = TlsTestFiles.shared();
    private static final String BUCKET = "tls-bucket";

    @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension(TLS);

    @BeforeAll
    static void createBucket() {
        S3.createBucket(BUCKET);
    }

    @Test
    void withTheCaFileObjectsAreWrittenAndReadBack() throws Exception {
        try (S3ObjectStore store = S3ObjectStore.open(config(TLS.trustingCa()).build())) {
            store.putIfAbsent("a", "over tls".getBytes(StandardCharsets.UTF_8));

            assertThat(new String(store.read("a", 0, 8), StandardCharsets.UTF_8))
                    .isEqualTo("over tls");
        }
    }

    @Test
    void anotherCaFailsAtOpenInOneLineNamingTheEndpointAndTheCaFile() {
        TlsConfig wrong = TlsConfig.builder().caFile(TlsTestFiles.sharedUnrelatedCa()).build();

        assertThatThrownBy(() -> S3ObjectStore.open(config(wrong).build()))
                .isInstanceOf(ObjectStoreException.class)
                .hasMessageEndingWith(
                        ": S3 "
                                + S3.endpoint()
                                + ": server certificate not trusted by CA file "
                                + TlsTestFiles.sharedUnrelatedCa())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"))
                .satisfies(e -> assertThat(((ObjectStoreException) e).isRetriable()).isFalse());
    }

    @Test
    void withoutACaFileTheJvmsTrustStoreRefusesThePrivateCa() {
        assertThatThrownBy(() -> S3ObjectStore.open(config(null).build()))
                .isInstanceOf(ObjectStoreException.class)
                .hasMessageEndingWith(
                        ": S3 "
                                + S3.endpoint()
                                + ": server certificate not trusted by the JVM's default trust"
                                + " store");
    }

    @Test
    void theSecretKeyIsNotInTheConfigurationsText() {
        assertThat(config(TLS.trustingCa()).build().toString())
                .contains(TLS.caPem().toString())
                .doesNotContain(S3.secretKey());
    }

    private static S3ObjectStoreConfig.Builder config(TlsConfig tls) {
        S3ObjectStoreConfig.Builder b =
                S3ObjectStoreConfig.builder()
                        .endpoint(S3.endpoint())
                        .credentials(S3.accessKey(), S3.secretKey())
                        .bucket(BUCKET)
                        .maxRetries(0);
        return tls == null ? b : b.tls(tls);
    }
}
