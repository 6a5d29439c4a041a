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
package dev.floe.cli.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.flink.connection.ConnectionArguments;
import dev.floe.flink.connection.ConnectionResolver;
import dev.floe.flink.connection.ConnectionSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What clients of {@code floe iceberg-rest} are told about the bucket. */
class IcebergRestCatalogsTest {

    @Test
    void clientsLearnWhereTheBucketIsButNotItsCredentials() {
        ConnectionSettings s3 =
                settings(
                        Map.of(
                                "FLOE_S3_ENDPOINT", "http://127.0.0.1:9000",
                                "FLOE_S3_BUCKET", "floe-raw",
                                "FLOE_S3_ACCESS_KEY", "floe-access",
                                "FLOE_S3_SECRET_KEY", "floe-secret-key"));

        assertThat(IcebergRestCatalogs.clientDefaults(s3))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(
                                "s3.endpoint", "http://127.0.0.1:9000",
                                "s3.path-style-access", "true",
                                "client.region", "us-east-1"));
    }

    @Test
    void theLocalDirectoryStoreGivesClientsNothing() {
        assertThat(IcebergRestCatalogs.clientDefaults(settings(Map.of()))).isEmpty();
    }

    private static ConnectionSettings settings(Map<String, String> env) {
        return ConnectionResolver.of(env)
                .resolve(ConnectionArguments.extractFrom(ConnectionArguments.NO_ENDPOINTS_FILE));
    }
}
