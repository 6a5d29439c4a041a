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

import dev.floe.wal.format.BatchObjectIndex;
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.ObjectPosition;
import dev.floe.wal.manifest.PartitionHead;
import dev.floe.wal.object.ObjectInfo;
import dev.floe.wal.object.ObjectNotFoundException;
import dev.floe.wal.object.ObjectStore;
import dev.floe.wal.tier.parquet.ParquetObjectFooter;
import dev.floe.wal.tier.parquet.ParquetObjectReader;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether the manifest still needs an object that several partitions' descriptors share: a batch
 * object or a shared Parquet object. It does while any partition's descriptor names it, and a batch
 * object also while a section of it may still be committed. The positions its partitions' ranges
 * start at come from the object itself (a batch object's index, a Parquet object's footer); their
 * descriptors and heads are read in batches. Stateless and thread-safe.
 */
final class SharedObjectUse {

    private SharedObjectUse() {}

    /** Whether {@code key} names an object that several partitions' descriptors may share. */
    static boolean isShared(String key) {
        return BucketLayout.isBatchKey(key) || BucketLayout.isSharedParquetKey(key);
    }

    /**
     * Whether shared object {@code key} in {@code store} is still needed; false if it is gone.
     *
     * @throws IllegalArgumentException if {@code key} does not name a shared object
     */
    static boolean inUse(ManifestStore manifest, ObjectStore store, String key) throws IOException {
        if (BucketLayout.isBatchKey(key)) {
            return batchInUse(manifest, store, key);
        }
        if (BucketLayout.isSharedParquetKey(key)) {
            return sharedParquetInUse(manifest, store, key);
        }
        throw new IllegalArgumentException(key + " names no batch or shared Parquet object");
    }

    private static boolean batchInUse(ManifestStore manifest, ObjectStore store, String key)
            throws IOException {
        String stream = BucketLayout.streamOfBatch(key);
        Optional<ObjectInfo> info = store.head(key);
        if (info.isEmpty() || manifest.stream(stream).isEmpty()) {
            return false;
        }
        List<BatchObjectIndex.Section> sections;
        try {
            sections =
                    BatchObjectIndex.read(
                                    key, ObjectRangeSource.whole(store, key, info.get().size()))
                            .sections();
        } catch (ObjectNotFoundException e) {
            // Deleted meanwhile, by another collector.
            return false;
        }
        List<ObjectPosition> positions =
                sections.stream()
                        .map(s -> new ObjectPosition(s.partition(), s.startOffset()))
                        .toList();
        if (named(manifest, stream, key, positions)) {
            return true;
        }
        Map<Integer, PartitionHead> heads =
                manifest.heads(
                        stream,
                        sections.stream()
                                .map(BatchObjectIndex.Section::partition)
                                .distinct()
                                .toList());
        return sections.stream()
                .anyMatch(s -> heads.get(s.partition()).mayStillCommit(s.epoch(), s.startOffset()));
    }

    private static boolean sharedParquetInUse(ManifestStore manifest, ObjectStore store, String key)
            throws IOException {
        String stream = BucketLayout.streamOfSharedParquet(key);
        Optional<ObjectInfo> info = store.head(key);
        if (info.isEmpty() || manifest.stream(stream).isEmpty()) {
            return false;
        }
        ParquetObjectFooter footer;
        try {
            footer =
                    ParquetObjectFooter.read(
                            ObjectRangeSource.whole(store, key, info.get().size()),
                            key,
                            ParquetObjectReader.DEFAULT_READ_AHEAD_BYTES,
                            false);
        } catch (ObjectNotFoundException e) {
            // Deleted meanwhile, by another collector.
            return false;
        }
        List<ObjectPosition> positions =
                footer.partitions().stream()
                        .map(p -> new ObjectPosition(p, footer.startOffset(p)))
                        .toList();
        return named(manifest, stream, key, positions);
    }

    /** Whether a descriptor starting at one of {@code positions} names {@code key}. */
    private static boolean named(
            ManifestStore manifest, String stream, String key, List<ObjectPosition> positions) {
        return manifest.objectsAt(stream, positions).stream()
                .flatMap(Optional::stream)
                .map(ObjectDescriptor::key)
                .anyMatch(key::equals);
    }
}
