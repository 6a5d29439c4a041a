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
package dev.floe.wal.manifest.embedded;

import dev.floe.wal.manifest.kv.KvEntry;
import java.util.List;

/**
 * The whole state of an {@link EmbeddedKvStore} as written to its file. Immutable.
 *
 * @param format layout version of the file, {@link #CURRENT_FORMAT}
 * @param revision the store's revision
 * @param nextLeaseId the id the next lease gets
 * @param entries every key, in key order
 * @param leases every live lease
 */
record EmbeddedSnapshot(
        int format, long revision, long nextLeaseId, List<KvEntry> entries, List<Lease> leases) {

    static final int CURRENT_FORMAT = 1;

    static final EmbeddedSnapshot EMPTY =
            new EmbeddedSnapshot(CURRENT_FORMAT, 0, 1, List.of(), List.of());

    EmbeddedSnapshot {
        entries = List.copyOf(entries);
        leases = List.copyOf(leases);
    }

    /**
     * A lease as stored: its ttl and when it expires unless renewed (epoch milliseconds).
     *
     * @param id the lease id
     * @param ttlMillis its time to live
     * @param expiresAtMillis when it expires unless renewed
     */
    record Lease(long id, long ttlMillis, long expiresAtMillis) {}
}
