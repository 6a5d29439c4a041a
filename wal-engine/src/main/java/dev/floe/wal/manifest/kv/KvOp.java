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

import java.util.Objects;

/** One operation of a {@link KvStore#txn transaction}. Immutable. */
public sealed interface KvOp {

    String key();

    /** Sets {@code key} to {@code value}, attached to {@code lease} (0 for none). */
    record Put(String key, byte[] value, long lease) implements KvOp {
        public Put {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }

    /** Removes {@code key} if present. */
    record Delete(String key) implements KvOp {
        public Delete {
            Objects.requireNonNull(key, "key");
        }
    }

    /** Reads a key or a range; its result is in {@link KvTxnResult#reads()}. */
    record Get(KvRange range) implements KvOp {
        public Get {
            Objects.requireNonNull(range, "range");
        }

        @Override
        public String key() {
            return range.from();
        }
    }

    static KvOp put(String key, byte[] value) {
        return new Put(key, value, 0);
    }

    static KvOp put(String key, byte[] value, long lease) {
        return new Put(key, value, lease);
    }

    static KvOp delete(String key) {
        return new Delete(key);
    }

    static KvOp get(String key) {
        return new Get(KvRange.key(key));
    }

    static KvOp get(KvRange range) {
        return new Get(range);
    }
}
