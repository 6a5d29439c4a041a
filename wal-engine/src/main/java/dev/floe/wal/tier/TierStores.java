package dev.floe.wal.tier;

import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.object.ObjectStore;
import java.util.Objects;

/**
 * The object stores of the two tiers: segment objects (raw, bronze) and Parquet objects (silver).
 * They may be the same store. Immutable; thread-safe as the stores are.
 *
 * @param segments where segment objects are written
 * @param parquet where Parquet objects are written
 */
public record TierStores(ObjectStore segments, ObjectStore parquet) {

    public TierStores {
        Objects.requireNonNull(segments, "segments store");
        Objects.requireNonNull(parquet, "parquet store");
    }

    /** Both tiers in one store. */
    public static TierStores single(ObjectStore store) {
        return new TierStores(store, store);
    }

    public ObjectStore store(ObjectDescriptor.Kind kind) {
        return kind == ObjectDescriptor.Kind.SEGMENT ? segments : parquet;
    }
}
