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
