package dev.floe.wal.admin;

import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.tier.BucketLayout;

/**
 * Where the stores of a {@link FloeAdmin} are, for messages. Immutable.
 *
 * @param manifest the manifest store, such as {@code etcd at http://127.0.0.1:2379 (namespace
 *     default)}
 * @param segments the store of segment objects, such as {@code s3://raw at http://host:9000}
 * @param parquet the store of Parquet objects; equal to {@code segments} when they share it
 */
public record StoreDescription(String manifest, String segments, String parquet) {

    /** The store of objects of {@code kind}. */
    public String objects(ObjectDescriptor.Kind kind) {
        return kind == ObjectDescriptor.Kind.SEGMENT ? segments : parquet;
    }

    /** The store that holds, or would hold, the object under {@code key}. */
    public String storeOf(String key) {
        return objects(BucketLayout.kindOf(key));
    }

    /** Manifest and object stores in one line, the Parquet store only when apart. */
    public String summary() {
        return manifest
                + ", "
                + segments
                + (segments.equals(parquet) ? "" : ", Parquet in " + parquet);
    }
}
