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

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;

/**
 * A read of one key or of the keys in {@code [from, toExclusive)}, in key order (byte order of the
 * UTF-8 encoding, as etcd sorts). Immutable.
 *
 * @param from the key, or the first key of the range
 * @param toExclusive end of the range, or null to read only {@code from}
 * @param limit most keys to return, 0 for no limit
 * @param descending whether to return the range from its last key down
 * @param keysOnly whether to leave values out
 */
public record KvRange(
        String from, String toExclusive, long limit, boolean descending, boolean keysOnly) {

    /** Orders keys by code point, which is the byte order of their UTF-8 encoding. */
    public static final Comparator<String> KEY_ORDER = KvRange::compareKeys;

    public KvRange {
        Objects.requireNonNull(from, "from");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, got " + limit);
        }
    }

    static KvRange key(String key) {
        return new KvRange(key, null, 0, false, false);
    }

    static KvRange between(String from, String toExclusive) {
        return new KvRange(
                from, Objects.requireNonNull(toExclusive, "toExclusive"), 0, false, false);
    }

    static KvRange prefix(String prefix) {
        return between(prefix, prefixEnd(prefix));
    }

    KvRange limit(long max) {
        return new KvRange(from, toExclusive, max, descending, keysOnly);
    }

    KvRange reversed() {
        return new KvRange(from, toExclusive, limit, true, keysOnly);
    }

    KvRange withoutValues() {
        return new KvRange(from, toExclusive, limit, descending, true);
    }

    public boolean isSingleKey() {
        return toExclusive == null;
    }

    boolean contains(String key) {
        if (isSingleKey()) {
            return from.equals(key);
        }
        return compareKeys(from, key) <= 0 && compareKeys(key, toExclusive) < 0;
    }

    /** The smallest key greater than every key starting with {@code prefix}. */
    static String prefixEnd(String prefix) {
        if (prefix.isEmpty()) {
            throw new IllegalArgumentException("a key prefix must not be empty");
        }
        char last = prefix.charAt(prefix.length() - 1);
        if (last >= 0x7f) {
            throw new IllegalArgumentException(
                    "key prefix '" + prefix + "' must end with an ASCII character below DEL");
        }
        return prefix.substring(0, prefix.length() - 1) + (char) (last + 1);
    }

    public static int compareKeys(String a, String b) {
        return Arrays.compareUnsigned(
                a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
