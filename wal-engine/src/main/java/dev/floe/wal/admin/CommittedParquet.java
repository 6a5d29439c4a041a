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
 * each partition's committed end. Orphans (never committed) and superseded objects (replaced,
 * awaiting deletion) lie in the bucket under the same prefixes, which is why a query must name
 * these objects rather than glob the bucket. Committed records that tiering has not reached yet are
 * in segment objects, which other engines cannot read; they are counted apart. Immutable.
 *
 * @param stream the stream's definition
 * @param objects the committed Parquet objects, by partition then offset
 * @param parquetRecords records held by {@code objects}
 * @param segmentRecords committed records held by segment objects only
 */
public record CommittedParquet(
        StreamConfig stream,
        List<CommittedObject> objects,
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
        return objects.stream().map(CommittedObject::location).toList();
    }
}
