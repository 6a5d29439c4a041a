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
package dev.floe.flink.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.flink.connection.FloeConnectionOptions;
import java.net.URI;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.junit.jupiter.api.Test;

/** What {@link FloeSinkBuilder} accepts, and the words it uses for what it refuses. */
class FloeSinkBuilderTest {

    private static FloeSinkBuilder<String> valid() {
        return FloeSink.<String>builder().stream("orders")
                .serializer(FloeRecordSerializers.strings());
    }

    @Test
    void buildsWithDefaultsThatMatchTheDocumentedOnes() {
        Configuration config = valid().build().configuration();
        assertThat(config.get(FloeSinkOptions.DELIVERY_GUARANTEE))
                .isEqualTo(DeliveryGuarantee.EXACTLY_ONCE);
        assertThat(config.get(FloeSinkOptions.TIER_TARGET_SIZE))
                .isEqualTo(MemorySize.parse("128mb"));
        assertThat(config.get(FloeSinkOptions.WAL_GROUP_COMMIT_MAX_WAIT))
                .isEqualTo(Duration.ofMillis(2));
        assertThat(config.getOptional(FloeConnectionOptions.S3_BUCKET)).isEmpty();
    }

    @Test
    void namesWhatIsMissing() {
        assertThatThrownBy(
                        () ->
                                FloeSink.<String>builder()
                                        .serializer(FloeRecordSerializers.strings())
                                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Name the stream");
        assertThatThrownBy(() -> FloeSink.<String>builder().stream("orders").build())
                .hasMessageContaining("Set a serializer");
        assertThatThrownBy(() -> valid().routing(FloeRouting.byKeyHash()).build())
                .hasMessageContaining("KEY_HASH routing needs the number of partitions")
                .hasMessageContaining(FloeSinkOptions.PARTITIONS.key());
        assertThatThrownBy(
                        () ->
                                valid().set(FloeSinkOptions.PARTITIONER, FloeRouting.Mode.KEY_HASH)
                                        .build())
                .hasMessageContaining("needs the number of partitions");
        assertThatThrownBy(
                        () ->
                                valid().partitions(4)
                                        .set(FloeSinkOptions.PARTITIONER, FloeRouting.Mode.CUSTOM)
                                        .build())
                .hasMessageContaining("floe.sink.partitioner = CUSTOM needs a partitioner");
    }

    @Test
    void routingIsAnOptionTheBuilderSets() {
        FloeSink<String> custom =
                valid().partitions(4)
                        .routing(FloeRouting.custom((element, partitions) -> 1))
                        .build();
        assertThat(custom.configuration().get(FloeSinkOptions.PARTITIONER))
                .isEqualTo(FloeRouting.Mode.CUSTOM);

        Configuration flink = new Configuration();
        flink.setString("floe.sink.partitioner", "KEY_HASH");
        flink.setString("floe.sink.partitions", "4");
        assertThat(
                        valid().configure(flink)
                                .build()
                                .configuration()
                                .get(FloeSinkOptions.PARTITIONER))
                .isEqualTo(FloeRouting.Mode.KEY_HASH);
        assertThat(valid().build().configuration().get(FloeSinkOptions.PARTITIONER))
                .isEqualTo(FloeRouting.Mode.BY_SUBTASK);
    }

    @Test
    void createStreamIfAbsentIsTheCreateStreamOption() {
        assertThat(valid().build().configuration().get(FloeSinkOptions.CREATE_STREAM)).isTrue();
        assertThat(
                        valid().createStreamIfAbsent(false)
                                .build()
                                .configuration()
                                .get(FloeSinkOptions.CREATE_STREAM))
                .isFalse();
    }

    @Test
    void refusesBadValuesNamingTheOption() {
        assertThatThrownBy(() -> valid().stream("no spaces"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no spaces");
        assertThatThrownBy(() -> valid().partitions(0)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> valid().deliveryGuarantee(DeliveryGuarantee.NONE))
                .hasMessageContaining("EXACTLY_ONCE or AT_LEAST_ONCE");
        assertThatThrownBy(() -> valid().set(FloeSinkOptions.COMMIT_TIMEOUT, Duration.ZERO).build())
                .hasMessageContaining(FloeSinkOptions.COMMIT_TIMEOUT.key());
        assertThatThrownBy(() -> valid().set(FloeSinkOptions.TIER_THREADS, 0).build())
                .hasMessageContaining("floe.sink.tier.threads must be at least 1, got 0");
        assertThatThrownBy(() -> valid().set(FloeSinkOptions.TIER_STREAMING_PARTITIONS, -1).build())
                .hasMessageContaining(FloeSinkOptions.TIER_STREAMING_PARTITIONS.key());
        assertThatThrownBy(() -> valid().set(FloeSinkOptions.WAL_IO_THREADS, 0).build())
                .hasMessageEndingWith("floe.sink.wal.io-threads must be at least 1, got 0");
        assertThatThrownBy(
                        () ->
                                valid().set(
                                                FloeConnectionOptions.S3_ENDPOINT,
                                                "http://127.0.0.1:9000")
                                        .build())
                .hasMessageContaining(FloeConnectionOptions.S3_BUCKET.key());
        assertThatThrownBy(
                        () ->
                                valid().s3(URI.create("http://127.0.0.1:9000"), "raw")
                                        .set(FloeConnectionOptions.S3_ACCESS_KEY, "key")
                                        .build())
                .hasMessageContaining(FloeConnectionOptions.S3_SECRET_KEY.key());
        assertThatThrownBy(
                        () ->
                                valid().s3(URI.create("http://127.0.0.1:9000"), "raw")
                                        .set(
                                                FloeConnectionOptions.S3_PART_SIZE,
                                                MemorySize.parse("1mb"))
                                        .build())
                .hasMessageContaining(FloeConnectionOptions.S3_PART_SIZE.key());
        assertThatThrownBy(
                        () ->
                                valid().set(
                                                FloeSinkOptions.WAL_SEGMENT_SIZE,
                                                MemorySize.parse("1kb"))
                                        .build())
                .hasMessageContaining("Invalid Floe sink");
    }

    @Test
    void takesFloeOptionsFromAFlinkConfiguration() {
        Configuration flink = new Configuration();
        flink.setString("floe.sink.stream", "clicks");
        flink.setString("floe.sink.delivery-guarantee", "at-least-once");
        flink.setString("floe.s3.bucket", "raw");
        flink.setString("parallelism.default", "4");
        Configuration config =
                FloeSink.<String>builder()
                        .configure(flink)
                        .serializer(FloeRecordSerializers.strings())
                        .build()
                        .configuration();
        assertThat(config.get(FloeSinkOptions.STREAM)).isEqualTo("clicks");
        assertThat(config.get(FloeSinkOptions.DELIVERY_GUARANTEE))
                .isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
        assertThat(config.get(FloeConnectionOptions.S3_BUCKET)).isEqualTo("raw");
        assertThat(config.containsKey("parallelism.default")).isFalse();

        flink.setString("floe.sink.delivery-guarantee", "sometimes");
        assertThatThrownBy(
                        () ->
                                FloeSink.<String>builder()
                                        .configure(flink)
                                        .serializer(FloeRecordSerializers.strings())
                                        .build())
                .hasMessageContaining("floe.sink.delivery-guarantee");
    }

    @Test
    void aTailCertificateWithoutItsKeyFailsWhenTheSinkIsBuilt() {
        assertThatThrownBy(
                        () ->
                                valid().set(
                                                FloeSinkOptions.TAIL_TLS_CERT_FILE,
                                                "/etc/floe/tail.pem")
                                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(
                        "floe.sink.tail.tls.cert-file is set but floe.sink.tail.tls.key-file is"
                                + " not");
    }
}
