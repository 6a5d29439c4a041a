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
package dev.floe.wal.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.StreamConfig;
import dev.floe.wal.manifest.etcd.EtcdManifestConfig;
import dev.floe.wal.object.S3ObjectStoreConfig;
import dev.floe.wal.testing.EtcdExtension;
import dev.floe.wal.testing.S3ProxyExtension;
import dev.floe.wal.testing.TestStreams;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link FloeAdmin} opened from settings on a real etcd and a real S3 server, with Parquet objects
 * in a bucket apart from the segment objects.
 */
class FloeAdminITCase {

    @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();
    @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();

    @Test
    void managesAStreamWhoseObjectsSpanTwoBuckets() throws Exception {
        String run = "admin-" + ProcessHandle.current().pid();
        S3.createBucket(run + "-raw");
        S3.createBucket(run + "-silver");
        StoreSettings settings =
                StoreSettings.builder()
                        .s3(bucket(run + "-raw"))
                        .parquetBucket(bucket(run + "-silver"))
                        .etcd(
                                EtcdManifestConfig.builder()
                                        .endpoints(ETCD.endpoint())
                                        .namespace(run)
                                        .build())
                        .build();
        try (FloeStores writer = FloeStores.open(settings);
                FloeAdmin admin = FloeAdmin.open(settings)) {
            TestStreams streams = new TestStreams(writer.manifest(), writer.tiers());
            admin.createStream(StreamConfig.of("orders", 2));
            ObjectDescriptor s0 = streams.commit("orders", 0, TestStreams.texts(0, 10));
            streams.commit("orders", 0, TestStreams.texts(10, 10));
            ObjectDescriptor parquet = streams.tier("orders", 0, Duration.ZERO).get(0);
            ObjectDescriptor tail = streams.commit("orders", 1, TestStreams.texts(0, 5));
            writer.manifest()
                    .putConsumerPosition(
                            "orders", "billing", Map.of(0, 15L, 1, 5L), Duration.ofMinutes(1));

            assertThat(admin.describe().summary())
                    .startsWith("etcd")
                    .contains("s3://" + run + "-raw")
                    .contains("Parquet in s3://" + run + "-silver");
            assertThat(admin.committedParquet("orders").locations())
                    .containsExactly("s3://" + run + "-silver/" + parquet.key());
            assertThat(admin.committedObjects("orders", 1))
                    .extracting(CommittedObject::location)
                    .containsExactly("s3://" + run + "-raw/" + tail.key());
            assertThat(admin.findObject(parquet.key()))
                    .hasValueSatisfying(
                            o -> assertThat(o.kind()).isEqualTo(ObjectDescriptor.Kind.PARQUET));
            assertThat(admin.findObject(s0.key())).isPresent();
            assertThat(admin.consumerLag("orders", "billing"))
                    .containsExactly(
                            new ConsumerLag("billing", 0, OptionalLong.of(15), 20),
                            new ConsumerLag("billing", 1, OptionalLong.of(5), 5));
            assertThat(admin.verifyAll(VerifyLevel.FULL).isOk()).isTrue();
            assertThat(admin.clean("orders", Duration.ofHours(1), CleanMode.DRY_RUN).superseded())
                    .hasSize(2);

            DeletionReport deleted = admin.deleteStream("orders", false);

            assertThat(deleted.objects()).isEqualTo(4);
            assertThat(deleted.queuedDeletions()).isEqualTo(2);
            assertThat(admin.streamNames()).isEmpty();
            assertThat(writer.tiers().segments().list("orders/")).isEmpty();
            assertThat(writer.tiers().parquet().list("orders/")).isEmpty();
        }
    }

    private static S3ObjectStoreConfig bucket(String name) {
        return S3ObjectStoreConfig.builder()
                .endpoint(S3.endpoint())
                .credentials(S3.accessKey(), S3.secretKey())
                .bucket(name)
                .build();
    }
}
