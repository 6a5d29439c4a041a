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

import java.util.Arrays;
import java.util.Objects;

/**
 * A condition of a {@link KvStore#txn transaction}: a key's version, modification revision or value
 * equals the given one. An absent key has version 0 and modification revision 0, and no value (a
 * value comparison with an absent key fails), as in etcd. Immutable.
 *
 * @param key the key compared
 * @param target what is compared
 * @param number the expected version or revision (unused for values)
 * @param value the expected value (null unless {@code target} is {@link Target#VALUE})
 */
public record KvCompare(String key, Target target, long number, byte[] value) {

    /** What a comparison looks at. */
    public enum Target {
        VERSION,
        MOD_REVISION,
        VALUE
    }

    public KvCompare {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(target, "target");
        if ((target == Target.VALUE) != (value != null)) {
            throw new IllegalArgumentException("a value is needed exactly for value comparisons");
        }
    }

    static KvCompare version(String key, long version) {
        return new KvCompare(key, Target.VERSION, version, null);
    }

    static KvCompare absent(String key) {
        return version(key, 0);
    }

    static KvCompare modRevision(String key, long revision) {
        return new KvCompare(key, Target.MOD_REVISION, revision, null);
    }

    static KvCompare value(String key, byte[] value) {
        return new KvCompare(key, Target.VALUE, 0, value);
    }

    /** Whether the comparison holds against {@code entry} (null when the key is absent). */
    public boolean holds(KvEntry entry) {
        return switch (target) {
            case VERSION -> (entry == null ? 0 : entry.version()) == number;
            case MOD_REVISION -> (entry == null ? 0 : entry.modRevision()) == number;
            case VALUE -> entry != null && Arrays.equals(entry.value(), value);
        };
    }
}
