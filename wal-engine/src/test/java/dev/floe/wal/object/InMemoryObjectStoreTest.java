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

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class InMemoryObjectStoreTest extends ObjectStoreContract {

    @Override
    protected ObjectStore newStore() {
        return new InMemoryObjectStore();
    }

    @Test
    void timesComeFromTheInjectedClock() throws Exception {
        Instant now = Instant.parse("2026-01-02T03:04:05Z");
        try (ObjectStore store = new InMemoryObjectStore(Clock.fixed(now, ZoneOffset.UTC))) {
            store.putIfAbsent("k", new byte[] {1});
            ObjectUpload upload = store.startUpload("u");

            assertThat(store.head("k").orElseThrow().lastModified()).isEqualTo(now);
            assertThat(store.list("")).extracting(ObjectInfo::lastModified).containsExactly(now);
            assertThat(store.pendingUploads(""))
                    .extracting(PendingUpload::started)
                    .containsExactly(now);
            assertThat(upload.complete().lastModified()).isEqualTo(now);
        }
    }

    @Test
    void keepsItsOwnCopyOfTheBytes() throws Exception {
        byte[] bytes = {1, 2, 3};
        store.putIfAbsent("k", bytes);
        bytes[0] = 9;
        byte[] read = store.read("k", 0, 3);
        read[1] = 9;

        assertThat(store.read("k", 0, 3)).containsExactly(1, 2, 3);
    }
}
