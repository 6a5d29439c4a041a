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
package dev.floe.flink.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.wal.admin.FloeAdmin;
import dev.floe.wal.admin.LocalLayout;
import dev.floe.wal.manifest.StreamConfig;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FloeAdmins} opens an admin from the connection options the connectors are given. */
class FloeAdminsTest {

    @TempDir Path dir;

    @Test
    void sharesTheEmbeddedStoresWithTheConnectorsOfTheSameOptions() throws Exception {
        Configuration options = new Configuration();
        options.set(FloeConnectionOptions.LOCAL_PATH, dir.toString());

        try (FloeConnection connectors = FloeConnection.open(options);
                FloeAdmin admin = FloeAdmins.open(options)) {
            admin.createStream(StreamConfig.of("orders", 2));
            assertThat(connectors.manifest().stream("orders")).isPresent();
            assertThat(admin.describe().segments()).contains(LocalLayout.objects(dir).toString());
            assertThat(admin.describe().manifest()).contains(LocalLayout.manifest(dir).toString());
        }
        // Both handles are closed: the embedded manifest opens again.
        try (FloeAdmin admin = FloeAdmins.open(options)) {
            assertThat(admin.streamNames()).containsExactly("orders");
        }
    }

    @Test
    void badOptionsAreNamedBeforeAnythingIsOpened() {
        Configuration parquetOnly = new Configuration();
        parquetOnly.set(FloeConnectionOptions.LOCAL_PATH, dir.toString());
        parquetOnly.set(FloeConnectionOptions.S3_PARQUET_BUCKET, "silver");

        assertThatThrownBy(() -> FloeAdmins.open(parquetOnly))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("floe.s3.parquet-bucket is set but floe.s3.bucket is not");

        Configuration halfCredentials = new Configuration();
        halfCredentials.set(FloeConnectionOptions.S3_BUCKET, "raw");
        halfCredentials.set(FloeConnectionOptions.S3_ACCESS_KEY, "key");
        assertThatThrownBy(() -> FloeConnection.validate(halfCredentials))
                .hasMessageContaining("set both floe.s3.access-key and floe.s3.secret-key");
        assertThat(LocalLayout.objects(dir)).doesNotExist();
    }
}
