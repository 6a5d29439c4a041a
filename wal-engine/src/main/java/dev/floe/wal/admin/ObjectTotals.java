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
import java.util.HashSet;
import java.util.Set;

/**
 * Counts the objects that descriptors name and adds up their bytes, each object once though several
 * partitions' descriptors name it: every descriptor of a shared Parquet object holds the whole
 * object's size. The sections of a batch object, each its own bytes, count as objects of their own.
 * Not thread-safe.
 */
public final class ObjectTotals {

    private final Set<Bytes> counted = new HashSet<>();
    private long bytes;

    /** Counts {@code object} unless a descriptor of the same bytes was added before. */
    public void add(ObjectDescriptor object) {
        if (counted.add(new Bytes(object.key(), object.sectionOffset()))) {
            bytes += object.sizeBytes();
        }
    }

    /** Distinct objects (or batch object sections) added. */
    public int objects() {
        return counted.size();
    }

    /** Their size together. */
    public long bytes() {
        return bytes;
    }

    /** The totals of {@code objects}. */
    public static ObjectTotals of(Iterable<ObjectDescriptor> objects) {
        ObjectTotals totals = new ObjectTotals();
        objects.forEach(totals::add);
        return totals;
    }

    /** Where a descriptor's bytes are: in which object, from where. */
    private record Bytes(String key, long sectionOffset) {}
}
