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

import dev.floe.wal.error.FloeErrors;
import dev.floe.wal.testing.S3ProxyExtension;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Opening an S3 store with a wrong endpoint, credentials or bucket fails at once, saying which. */
class S3ObjectStoreFailFastITCase {

    @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();

    private static S3ObjectStoreConfig.Builder config(String bucket) {
        return S3ObjectStoreConfig.builder()
                .endpoint(S3.endpoint())
                .credentials(S3.accessKey(), S3.secretKey())
                .bucket(bucket)
                .connectTimeout(Duration.ofSeconds(1));
    }

    @Test
    void nothingListeningNamesTheEndpoint() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String endpoint = "http://127.0.0.1:" + port;
        long start = System.nanoTime();

        assertThatThrownBy(() -> S3ObjectStore.open(config("nowhere").endpoint(endpoint).build()))
                .isInstanceOf(ObjectStoreException.class)
                .hasMessageContaining("cannot connect to " + endpoint)
                .matches(FloeErrors::isRetriable, "is retriable")
                .hasMessageContaining("bucket nowhere")
                .hasMessageContaining(
                        "check that the endpoint is right and the S3 server is running");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aWrongSecretIsReportedAsRejectedCredentials() {
        S3.createBucket("secret-check");

        assertThatThrownBy(
                        () ->
                                S3ObjectStore.open(
                                        config("secret-check")
                                                .credentials(S3.accessKey(), "wrong-secret")
                                                .build()))
                .isInstanceOf(ObjectStoreException.class)
                .hasMessageContaining("access denied (403")
                .matches(e -> !FloeErrors.isRetriable(e), "is final")
                .hasMessageContaining("access key " + S3.accessKey())
                .hasMessageContaining("check the access key and secret key")
                .hasMessageContaining("secret-check")
                .hasMessageContaining(S3.endpoint().toString())
                .hasMessageNotContaining("wrong-secret");
    }

    @Test
    void aMissingBucketSaysToCreateItOrLetTheStoreCreateIt() {
        assertThatThrownBy(() -> S3ObjectStore.open(config("no-such-bucket").build()))
                .isInstanceOf(ObjectStoreException.class)
                .hasMessageContaining("bucket no-such-bucket does not exist at " + S3.endpoint())
                .matches(e -> !FloeErrors.isRetriable(e), "is final")
                .hasMessageContaining("create it, or enable createBucketIfMissing");
    }

    @Test
    void createBucketIfMissingCreatesItOnceAndThenReusesIt() throws Exception {
        S3ObjectStoreConfig config = config("created").createBucketIfMissing(true).build();
        try (ObjectStore store = S3ObjectStore.open(config)) {
            store.putIfAbsent("k", new byte[] {1});
        }
        try (ObjectStore store = S3ObjectStore.open(config)) {
            assertThat(store.read("k", 0, 1)).containsExactly(1);
        }
        try (ObjectStore store = S3ObjectStore.open(config("created").build())) {
            assertThat(store.head("k")).isPresent();
        }
    }
}
