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
package dev.floe.flink.tiering;

import dev.floe.wal.manifest.ObjectDescriptor;
import org.apache.flink.annotation.PublicEvolving;

/**
 * A Parquet object a {@link FloeTieringJob} committed to the manifest in place of the segment
 * objects of the same range: what the job emits, one record per object. Immutable.
 *
 * @param stream the stream
 * @param partition the partition
 * @param startOffset the first offset the object holds
 * @param endOffset the offset after the last one it holds
 * @param objectKey the object's key in the Parquet store
 * @param sizeBytes the object's size
 */
@PublicEvolving
public record TieredObject(
        String stream,
        int partition,
        long startOffset,
        long endOffset,
        String objectKey,
        long sizeBytes) {

    /** The object a descriptor of {@code stream}'s {@code partition} names. */
    public static TieredObject of(String stream, int partition, ObjectDescriptor parquet) {
        return new TieredObject(
                stream,
                partition,
                parquet.startOffset(),
                parquet.endOffset(),
                parquet.key(),
                parquet.sizeBytes());
    }

    public long recordCount() {
        return endOffset - startOffset;
    }
}
