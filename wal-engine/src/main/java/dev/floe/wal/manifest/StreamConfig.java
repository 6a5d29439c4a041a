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

import java.util.Map;
import java.util.Objects;

/**
 * A stream's definition as stored in the manifest. Immutable.
 *
 * @param name the stream's name: letters, digits, '.', '_' and '-'
 * @param partitions number of partitions, at least 1
 * @param valueSchema Avro schema (JSON) of record values, or null when values are plain bytes
 * @param properties free-form settings, stored with the stream
 */
public record StreamConfig(
        String name, int partitions, String valueSchema, Map<String, String> properties) {

    public StreamConfig {
        ManifestKeys.checkStreamName(name);
        if (partitions < 1) {
            throw new IllegalArgumentException(
                    "stream " + name + " needs at least one partition, got " + partitions);
        }
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    public static StreamConfig of(String name, int partitions) {
        return new StreamConfig(name, partitions, null, Map.of());
    }

    /** Whether partition {@code p} exists. */
    public boolean hasPartition(int p) {
        return p >= 0 && p < partitions;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StreamConfig c
                && name.equals(c.name)
                && partitions == c.partitions
                && Objects.equals(valueSchema, c.valueSchema)
                && properties.equals(c.properties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, partitions, valueSchema, properties);
    }
}
