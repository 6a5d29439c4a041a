package dev.floe.wal.tier;

import dev.floe.wal.format.RangeSource;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.object.ObjectStore;
import java.io.IOException;

/**
 * Ranged reads of one committed object, whose size the manifest already knows, so opening it costs
 * no request. Thread-safe as the store is.
 */
public final class ObjectRangeSource implements RangeSource {

    private final ObjectStore store;
    private final ObjectDescriptor object;

    public ObjectRangeSource(ObjectStore store, ObjectDescriptor object) {
        this.store = store;
        this.object = object;
    }

    @Override
    public long size() {
        return object.sizeBytes();
    }

    @Override
    public byte[] read(long position, int length) throws IOException {
        return store.read(object.key(), position, length);
    }
}
