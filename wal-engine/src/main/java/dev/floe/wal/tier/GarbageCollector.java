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

import dev.floe.wal.manifest.GcEntry;
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.ObjectDescriptor;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes superseded objects once their grace period has passed: takes due entries from the
 * manifest's deletion queue, deletes the objects, then removes the entries (so a crash in between
 * only repeats a harmless delete). An object several partitions share (a batch object or a shared
 * Parquet object) is deleted only once no descriptor needs it. Thread-safe; run it from one place
 * at a time.
 */
public final class GarbageCollector {

    private static final Logger LOG = LoggerFactory.getLogger(GarbageCollector.class);
    private static final int BATCH = 1000;

    private final ManifestStore manifest;
    private final TierStores stores;
    private final Clock clock;

    public GarbageCollector(ManifestStore manifest, TierStores stores, Clock clock) {
        this.manifest = manifest;
        this.stores = stores;
        this.clock = clock;
    }

    /**
     * Whether the entry names a shared object that other descriptors still need. Its entry goes
     * anyway: the swap that replaces the last descriptor naming it queues it again.
     */
    private boolean stillShared(GcEntry e) throws IOException {
        return SharedObjectUse.isShared(e.objectKey())
                && SharedObjectUse.inUse(manifest, stores.store(e.kind()), e.objectKey());
    }

    /** Deletes every due object; returns how many were deleted. */
    public int collect() throws IOException {
        int deleted = 0;
        while (true) {
            List<GcEntry> due = manifest.gcDue(clock.instant(), BATCH);
            if (due.isEmpty()) {
                return deleted;
            }
            for (ObjectDescriptor.Kind kind : ObjectDescriptor.Kind.values()) {
                // A shared object is queued once per partition it held; it is looked at once.
                Map<String, Boolean> deletable = new LinkedHashMap<>();
                for (GcEntry e : due) {
                    if (e.kind() == kind && !deletable.containsKey(e.objectKey())) {
                        deletable.put(e.objectKey(), !stillShared(e));
                    }
                }
                List<String> keys =
                        deletable.entrySet().stream()
                                .filter(Map.Entry::getValue)
                                .map(Map.Entry::getKey)
                                .toList();
                if (!keys.isEmpty()) {
                    stores.store(kind).delete(keys);
                }
            }
            manifest.gcDone(due);
            deleted += due.size();
            LOG.info("Deleted {} superseded objects", due.size());
            if (due.size() < BATCH) {
                return deleted;
            }
        }
    }
}
