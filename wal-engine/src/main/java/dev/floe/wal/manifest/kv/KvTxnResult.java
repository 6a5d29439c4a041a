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
 * The result of a {@link KvStore#txn transaction}. Immutable.
 *
 * @param succeeded whether every comparison held (so the first branch ran)
 * @param revision the store's revision after the transaction
 * @param reads the results of the {@link KvOp.Get} operations of the branch that ran, in order
 */
public record KvTxnResult(boolean succeeded, long revision, List<List<KvEntry>> reads) {

    public KvTxnResult {
        reads = List.copyOf(reads);
    }

    /** The single entry read by the {@code index}-th get, or null if the key was absent. */
    KvEntry single(int index) {
        List<KvEntry> read = reads.get(index);
        return read.isEmpty() ? null : read.get(0);
    }
}
