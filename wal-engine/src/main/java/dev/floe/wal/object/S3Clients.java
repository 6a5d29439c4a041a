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

import java.time.Duration;
import javax.net.ssl.TrustManager;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** Builds the AWS SDK client an {@link S3ObjectStore} uses from its configuration. Stateless. */
final class S3Clients {

    static final Duration RETRY_BASE_DELAY = Duration.ofMillis(100);
    static final Duration RETRY_MAX_DELAY = Duration.ofSeconds(10);

    private S3Clients() {}

    static S3Client create(S3ObjectStoreConfig config) {
        Apache5HttpClient.Builder http =
                Apache5HttpClient.builder().connectionTimeout(config.connectTimeout());
        if (config.tls().isPresent()) {
            TrustManager[] trust = config.tls().get().trustManagers().getTrustManagers();
            http.tlsTrustManagersProvider(() -> trust);
        }
        S3ClientBuilder builder =
                S3Client.builder()
                        .region(Region.of(config.region()))
                        .forcePathStyle(config.pathStyle())
                        .httpClientBuilder(http)
                        // CRC32C on every upload; S3Proxy verifies it (BadDigest on mismatch).
                        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_SUPPORTED)
                        .responseChecksumValidation(ResponseChecksumValidation.WHEN_SUPPORTED)
                        .overrideConfiguration(
                                o ->
                                        o.apiCallTimeout(config.apiCallTimeout())
                                                .retryStrategy(retryStrategy(config)));
        config.endpoint().ifPresent(builder::endpointOverride);
        if (config.accessKey().isPresent() && config.secretKey().isPresent()) {
            builder.credentialsProvider(
                    StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(
                                    config.accessKey().get(), config.secretKey().get())));
        }
        // Otherwise the client uses, and closes, the SDK's default credentials chain.
        return builder.build();
    }

    /** The SDK's standard strategy: full-jitter exponential backoff, for errors and throttling. */
    private static RetryStrategy retryStrategy(S3ObjectStoreConfig config) {
        BackoffStrategy backoff =
                BackoffStrategy.exponentialDelay(RETRY_BASE_DELAY, RETRY_MAX_DELAY);
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(config.maxRetries() + 1)
                .backoffStrategy(backoff)
                .throttlingBackoffStrategy(backoff)
                .build();
    }
}
