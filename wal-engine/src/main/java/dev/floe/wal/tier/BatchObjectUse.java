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
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether the manifest still needs a batch object, which several partitions' descriptors share: it
 * does while any partition's descriptor names it, or while a section of it may still be committed.
 * Reads the object's index (one ranged read) and the sections' descriptors and heads in batches.
 * Stateless and thread-safe.
 */
final class BatchObjectUse {

    private BatchObjectUse() {}

    /** Whether batch object {@code key} in {@code store} is still needed; false if it is gone. */
    static boolean inUse(ManifestStore manifest, ObjectStore store, String key) throws IOException {
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
        List<Optional<ObjectDescriptor>> named =
                manifest.objectsAt(
                        stream,
                        sections.stream()
                                .map(s -> new ObjectPosition(s.partition(), s.startOffset()))
                                .toList());
        if (named.stream().flatMap(Optional::stream).anyMatch(d -> d.key().equals(key))) {
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
}
