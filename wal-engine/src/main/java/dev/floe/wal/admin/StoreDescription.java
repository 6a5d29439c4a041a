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
