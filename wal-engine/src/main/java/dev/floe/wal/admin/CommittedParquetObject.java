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
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One committed Parquet object, listed once however many partitions' descriptors name it, with the
 * partitions whose rows a query reads from it. An object of one partition holds exactly its
 * descriptor's range. A shared object holds several partitions' rows, but a partition whose swap
 * was refused, or never happened, has rows in it that are committed elsewhere (in segment objects,
 * or later in another Parquet object): a query reads from a shared object only the rows of {@link
 * #partitions()}. Immutable.
 *
 * @param references the descriptors naming the object, one per partition, by partition
 */
public record CommittedParquetObject(List<CommittedObject> references) {

    public CommittedParquetObject {
        references = List.copyOf(references);
        if (references.isEmpty()) {
            throw new IllegalArgumentException("a committed object has at least one reference");
        }
        String key = references.get(0).descriptor().key();
        for (CommittedObject r : references) {
            if (!r.descriptor().key().equals(key)) {
                throw new IllegalArgumentException(
                        "references of object " + key + " name " + r.descriptor().key());
            }
        }
    }

    /**
     * The Parquet objects {@code objects} reference, each once, in the order of their first
     * reference; segment objects are left out.
     */
    public static List<CommittedParquetObject> of(Collection<CommittedObject> objects) {
        Map<String, List<CommittedObject>> references = new LinkedHashMap<>();
        for (CommittedObject o : objects) {
            if (o.descriptor().kind() == ObjectDescriptor.Kind.PARQUET) {
                references.computeIfAbsent(o.descriptor().key(), k -> new ArrayList<>()).add(o);
            }
        }
        return references.values().stream().map(CommittedParquetObject::new).toList();
    }

    /** The object's key. */
    public String key() {
        return references.get(0).descriptor().key();
    }

    /** Where a tool outside Floe finds it: a file path, or an {@code s3://} URL. */
    public String location() {
        return references.get(0).location();
    }

    /**
     * Whether it is a shared Parquet object, which may hold rows of partitions other than {@link
     * #partitions()}.
     */
    public boolean shared() {
        return BucketLayout.isSharedParquetKey(key());
    }

    /** The partitions whose committed records it holds, in order. */
    public List<Integer> partitions() {
        return references.stream().map(CommittedObject::partition).toList();
    }

    /** Committed records it holds: those of {@link #partitions()}. */
    public long records() {
        return references.stream().mapToLong(r -> r.descriptor().recordCount()).sum();
    }

    /** The whole object's size. */
    public long sizeBytes() {
        return references.get(0).descriptor().sizeBytes();
    }
}
