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
package dev.floe.wal.record;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A record as a caller hands it to the log: timestamp, nullable key, value and headers with unique
 * keys (so every engine can read them as a map). The log assigns the offset. Immutable and
 * thread-safe as long as the caller does not mutate the arrays after handing them over.
 */
public record WalRecord(long timestamp, byte[] key, byte[] value, List<Header> headers) {

    public WalRecord {
        Objects.requireNonNull(value, "record value must not be null (use an empty array)");
        headers = headers == null ? List.of() : List.copyOf(headers);
        checkUniqueKeys(headers);
    }

    private static void checkUniqueKeys(List<Header> headers) {
        if (headers.size() < 2) {
            return;
        }
        Set<String> keys = new HashSet<>();
        for (Header h : headers) {
            if (!keys.add(h.key())) {
                throw new IllegalArgumentException(
                        "record has header '"
                                + h.key()
                                + "' twice; header keys must be unique within a record");
            }
        }
    }

    public static WalRecord of(long timestamp, byte[] key, byte[] value) {
        return new WalRecord(timestamp, key, value, List.of());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WalRecord r
                && timestamp == r.timestamp
                && Arrays.equals(key, r.key)
                && Arrays.equals(value, r.value)
                && headers.equals(r.headers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(timestamp, Arrays.hashCode(key), Arrays.hashCode(value), headers);
    }

    @Override
    public String toString() {
        return "WalRecord{ts="
                + timestamp
                + ", key="
                + (key == null ? "null" : key.length + "B")
                + ", value="
                + value.length
                + "B, headers="
                + headers
                + "}";
    }
}
