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

import dev.floe.wal.manifest.embedded.EmbeddedKvStore;
import dev.floe.wal.manifest.etcd.EtcdKvStore;
import dev.floe.wal.manifest.etcd.EtcdManifestConfig;
import dev.floe.wal.manifest.kv.KvManifestStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/** Opens {@link ManifestStore}s: on etcd, or embedded in a local directory. Stateless. */
public final class ManifestStores {

    private ManifestStores() {}

    /**
     * Connects to etcd and checks that it answers; fails fast with a {@link ManifestException}
     * naming the endpoints otherwise. Close the store to release its client and threads.
     */
    public static ManifestStore etcd(EtcdManifestConfig config) {
        Objects.requireNonNull(config, "config");
        ManifestKeys keys = new ManifestKeys(config.namespace());
        return new KvManifestStore(
                EtcdKvStore.connect(config), keys, config.commitResolveTimeout());
    }

    /**
     * Opens (or creates) a manifest kept in {@code dir} by this process alone, for development and
     * single-node use without any service. Fails if another process has the directory open.
     */
    public static ManifestStore embedded(Path dir, String namespace) {
        return embedded(dir, namespace, Clock.systemUTC());
    }

    static ManifestStore embedded(Path dir, String namespace, Clock clock) {
        Objects.requireNonNull(dir, "dir");
        ManifestKeys keys = new ManifestKeys(namespace);
        EmbeddedKvStore kv =
                EmbeddedKvStore.open(dir, clock, EmbeddedKvStore.DEFAULT_SWEEP_INTERVAL);
        // A failed embedded store stays failed: one read-back attempt is enough.
        return new KvManifestStore(kv, keys, Duration.ZERO);
    }
}
