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
package dev.floe.flink.table;

import dev.floe.flink.connection.FloeConnectionOptions;
import java.util.List;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.table.factories.FactoryUtil;

/**
 * Options of tables with {@code 'connector' = 'floe'}. Each maps onto a {@code floe.*} option of
 * FloeSource, FloeSink or the connection; any other {@code floe.*} option in a table's {@code WITH}
 * clause passes through to them unchanged. Stateless.
 */
@PublicEvolving
public final class FloeTableOptions {

    private FloeTableOptions() {}

    /** Where a scan starts in each partition. */
    public enum StartupMode {
        EARLIEST_OFFSET("earliest-offset"),
        LATEST_OFFSET("latest-offset"),
        TIMESTAMP("timestamp"),
        SPECIFIC_OFFSETS("specific-offsets"),
        GROUP_OFFSETS("group-offsets");

        private final String value;

        StartupMode(String value) {
            this.value = value;
        }

        @Override
        public String toString() {
            return value;
        }
    }

    /** Where a scan stops in each partition. */
    public enum BoundedMode {
        UNBOUNDED("unbounded"),
        LATEST_OFFSET("latest-offset"),
        TIMESTAMP("timestamp"),
        SPECIFIC_OFFSETS("specific-offsets");

        private final String value;

        BoundedMode(String value) {
            this.value = value;
        }

        @Override
        public String toString() {
            return value;
        }
    }

    /** Which records a scan sees. */
    public enum Isolation {
        READ_COMMITTED("read-committed"),
        READ_UNCOMMITTED("read-uncommitted");

        private final String value;

        Isolation(String value) {
            this.value = value;
        }

        @Override
        public String toString() {
            return value;
        }
    }

    /** How the sink chooses each row's partition. */
    public enum SinkPartitioner {
        SUBTASK("subtask"),
        KEY_HASH("key-hash");

        private final String value;

        SinkPartitioner(String value) {
            this.value = value;
        }

        @Override
        public String toString() {
            return value;
        }
    }

    /** Which physical columns the value format reads and writes. */
    public enum ValueFieldsInclude {
        ALL,
        EXCEPT_KEY
    }

    public static final ConfigOption<String> STREAM =
            ConfigOptions.key("stream")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Name of the Floe stream: letters, digits, '.', '_' and '-'. Unset:"
                                    + " the table's name.");

    public static final ConfigOption<Integer> PARTITIONS =
            ConfigOptions.key("partitions")
                    .intType()
                    .noDefaultValue()
                    .withDescription(
                            "Partitions of the stream when an INSERT creates it. Unset: the"
                                    + " sink's parallelism. Required with sink.partitioner ="
                                    + " 'key-hash'; an existing stream must have this many.");

    public static final ConfigOption<String> S3_ENDPOINT =
            ConfigOptions.key("s3.endpoint")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "S3 endpoint URL, such as http://127.0.0.1:9000 for MinIO"
                                    + " (floe.s3.endpoint). Unset: the AWS endpoint.");

    public static final ConfigOption<String> S3_BUCKET =
            ConfigOptions.key("s3.bucket")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Bucket of the stream's objects (floe.s3.bucket). Unset: objects are"
                                    + " in the local directory under local-path.");

    public static final ConfigOption<String> S3_PARQUET_BUCKET =
            ConfigOptions.key("s3.parquet-bucket")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Bucket of the Parquet objects, when apart from s3.bucket"
                                    + " (floe.s3.parquet-bucket).");

    public static final ConfigOption<String> S3_ACCESS_KEY =
            ConfigOptions.key("s3.access-key")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "S3 access key (floe.s3.access-key). Unset: the AWS default"
                                    + " credentials chain.");

    public static final ConfigOption<String> S3_SECRET_KEY =
            ConfigOptions.key("s3.secret-key")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("S3 secret key, with s3.access-key (floe.s3.secret-key).");

    public static final ConfigOption<String> ETCD_ENDPOINTS =
            ConfigOptions.key("etcd.endpoints")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "etcd endpoints separated by commas, such as http://127.0.0.1:2379"
                                    + " (floe.etcd.endpoints). Unset: the embedded manifest under"
                                    + " local-path.");

    public static final ConfigOption<String> LOCAL_PATH =
            ConfigOptions.key("local-path")
                    .stringType()
                    .defaultValue(FloeConnectionOptions.LOCAL_PATH.defaultValue())
                    .withDescription(
                            "Directory of the embedded defaults: objects when s3.bucket is unset,"
                                    + " the manifest when etcd.endpoints is unset"
                                    + " (floe.local.path).");

    public static final ConfigOption<StartupMode> SCAN_STARTUP_MODE =
            ConfigOptions.key("scan.startup.mode")
                    .enumType(StartupMode.class)
                    .defaultValue(StartupMode.EARLIEST_OFFSET)
                    .withDescription(
                            "Where a scan starts: 'earliest-offset', 'latest-offset', 'timestamp'"
                                    + " (scan.startup.timestamp-millis), 'specific-offsets'"
                                    + " (scan.startup.specific-offsets) or 'group-offsets' (the"
                                    + " positions stored for scan.consumer-id).");

    public static final ConfigOption<Long> SCAN_STARTUP_TIMESTAMP_MILLIS =
            ConfigOptions.key("scan.startup.timestamp-millis")
                    .longType()
                    .noDefaultValue()
                    .withDescription(
                            "With scan.startup.mode 'timestamp': epoch milliseconds; each"
                                    + " partition starts at its first record at or after it.");

    public static final ConfigOption<String> SCAN_STARTUP_SPECIFIC_OFFSETS =
            ConfigOptions.key("scan.startup.specific-offsets")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "With scan.startup.mode 'specific-offsets': such as"
                                    + " 'partition:0,offset:42;partition:1,offset:300'; other"
                                    + " partitions start at the earliest offset.");

    public static final ConfigOption<BoundedMode> SCAN_BOUNDED_MODE =
            ConfigOptions.key("scan.bounded.mode")
                    .enumType(BoundedMode.class)
                    .defaultValue(BoundedMode.UNBOUNDED)
                    .withDescription(
                            "Where a scan stops: 'unbounded' (follow new commits), 'latest-offset'"
                                    + " (the committed end when the job starts), 'timestamp'"
                                    + " (scan.bounded.timestamp-millis) or 'specific-offsets'"
                                    + " (scan.bounded.specific-offsets). All but 'unbounded' make"
                                    + " a bounded scan.");

    public static final ConfigOption<Long> SCAN_BOUNDED_TIMESTAMP_MILLIS =
            ConfigOptions.key("scan.bounded.timestamp-millis")
                    .longType()
                    .noDefaultValue()
                    .withDescription(
                            "With scan.bounded.mode 'timestamp': epoch milliseconds in the past;"
                                    + " each partition stops after the committed objects holding"
                                    + " records up to it.");

    public static final ConfigOption<String> SCAN_BOUNDED_SPECIFIC_OFFSETS =
            ConfigOptions.key("scan.bounded.specific-offsets")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "With scan.bounded.mode 'specific-offsets': such as"
                                    + " 'partition:0,offset:1000'; each partition stops before"
                                    + " its offset, others at their committed end.");

    public static final ConfigOption<String> SCAN_CONSUMER_ID =
            ConfigOptions.key("scan.consumer-id")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Names the scan in the stream's consumer registry: each completed"
                                    + " checkpoint stores its positions, which"
                                    + " scan.startup.mode 'group-offsets' starts from.");

    public static final ConfigOption<Isolation> SCAN_ISOLATION =
            ConfigOptions.key("scan.isolation")
                    .enumType(Isolation.class)
                    .defaultValue(Isolation.READ_COMMITTED)
                    .withDescription(
                            "'read-committed': only committed records. 'read-uncommitted': also"
                                    + " records writers have not committed yet, from their tails.");

    public static final ConfigOption<DeliveryGuarantee> SINK_DELIVERY_GUARANTEE =
            ConfigOptions.key("sink.delivery-guarantee")
                    .enumType(DeliveryGuarantee.class)
                    .defaultValue(DeliveryGuarantee.EXACTLY_ONCE)
                    .withDescription(
                            "'exactly-once': rows are committed when the checkpoint covering them"
                                    + " completes. 'at-least-once': committed at the barrier;"
                                    + " replayed rows may appear twice.");

    public static final ConfigOption<SinkPartitioner> SINK_PARTITIONER =
            ConfigOptions.key("sink.partitioner")
                    .enumType(SinkPartitioner.class)
                    .defaultValue(SinkPartitioner.SUBTASK)
                    .withDescription(
                            "How each row's partition is chosen: 'subtask' (each sink subtask"
                                    + " writes its own partitions; needs at least as many"
                                    + " partitions as subtasks) or 'key-hash' (a hash of the key"
                                    + " written by key.format; needs key.fields and partitions).");

    public static final ConfigOption<Integer> SINK_PARALLELISM = FactoryUtil.SINK_PARALLELISM;

    public static final ConfigOption<String> KEY_FORMAT =
            ConfigOptions.key("key.format")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Format of record keys, any format factory on the classpath ('raw',"
                                    + " 'json', 'csv', 'avro', ...); needs key.fields. Unset:"
                                    + " keys are not written, and read as the 'key' metadata"
                                    + " column.");

    public static final ConfigOption<List<String>> KEY_FIELDS =
            ConfigOptions.key("key.fields")
                    .stringType()
                    .asList()
                    .defaultValues()
                    .withDescription(
                            "Physical columns that make up the key, separated by ';', in the"
                                    + " key format's order.");

    public static final ConfigOption<String> VALUE_FORMAT =
            ConfigOptions.key("value.format")
                    .stringType()
                    .defaultValue("avro")
                    .withFallbackKeys(FactoryUtil.FORMAT.key())
                    .withDescription(
                            "Format of record values ('format' is the same option). 'avro': the"
                                    + " value columns become the stream's Avro schema and typed"
                                    + " Parquet columns. Any other format factory ('json', 'csv',"
                                    + " 'raw', ...) writes opaque bytes.");

    public static final ConfigOption<ValueFieldsInclude> VALUE_FIELDS_INCLUDE =
            ConfigOptions.key("value.fields-include")
                    .enumType(ValueFieldsInclude.class)
                    .defaultValue(ValueFieldsInclude.ALL)
                    .withDescription(
                            "Physical columns of the value: 'ALL', or 'EXCEPT_KEY' for all but"
                                    + " key.fields.");
}
