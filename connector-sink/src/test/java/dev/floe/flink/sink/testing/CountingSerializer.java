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
package dev.floe.flink.sink.testing;

import dev.floe.flink.sink.FloeRecordSerializer;
import dev.floe.wal.record.WalRecord;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Strings as UTF-8 values keyed by their first character, counting how often elements and keys are
 * serialized (by this instance; a deserialized copy counts on its own). Thread-safe.
 */
public final class CountingSerializer implements FloeRecordSerializer<String> {

    private static final long serialVersionUID = 1L;

    private final AtomicInteger elements = new AtomicInteger();
    private final AtomicInteger keys = new AtomicInteger();

    /** The key of an element: its first character. */
    public static byte[] keyOf(String element) {
        return element.substring(0, 1).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public WalRecord serialize(String element, Long timestamp) {
        elements.incrementAndGet();
        return WalRecord.of(
                timestamp == null ? 0 : timestamp,
                keyOf(element),
                element.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] serializeKey(String element) {
        keys.incrementAndGet();
        return keyOf(element);
    }

    /** Calls of {@link #serialize}. */
    public int elementsSerialized() {
        return elements.get();
    }

    /** Calls of {@link #serializeKey}. */
    public int keysSerialized() {
        return keys.get();
    }
}
