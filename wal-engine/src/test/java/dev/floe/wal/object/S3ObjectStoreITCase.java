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

import dev.floe.wal.testing.S3ProxyExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The object store contract against a real S3 server (S3Proxy), plus S3-only behaviour. */
class S3ObjectStoreITCase extends ObjectStoreContract {

    @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();

    private static final AtomicInteger BUCKETS = new AtomicInteger();

    private String bucket;

    static S3ObjectStoreConfig.Builder configFor(S3ProxyExtension s3, String bucket) {
        return S3ObjectStoreConfig.builder()
                .endpoint(s3.endpoint())
                .credentials(s3.accessKey(), s3.secretKey())
                .bucket(bucket)
                .partSize(S3ObjectStoreConfig.MIN_PART_SIZE);
    }

    @Override
    protected ObjectStore newStore() throws Exception {
        bucket = "contract-" + BUCKETS.incrementAndGet();
        S3.createBucket(bucket);
        return S3ObjectStore.open(configFor(S3, bucket).keyPrefix("floe").build());
    }

    @Override
    protected void assertUploadStreams(ObjectUpload upload) {
        assertThat(((S3ObjectUpload) upload).bufferCapacity())
                .isPositive()
                .isLessThanOrEqualTo(S3ObjectStoreConfig.MIN_PART_SIZE);
    }

    @Test
    void keysLiveUnderTheKeyPrefix() throws Exception {
        store.putIfAbsent("s/a", bytes("a"));
        store.startUpload("s/b").close();

        try (ObjectStore whole = S3ObjectStore.open(configFor(S3, bucket).build())) {
            assertThat(whole.list("")).extracting(ObjectInfo::key).containsExactly("floe/s/a");
            assertThat(whole.read("floe/s/a", 0, 1)).isEqualTo(bytes("a"));
        }
        assertThat(store.describe()).isEqualTo("s3://" + bucket + "/floe/ at " + S3.endpoint());
        assertThat(store.location("s/a")).isEqualTo("s3://" + bucket + "/floe/s/a");
    }

    @Test
    void deletesMoreKeysThanOneBatchHolds() throws Exception {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            keys.add(String.format("many/%05d", i));
        }
        // Missing keys cost nothing to delete, so objects in the first and last batch suffice.
        for (String key : List.of(keys.get(0), keys.get(999), keys.get(1_000), keys.get(2_499))) {
            store.putIfAbsent(key, bytes(key));
        }
        store.putIfAbsent("kept", bytes("kept"));

        store.delete(keys);

        assertThat(store.list("")).extracting(ObjectInfo::key).containsExactly("kept");
    }

    @Test
    void anUploadOfExactlyOnePartIsASinglePut() throws Exception {
        try (ObjectUpload upload = store.startUpload("one-part")) {
            upload.write(
                    random(S3ObjectStoreConfig.MIN_PART_SIZE, 9),
                    0,
                    S3ObjectStoreConfig.MIN_PART_SIZE);
            assertThat(store.pendingUploads("")).isEmpty();
            upload.complete();
        }
        assertThat(store.head("one-part").orElseThrow().size())
                .isEqualTo(S3ObjectStoreConfig.MIN_PART_SIZE);
    }
}
