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

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedManifestStoreTest extends ManifestStoreContract {

    @TempDir Path dir;

    private final ManualClock clock = new ManualClock(T0);

    @Override
    protected ManifestStore open(String namespace) {
        return ManifestStores.embedded(dir.resolve("manifest"), namespace, clock);
    }

    @Override
    protected void letTimePass(Duration d) {
        clock.advance(d);
    }

    @Test
    void keepsEverythingAcrossReopen() {
        store.createStream(StreamConfig.of("s", 1));
        PartitionClaim claim = store.acquire("s", 0, "w", LEASE);
        ObjectDescriptor a = segment(0, 10, claim.epoch());
        store.commit(request("s", 0, claim.epoch(), "c1", a));
        store.putConsumerPosition("s", "reader", Map.of(0, 4L), Duration.ofMinutes(1));
        store.close();

        store = ManifestStores.embedded(dir.resolve("manifest"), "other", clock);
        assertThat(store.streams()).isEmpty();
        store.close();

        store = ManifestStores.embedded(dir.resolve("manifest"), namespace, clock);
        assertThat(store.describe()).isEqualTo("embedded manifest at " + dir.resolve("manifest"));
        assertThat(store.stream("s")).contains(StreamConfig.of("s", 1));
        assertThat(store.head("s", 0)).isEqualTo(new PartitionHead(10, 1, "c1"));
        assertThat(store.objects("s", 0, 0, 10)).containsExactly(a);
        assertThat(store.consumerPosition("s", "reader"))
                .contains(new ConsumerPosition("reader", Map.of(0, 4L)));
        assertThat(store.commit(request("s", 0, 1, "c1", a)).status())
                .isEqualTo(CommitResult.Status.ALREADY_COMMITTED);
        assertThat(store.acquire("s", 0, "w2", LEASE).epoch()).isEqualTo(2);
    }

    @Test
    void refusesASecondOpenOfTheSameDirectory() {
        assertThatThrownBy(() -> ManifestStores.embedded(dir.resolve("manifest"), "x", clock))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("already open")
                .hasMessageContaining(dir.resolve("manifest").toString());
    }

    @Test
    void aClaimStaysAliveWhileKeptAndItsWriterKeyGoesWithIt() {
        store.createStream(StreamConfig.of("s", 1));
        PartitionClaim claim = store.acquire("s", 0, "w", Duration.ofSeconds(1));
        clock.advance(Duration.ofMinutes(5));
        assertThat(claim.isAlive()).isTrue();
        claim.close();
        assertThat(claim.isAlive()).isFalse();
    }
}
