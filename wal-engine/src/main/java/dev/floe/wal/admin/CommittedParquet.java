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

import dev.floe.wal.manifest.StreamConfig;
import java.util.List;

/**
 * The Parquet objects a query over a stream may read: exactly those the manifest references below
 * each partition's committed end, each listed once though a shared object is named by several
 * partitions' descriptors. Orphans (never committed) and superseded objects (replaced, awaiting
 * deletion) lie in the bucket under the same prefixes, and a shared object may also hold rows of
 * partitions that do not reference it, which is why a query must name these objects rather than
 * glob the bucket, and read from a shared object only the rows of {@link
 * CommittedParquetObject#partitions() its partitions}. Committed records that tiering has not
 * reached yet are in segment objects, which other engines cannot read; they are counted apart.
 * Immutable.
 *
 * @param stream the stream's definition
 * @param objects the committed Parquet objects, each once, in the order of their first reference
 *     (by partition, then offset)
 * @param parquetRecords committed records held by {@code objects}
 * @param segmentRecords committed records held by segment objects only
 */
public record CommittedParquet(
        StreamConfig stream,
        List<CommittedParquetObject> objects,
        long parquetRecords,
        long segmentRecords) {

    public CommittedParquet {
        objects = List.copyOf(objects);
    }

    public boolean isEmpty() {
        return objects.isEmpty();
    }

    /** Where each object is, in the order of {@link #objects()}. */
    public List<String> locations() {
        return objects.stream().map(CommittedParquetObject::location).toList();
    }

    /** How many of {@link #objects()} are shared Parquet objects. */
    public int sharedObjects() {
        return (int) objects.stream().filter(CommittedParquetObject::shared).count();
    }
}
