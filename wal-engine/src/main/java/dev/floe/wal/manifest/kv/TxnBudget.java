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

import java.util.List;

/**
 * What a transaction being batched has used of {@link TxnLimits}: compares, operations and
 * estimated bytes, added up as parts join, so filling a batch costs time linear in its size. Not
 * thread-safe.
 */
final class TxnBudget {

    private int compares;
    private int ops;
    private long bytes;

    /**
     * Adds a part of {@code compares} and {@code ops} if the transaction stays within the limits.
     *
     * @return whether it was added
     */
    boolean tryAdd(List<KvCompare> compares, List<KvOp> ops) {
        long more = TxnLimits.estimateBytes(compares, ops);
        if (Math.max(this.compares + compares.size(), this.ops + ops.size()) > KvStore.MAX_TXN_OPS
                || this.bytes + more > TxnLimits.maxBytes()) {
            return false;
        }
        this.compares += compares.size();
        this.ops += ops.size();
        this.bytes += more;
        return true;
    }

    /** Starts an empty transaction. */
    void clear() {
        compares = 0;
        ops = 0;
        bytes = 0;
    }
}
