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
