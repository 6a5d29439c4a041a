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
package dev.floe.flink.table.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.flink.connection.FloeConnectionOptions;
import dev.floe.flink.sink.FloeRouting;
import dev.floe.flink.sink.FloeSinkOptions;
import dev.floe.flink.source.FloeSourceOptions;
import dev.floe.flink.source.FloeSourceOptions.StartMode;
import dev.floe.flink.source.FloeSourceOptions.StopMode;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.table.api.ValidationException;
import org.junit.jupiter.api.Test;

/** How a table's options become the options of its FloeSource and FloeSink. */
class TableSettingsTest {

    @Test
    void readsTheStreamOfTheTablesNameByDefault() {
        TableSettings settings = settings(Map.of());
        assertThat(settings.stream()).isEqualTo("orders");
        assertThat(settings.sourceOptions().get(FloeSourceOptions.STREAM)).isEqualTo("orders");
        assertThat(settings.sinkOptions().get(FloeSinkOptions.STREAM)).isEqualTo("orders");
        assertThat(settings(Map.of("stream", "orders.v2")).stream()).isEqualTo("orders.v2");
    }

    @Test
    void mapsConnectionOptionsAndPassesFloeOptionsThrough() {
        Configuration source =
                settings(
                                Map.of(
                                        "s3.endpoint", "http://127.0.0.1:9000",
                                        "s3.bucket", "raw",
                                        "s3.parquet-bucket", "curated",
                                        "s3.access-key", "ak",
                                        "s3.secret-key", "sk",
                                        "etcd.endpoints", "http://a:2379, http://b:2379",
                                        "local-path", "/data/floe",
                                        "floe.etcd.namespace", "prod",
                                        "floe.source.poll-interval", "1 s"))
                        .sourceOptions();
        assertThat(source.get(FloeConnectionOptions.S3_ENDPOINT))
                .isEqualTo("http://127.0.0.1:9000");
        assertThat(source.get(FloeConnectionOptions.S3_BUCKET)).isEqualTo("raw");
        assertThat(source.get(FloeConnectionOptions.S3_PARQUET_BUCKET)).isEqualTo("curated");
        assertThat(source.get(FloeConnectionOptions.S3_ACCESS_KEY)).isEqualTo("ak");
        assertThat(source.get(FloeConnectionOptions.S3_SECRET_KEY)).isEqualTo("sk");
        assertThat(source.get(FloeConnectionOptions.ETCD_ENDPOINTS))
                .containsExactly("http://a:2379", "http://b:2379");
        assertThat(source.get(FloeConnectionOptions.LOCAL_PATH)).isEqualTo("/data/floe");
        assertThat(source.get(FloeConnectionOptions.ETCD_NAMESPACE)).isEqualTo("prod");
        assertThat(source.toMap()).containsEntry("floe.source.poll-interval", "1 s");
    }

    @Test
    void mapsStartupAndBoundedModes() {
        Configuration source =
                settings(
                                Map.of(
                                        "scan.startup.mode", "specific-offsets",
                                        "scan.startup.specific-offsets",
                                                "partition:0,offset:42;partition:1,offset:300",
                                        "scan.bounded.mode", "timestamp",
                                        "scan.bounded.timestamp-millis", "5000",
                                        "scan.isolation", "read-uncommitted"))
                        .sourceOptions();
        assertThat(source.get(FloeSourceOptions.START)).isEqualTo(StartMode.OFFSETS);
        assertThat(source.get(FloeSourceOptions.START_OFFSETS))
                .isEqualTo(Map.of("0", "42", "1", "300"));
        assertThat(source.get(FloeSourceOptions.STOP)).isEqualTo(StopMode.TIMESTAMP);
        assertThat(source.get(FloeSourceOptions.STOP_TIMESTAMP)).isEqualTo(5000L);
        assertThat(source.get(FloeSourceOptions.ISOLATION))
                .isEqualTo(FloeSourceOptions.Isolation.READ_UNCOMMITTED);

        source =
                settings(
                                Map.of(
                                        "scan.startup.mode", "group-offsets",
                                        "scan.consumer-id", "reports",
                                        "scan.bounded.mode", "latest-offset"))
                        .sourceOptions();
        assertThat(source.get(FloeSourceOptions.START)).isEqualTo(StartMode.CONSUMER);
        assertThat(source.get(FloeSourceOptions.CONSUMER_ID)).isEqualTo("reports");
        assertThat(source.get(FloeSourceOptions.STOP)).isEqualTo(StopMode.COMMITTED_AT_START);
    }

    @Test
    void mapsSinkOptions() {
        Configuration sink =
                settings(
                                Map.of(
                                        "partitions", "4",
                                        "sink.partitioner", "key-hash",
                                        "sink.delivery-guarantee", "at-least-once"))
                        .sinkOptions();
        assertThat(sink.get(FloeSinkOptions.PARTITIONS)).isEqualTo(4);
        assertThat(sink.get(FloeSinkOptions.PARTITIONER)).isEqualTo(FloeRouting.Mode.KEY_HASH);
        assertThat(sink.get(FloeSinkOptions.DELIVERY_GUARANTEE))
                .isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
    }

    @Test
    void namesTheTableTheOptionAndTheAllowedValues() {
        assertThatThrownBy(() -> settings(Map.of("scan.startup.mode", "earliest")))
                .isInstanceOf(ValidationException.class)
                .hasMessage(
                        "Table cat.db.orders: option 'scan.startup.mode' = 'earliest' is invalid:"
                                + " it takes one of 'earliest-offset', 'latest-offset',"
                                + " 'timestamp', 'specific-offsets', 'group-offsets'");
        assertThatThrownBy(() -> settings(Map.of("sink.delivery-guarantee", "none")))
                .hasMessageContaining("'sink.delivery-guarantee' = 'none'")
                .hasMessageContaining("'exactly-once', 'at-least-once'");
        assertThatThrownBy(() -> settings(Map.of("scan.bounded.mode", "forever")))
                .hasMessageContaining(
                        "'unbounded', 'latest-offset', 'timestamp', 'specific-offsets'");
        assertThatThrownBy(() -> settings(Map.of("sink.partitioner", "round-robin")))
                .hasMessageContaining("'subtask', 'key-hash'");
        assertThatThrownBy(() -> settings(Map.of("scan.isolation", "serializable")))
                .hasMessageContaining("'read-committed', 'read-uncommitted'");
    }

    @Test
    void refusesModesWithoutTheOptionsTheyNeed() {
        assertThatThrownBy(() -> settings(Map.of("scan.startup.mode", "timestamp")))
                .isInstanceOf(ValidationException.class)
                .hasMessage(
                        "Table cat.db.orders: scan.startup.mode = 'timestamp' needs option"
                                + " 'scan.startup.timestamp-millis'");
        assertThatThrownBy(() -> settings(Map.of("scan.bounded.mode", "specific-offsets")))
                .hasMessageContaining("needs option 'scan.bounded.specific-offsets'");
        assertThatThrownBy(() -> settings(Map.of("scan.startup.mode", "group-offsets")))
                .hasMessageContaining("needs option 'scan.consumer-id'");
        assertThatThrownBy(() -> settings(Map.of("sink.partitioner", "key-hash")))
                .hasMessageContaining("'sink.partitioner' = 'key-hash'")
                .hasMessageContaining("set 'partitions'");
    }

    @Test
    void refusesMalformedOffsets() {
        assertThatThrownBy(
                        () ->
                                settings(
                                        Map.of(
                                                "scan.startup.mode", "specific-offsets",
                                                "scan.startup.specific-offsets", "0:42")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'scan.startup.specific-offsets' = '0:42'")
                .hasMessageContaining("'partition:0,offset:42;partition:1,offset:300'");
        assertThatThrownBy(
                        () ->
                                settings(
                                        Map.of(
                                                "scan.startup.mode", "specific-offsets",
                                                "scan.startup.specific-offsets",
                                                        "partition:0,offset:1;partition:0,offset:2")))
                .hasMessageContaining("partition 0 is given twice");
    }

    @Test
    void refusesBadConnectionsInTheTablesTerms() {
        assertThatThrownBy(() -> settings(Map.of("s3.endpoint", "http://127.0.0.1:9000")))
                .isInstanceOf(ValidationException.class)
                .hasMessage(
                        "Table cat.db.orders has an invalid connection: s3.endpoint is set but"
                                + " s3.bucket is not: name the bucket to write to");
        assertThatThrownBy(() -> settings(Map.of("s3.bucket", "a", "floe.s3.bucket", "b")))
                .hasMessageContaining("option 's3.bucket' = 'a' is invalid")
                .hasMessageContaining("set it or floe.s3.bucket, not both");
        assertThatThrownBy(() -> settings(Map.of("stream", "no spaces")))
                .hasMessageContaining("option 'stream' = 'no spaces' is invalid");
        assertThatThrownBy(() -> settings(Map.of("partitions", "0")))
                .hasMessageContaining("a stream needs at least 1 partition");
    }

    private static TableSettings settings(Map<String, String> options) {
        Map<String, String> all = new HashMap<>(options);
        all.put("connector", "floe");
        return TableSettings.of("cat.db.orders", "orders", all);
    }
}
