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
package dev.floe.wal.tier.parquet;

/**
 * Keys of the Parquet footer's key/value metadata that Floe's writer sets and its reader checks.
 */
final class FooterKeys {

    /** Version of Floe's Parquet object layout; {@value #VERSION_1} is the only one. */
    static final String FORMAT_VERSION = "floe.format.version";

    static final String VERSION_1 = "1";

    /** The partition whose records the object holds. */
    static final String PARTITION = "floe.partition";

    /**
     * The partitions whose records a shared object holds, comma-separated in the order of their row
     * groups; set instead of {@link #PARTITION}.
     */
    static final String PARTITIONS = "floe.partitions";

    /** The stream's Avro value schema (JSON), absent for bytes-valued streams. */
    static final String VALUE_SCHEMA = "floe.value.schema";

    /**
     * The version of the stream's value schema the object's values were written with, in decimal;
     * absent in objects written before streams had a schema history, which hold version 1. One
     * object never mixes versions.
     */
    static final String SCHEMA_VERSION = "floe.schema.version";

    /** The row's Avro schema, where parquet-avro readers look for it. */
    static final String AVRO_SCHEMA = "parquet.avro.schema";

    private FooterKeys() {}
}
