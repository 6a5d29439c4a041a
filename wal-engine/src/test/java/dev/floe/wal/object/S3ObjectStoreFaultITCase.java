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
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An S3 server that dies or hangs mid-upload: a bounded failure, then a clean retry. */
class S3ObjectStoreFaultITCase {

    @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();

    private static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(2);
    private static final int PART = S3ObjectStoreConfig.MIN_PART_SIZE;
    private static final byte[] DATA = new byte[2 * PART + 1000];

    @BeforeAll
    static void createBucket() {
        S3.createBucket("faults");
        new Random(11).nextBytes(DATA);
    }

    private static ObjectStore open() throws ObjectStoreException {
        return S3ObjectStore.open(
                S3ObjectStoreConfig.builder()
                        .endpoint(S3.endpoint())
                        .credentials(S3.accessKey(), S3.secretKey())
                        .bucket("faults")
                        .partSize(PART)
                        .connectTimeout(Duration.ofSeconds(1))
                        .apiCallTimeout(API_CALL_TIMEOUT)
                        .maxRetries(2)
                        .build());
    }

    /** Starts an upload of {@code key} whose first part has reached the server. */
    private static ObjectUpload startedUpload(ObjectStore store, String key) throws Exception {
        ObjectUpload upload = store.startUpload(key);
        upload.write(DATA, 0, PART + 1);
        assertThat(store.pendingUploads(key)).hasSize(1);
        return upload;
    }

    private static void writeRestAndComplete(ObjectUpload upload) throws Exception {
        upload.write(DATA, PART + 1, DATA.length - PART - 1);
        upload.complete();
    }

    /** Uploads {@code key} again from the start, reads it back and aborts what was left over. */
    private static void retrySucceeds(ObjectStore store, String key) throws Exception {
        List<PendingUpload> stale = store.pendingUploads(key);
        try (ObjectUpload retry = store.startUpload(key)) {
            retry.write(DATA, 0, DATA.length);
            assertThat(retry.complete().size()).isEqualTo(DATA.length);
        }
        assertThat(store.read(key, 0, DATA.length)).isEqualTo(DATA);
        for (PendingUpload upload : stale) {
            store.abort(upload);
        }
        assertThat(store.pendingUploads(key)).isEmpty();
    }

    @Test
    void anUploadFailsWhileTheServerIsDownAndARetrySucceedsAfterItRestarts() throws Exception {
        try (ObjectStore store = open()) {
            ObjectUpload upload = startedUpload(store, "down/1");

            S3.stop();
            long start = System.nanoTime();
            assertThatThrownBy(() -> writeRestAndComplete(upload))
                    .isInstanceOf(ObjectStoreException.class)
                    .hasMessageContaining("down/1")
                    .hasMessageContaining("cannot connect to " + S3.endpoint())
                    .matches(FloeErrors::isRetriable, "is retriable");
            // Refused connections fail fast: retries with backoff, no timeout involved.
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isLessThan(API_CALL_TIMEOUT.multipliedBy(2));
            upload.close();
            assertThatThrownBy(() -> store.head("down/1"))
                    .isInstanceOf(ObjectStoreException.class)
                    .hasMessageContaining("cannot connect");

            S3.restart();

            // The abort after the failure could not reach the server either: still pending.
            assertThat(store.pendingUploads("down/"))
                    .extracting(PendingUpload::key)
                    .containsExactly("down/1");
            retrySucceeds(store, "down/1");
        }
    }

    @Test
    void anUploadToAHungServerFailsWithinTheApiCallTimeout() throws Exception {
        try (ObjectStore store = open()) {
            ObjectUpload upload = startedUpload(store, "hung/1");

            S3.pause();
            long start = System.nanoTime();
            try {
                assertThatThrownBy(() -> writeRestAndComplete(upload))
                        .isInstanceOf(ObjectStoreException.class)
                        .hasMessageContaining("hung/1")
                        .hasMessageContaining("within apiCallTimeout " + API_CALL_TIMEOUT)
                        .matches(FloeErrors::isRetriable, "is retriable");
                // The part upload and then the abort each wait at most one apiCallTimeout.
                assertThat(Duration.ofNanos(System.nanoTime() - start))
                        .isLessThan(API_CALL_TIMEOUT.multipliedBy(3));
            } finally {
                S3.resume();
            }
            upload.close();
            retrySucceeds(store, "hung/1");
        }
    }
}
