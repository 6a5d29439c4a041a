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
package dev.floe.wal.admin;

import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.SchemaHistory;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.record.WalRecord;
import dev.floe.wal.tier.parquet.ValueProjection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns the values of committed records into the latest version of their stream's schema. Not
 * thread-safe.
 */
final class LatestValues {

    private final SchemaHistory history;
    private final Map<Integer, ValueProjection> resolvers = new HashMap<>();

    LatestValues(SchemaHistory history) {
        this.history = history;
    }

    /**
     * {@code r}, read from {@code object}, with its value in the latest schema.
     *
     * @throws UncheckedIOException if the value is not one of the object's schema version
     */
    LoggedRecord of(ObjectDescriptor object, LoggedRecord r) {
        int latest = history.latest().version();
        if (!history.latest().typed() || object.schemaVersion() == latest) {
            return r;
        }
        ValueProjection resolver =
                resolvers.computeIfAbsent(
                        object.schemaVersion(),
                        v ->
                                ValueProjection.resolving(
                                        history.version(v).avroSchema(),
                                        history.latest().avroSchema()));
        WalRecord whole = r.record();
        try {
            return new LoggedRecord(
                    r.offset(),
                    new WalRecord(
                            whole.timestamp(),
                            whole.key(),
                            resolver.apply(whole.value()),
                            whole.headers()));
        } catch (IOException | RuntimeException e) {
            throw new UncheckedIOException(
                    new IOException(
                            "The value at offset "
                                    + r.offset()
                                    + " in "
                                    + object.key()
                                    + " is not a value of schema version "
                                    + object.schemaVersion()
                                    + ": "
                                    + e.getMessage(),
                            e));
        }
    }
}
