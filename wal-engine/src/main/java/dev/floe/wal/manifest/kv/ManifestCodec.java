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

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.floe.wal.manifest.GcEntry;
import dev.floe.wal.manifest.ManifestException;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.SchemaVersion;
import java.io.IOException;
import java.time.Instant;

/**
 * The JSON values of the manifest keys: stream configs, heads, object descriptors, writer
 * registrations, tiering claims, consumer positions and deletion-queue entries. Unknown fields are
 * ignored so that newer versions can add some. Thread-safe.
 */
public final class ManifestCodec {

    record RestorePoint(long end) {}

    record TieringOwner(String owner) {}

    record StoredTablePointer(String metadataLocation) {}

    /**
     * A schema version as stored (the instant as ISO-8601 text).
     *
     * @param version its number
     * @param schema the Avro schema (JSON)
     * @param registeredAt when it was registered
     */
    record StoredSchema(int version, String schema, String registeredAt) {

        static StoredSchema of(SchemaVersion v) {
            return new StoredSchema(v.version(), v.schema(), v.registeredAt().toString());
        }

        SchemaVersion toVersion() {
            return new SchemaVersion(version, schema, Instant.parse(registeredAt));
        }
    }

    /**
     * A deletion-queue entry as stored (the instant as ISO-8601 text, exactly as given).
     *
     * @param kind which store holds the object
     * @param objectKey its key there
     * @param deleteAfter not before this instant
     */
    record StoredGcEntry(ObjectDescriptor.Kind kind, String objectKey, String deleteAfter) {

        static StoredGcEntry of(GcEntry e) {
            return new StoredGcEntry(e.kind(), e.objectKey(), e.deleteAfter().toString());
        }

        GcEntry toEntry() {
            return new GcEntry(kind, objectKey, Instant.parse(deleteAfter));
        }
    }

    private static final ObjectMapper JSON =
            JsonMapper.builder()
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .defaultPropertyInclusion(
                            JsonInclude.Value.construct(
                                    JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
                    .build();

    private final String store;

    ManifestCodec(String store) {
        this.store = store;
    }

    byte[] encode(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new ManifestException(store + ": cannot encode " + value + ": " + e, e);
        }
    }

    <T> T decode(KvEntry entry, Class<T> type) {
        try {
            return JSON.readValue(entry.value(), type);
        } catch (IOException | RuntimeException e) {
            throw new ManifestException(
                    store
                            + ": the value of key "
                            + entry.key()
                            + " is not a valid "
                            + type.getSimpleName()
                            + " ("
                            + e.getMessage()
                            + "); the manifest was changed by something other than Floe",
                    e);
        }
    }
}
