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

import dev.floe.wal.format.RangeSource;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.object.ObjectStore;
import java.io.IOException;

/**
 * Ranged reads of one committed object, or of its section of a batch object, whose size the
 * manifest already knows, so opening it costs no request. Thread-safe as the store is.
 */
public final class ObjectRangeSource implements RangeSource {

    private final ObjectStore store;
    private final String key;
    private final long offset;
    private final long size;

    public ObjectRangeSource(ObjectStore store, ObjectDescriptor object) {
        this(store, object.key(), object.sectionOffset(), object.sizeBytes());
    }

    private ObjectRangeSource(ObjectStore store, String key, long offset, long size) {
        this.store = store;
        this.key = key;
        this.offset = offset;
        this.size = size;
    }

    /** Ranged reads of the whole object {@code key} of {@code size} bytes. */
    public static ObjectRangeSource whole(ObjectStore store, String key, long size) {
        return new ObjectRangeSource(store, key, 0, size);
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public byte[] read(long position, int length) throws IOException {
        return store.read(key, offset + position, length);
    }
}
