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
package dev.floe.wal.manifest.kv;

import dev.floe.wal.manifest.PartitionHead;

/**
 * A partition head together with the revision at which its key was last changed (0 when the key is
 * absent), as needed to compare-and-set it. Immutable.
 *
 * @param head the head ({@link PartitionHead#EMPTY} when absent)
 * @param modRevision the head key's modification revision, 0 when absent
 */
public record VersionedHead(PartitionHead head, long modRevision) {

    static VersionedHead of(KvEntry entry, ManifestCodec codec) {
        return entry == null
                ? new VersionedHead(PartitionHead.EMPTY, 0)
                : new VersionedHead(codec.decode(entry, PartitionHead.class), entry.modRevision());
    }

    /** The condition that the head key is still as observed. */
    KvCompare unchanged(String headKey) {
        return modRevision == 0
                ? KvCompare.absent(headKey)
                : KvCompare.modRevision(headKey, modRevision);
    }
}
