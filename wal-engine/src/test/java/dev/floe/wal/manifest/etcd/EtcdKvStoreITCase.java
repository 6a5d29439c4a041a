package dev.floe.wal.manifest.etcd;

import dev.floe.wal.manifest.kv.KvStore;
import dev.floe.wal.manifest.kv.KvStoreContract;
import dev.floe.wal.testing.EtcdExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

class EtcdKvStoreITCase extends KvStoreContract {

    @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();

    @Override
    protected KvStore open() {
        return EtcdKvStore.connect(
                EtcdManifestConfig.builder().endpoints(ETCD.endpoint()).namespace("kv").build());
    }
}
