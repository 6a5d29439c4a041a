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

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class S3ObjectStoreConfigTest {

    @Test
    void hasDocumentedDefaults() {
        S3ObjectStoreConfig config = S3ObjectStoreConfig.builder().bucket("floe").build();

        assertThat(config.endpoint()).isEmpty();
        assertThat(config.region()).isEqualTo("us-east-1");
        assertThat(config.keyPrefix()).isEmpty();
        assertThat(config.accessKey()).isEmpty();
        assertThat(config.pathStyle()).isTrue();
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.apiCallTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.maxRetries()).isEqualTo(3);
        assertThat(config.partSize()).isEqualTo(8 << 20);
        assertThat(config.createBucketIfMissing()).isFalse();
    }

    @Test
    void keepsWhatWasSetAndHidesTheSecret() {
        S3ObjectStoreConfig config =
                S3ObjectStoreConfig.builder()
                        .endpoint("http://127.0.0.1:9000")
                        .region("eu-west-1")
                        .bucket("my.bucket-1")
                        .keyPrefix("floe")
                        .credentials("access", "very-secret")
                        .pathStyle(false)
                        .partSize(5 << 20)
                        .maxRetries(0)
                        .createBucketIfMissing(true)
                        .build();

        assertThat(config.endpoint()).contains(URI.create("http://127.0.0.1:9000"));
        assertThat(config.keyPrefix()).isEqualTo("floe/");
        assertThat(config.toBuilder().build().toString()).isEqualTo(config.toString());
        assertThat(config.toString()).contains("access").doesNotContain("very-secret");
        assertThat(
                        S3ObjectStoreConfig.builder()
                                .bucket("abc")
                                .keyPrefix("a/b/")
                                .build()
                                .keyPrefix())
                .isEqualTo("a/b/");
    }

    @Test
    void needsABucket() {
        assertThatThrownBy(() -> S3ObjectStoreConfig.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bucket(name)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "Upper", "-start", "end-", "under_score", "has space"})
    void rejectsInvalidBucketNames(String bucket) {
        assertThatThrownBy(() -> S3ObjectStoreConfig.builder().bucket(bucket))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(bucket);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:9000", "ftp://host", "http://host:9000/bucket", "http://"})
    void rejectsEndpointsThatAreNotAServerAddress(String endpoint) {
        assertThatThrownBy(() -> S3ObjectStoreConfig.builder().endpoint(endpoint))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("endpoint");
    }

    @Test
    void rejectsOutOfRangeValues() {
        S3ObjectStoreConfig.Builder builder = S3ObjectStoreConfig.builder();
        assertThatThrownBy(() -> builder.partSize((5 << 20) - 1)).hasMessageContaining("partSize");
        assertThatThrownBy(() -> builder.maxRetries(-1)).hasMessageContaining("maxRetries");
        assertThatThrownBy(() -> builder.connectTimeout(Duration.ZERO))
                .hasMessageContaining("connectTimeout");
        assertThatThrownBy(() -> builder.apiCallTimeout(null))
                .hasMessageContaining("apiCallTimeout");
        assertThatThrownBy(() -> builder.credentials("a", "")).hasMessageContaining("secret");
        assertThatThrownBy(() -> builder.region(" ")).hasMessageContaining("region");
        assertThatThrownBy(() -> builder.keyPrefix("/abs")).hasMessageContaining("prefix");
        assertThatThrownBy(() -> builder.keyPrefix("a/../b")).hasMessageContaining("prefix");
    }
}
