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
package dev.floe.wal.manifest;

import java.time.Instant;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * One version of a stream's Avro value schema, as its history holds it. Version 1 is the schema the
 * stream was created with; every later version can read the values of all earlier ones. Immutable.
 *
 * @param version 1 for the creation schema, then 2, 3, ...
 * @param schema the Avro schema (JSON) of record values, or null for a bytes-valued stream
 * @param registeredAt when the version was registered, or null for the creation schema (version 1),
 *     whose time is the stream's
 */
public record SchemaVersion(int version, String schema, Instant registeredAt) {

    /** The version of everything written before streams had a schema history. */
    public static final int INITIAL = 1;

    public SchemaVersion {
        if (version < INITIAL) {
            throw new IllegalArgumentException("schema versions start at 1, got " + version);
        }
    }

    /** Version 1 of {@code stream}: the schema it was created with. */
    public static SchemaVersion initial(StreamConfig stream) {
        return new SchemaVersion(INITIAL, stream.valueSchema(), null);
    }

    /** Whether values are typed by an Avro schema (else they are plain bytes). */
    public boolean typed() {
        return schema != null;
    }

    /** The parsed schema. */
    public Schema avroSchema() {
        return new Schema.Parser().parse(Objects.requireNonNull(schema, "schema"));
    }

    /**
     * The Avro parsing fingerprint (CRC-64-AVRO of the canonical form) in 16 hex digits: equal for
     * schemas that read and write the same bytes; "bytes" for a bytes-valued stream.
     */
    public String fingerprint() {
        if (schema == null) {
            return "bytes";
        }
        return String.format("%016x", SchemaNormalization.parsingFingerprint64(avroSchema()));
    }
}
