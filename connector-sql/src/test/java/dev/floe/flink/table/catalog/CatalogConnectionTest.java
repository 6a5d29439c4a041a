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
package dev.floe.flink.table.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.flink.connection.FloeConnectionOptions;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.ValidationException;
import org.junit.jupiter.api.Test;

/** A catalog's options become the stores' {@code floe.*} options and its tables' options. */
class CatalogConnectionTest {

    @Test
    void theTableFactoryKeysSetTheConnectionOptionsAndGoToEveryTable() {
        Map<String, String> options =
                Map.of(
                        "type", "floe",
                        "s3.endpoint", "http://127.0.0.1:9000",
                        "s3.bucket", "raw",
                        "s3.parquet-bucket", "silver",
                        "s3.access-key", "ak",
                        "s3.secret-key", "sk",
                        "etcd.endpoints", "http://a:2379, http://b:2379",
                        "local-path", "/var/floe",
                        "floe.s3.region", "eu-west-1");

        CatalogConnection connection = CatalogConnection.of("c", options);

        Configuration floe = connection.floeOptions();
        assertThat(floe.get(FloeConnectionOptions.S3_ENDPOINT)).isEqualTo("http://127.0.0.1:9000");
        assertThat(floe.get(FloeConnectionOptions.S3_BUCKET)).isEqualTo("raw");
        assertThat(floe.get(FloeConnectionOptions.S3_PARQUET_BUCKET)).isEqualTo("silver");
        assertThat(floe.get(FloeConnectionOptions.S3_ACCESS_KEY)).isEqualTo("ak");
        assertThat(floe.get(FloeConnectionOptions.S3_SECRET_KEY)).isEqualTo("sk");
        assertThat(floe.get(FloeConnectionOptions.ETCD_ENDPOINTS))
                .containsExactly("http://a:2379", "http://b:2379");
        assertThat(floe.get(FloeConnectionOptions.LOCAL_PATH)).isEqualTo("/var/floe");
        assertThat(floe.get(FloeConnectionOptions.S3_REGION)).isEqualTo("eu-west-1");
        assertThat(floe.getOptional(FloeConnectionOptions.ETCD_NAMESPACE))
                .as("the default namespace is left unset, as tables outside the catalog leave it")
                .isEmpty();
        assertThat(connection.namespace()).isEqualTo("default");
        assertThat(connection.tableOptions())
                .containsOnly(
                        Map.entry("s3.endpoint", "http://127.0.0.1:9000"),
                        Map.entry("s3.bucket", "raw"),
                        Map.entry("s3.parquet-bucket", "silver"),
                        Map.entry("s3.access-key", "ak"),
                        Map.entry("s3.secret-key", "sk"),
                        Map.entry("etcd.endpoints", "http://a:2379;http://b:2379"),
                        Map.entry("local-path", "/var/floe"),
                        Map.entry("floe.s3.region", "eu-west-1"));
    }

    @Test
    void noConnectionOptionsMeanTheEmbeddedDefaults() {
        CatalogConnection connection = CatalogConnection.of("c", Map.of("type", "floe"));

        assertThat(connection.floeOptions().toMap()).isEmpty();
        assertThat(connection.tableOptions()).isEmpty();
    }

    @Test
    void anotherNamespaceIsTheDatabaseAndGoesToEveryTable() {
        CatalogConnection connection =
                CatalogConnection.of("c", Map.of("default-database", "analytics"));

        assertThat(connection.namespace()).isEqualTo("analytics");
        assertThat(connection.floeOptions().get(FloeConnectionOptions.ETCD_NAMESPACE))
                .isEqualTo("analytics");
        assertThat(connection.tableOptions()).containsEntry("floe.etcd.namespace", "analytics");
    }

    @Test
    void wrongOptionsAreNamedWithTheCatalog() {
        assertRefused(Map.of("default-database", "a/b"), "Floe catalog 'c': ", "namespace");
        assertRefused(Map.of("floe.s3.bucket", "raw"), "set 's3.bucket', not 'floe.s3.bucket'");
        assertRefused(
                Map.of("floe.etcd.namespace", "x"),
                "set the namespace with 'default-database', not 'floe.etcd.namespace'");
        assertRefused(Map.of("s3.access-key", "ak", "s3.bucket", "raw"), "floe.s3.secret-key");
        assertRefused(Map.of("etcd.endpoints", "127.0.0.1:2379"), "127.0.0.1:2379");
    }

    private static void assertRefused(Map<String, String> options, String... message) {
        assertThatThrownBy(() -> CatalogConnection.of("c", options))
                .isInstanceOf(ValidationException.class)
                .hasMessageContainingAll(message);
    }
}
