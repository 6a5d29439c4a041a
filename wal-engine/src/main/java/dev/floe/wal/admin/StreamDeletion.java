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

import dev.floe.wal.manifest.GcEntry;
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.object.ObjectInfo;
import dev.floe.wal.object.ObjectStore;
import dev.floe.wal.object.PendingUpload;
import dev.floe.wal.tier.TierStores;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Deletes a stream: first every object and unfinished upload under its prefix in each store, then
 * its entries in the deletion queue, then its manifest keys. Objects go first so that a deletion
 * cut short leaves a stream that can be deleted again. Stateless.
 */
final class StreamDeletion {

    private StreamDeletion() {}

    static DeletionReport delete(ManifestStore manifest, TierStores stores, String stream)
            throws IOException {
        String prefix = stream + "/";
        Set<ObjectStore> distinct = new LinkedHashSet<>();
        distinct.add(stores.segments());
        distinct.add(stores.parquet());
        int objects = 0;
        long bytes = 0;
        int aborted = 0;
        for (ObjectStore store : distinct) {
            for (PendingUpload upload : store.pendingUploads(prefix)) {
                store.abort(upload);
                aborted++;
            }
            List<ObjectInfo> listed = store.list(prefix);
            store.delete(listed.stream().map(ObjectInfo::key).toList());
            objects += listed.size();
            bytes += listed.stream().mapToLong(ObjectInfo::size).sum();
        }
        List<GcEntry> queued =
                manifest.gcDue(Instant.ofEpochMilli(Long.MAX_VALUE), Integer.MAX_VALUE).stream()
                        .filter(e -> e.objectKey().startsWith(prefix))
                        .toList();
        manifest.gcDone(queued);
        manifest.deleteStream(stream);
        return new DeletionReport(stream, objects, bytes, aborted, queued.size());
    }
}
