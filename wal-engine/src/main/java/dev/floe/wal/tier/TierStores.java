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
