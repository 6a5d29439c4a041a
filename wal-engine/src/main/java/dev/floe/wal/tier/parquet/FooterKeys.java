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

    /** The stream's Avro value schema (JSON), absent for bytes-valued streams. */
    static final String VALUE_SCHEMA = "floe.value.schema";

    /** The row's Avro schema, where parquet-avro readers look for it. */
    static final String AVRO_SCHEMA = "parquet.avro.schema";

    private FooterKeys() {}
}
