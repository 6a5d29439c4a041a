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

import dev.floe.flink.connection.FloeAdmins;
import dev.floe.flink.connection.FloeConnection;
import dev.floe.flink.connection.FloeConnectionOptions;
import dev.floe.wal.admin.FloeAdmin;
import dev.floe.wal.manifest.PartitionClaim;
import dev.floe.wal.testing.EtcdExtension;
import dev.floe.wal.testing.S3ProxyExtension;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CollectionUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@code floe} catalog on a real etcd and S3 server: namespaces, DDL and writer claims. */
class FloeCatalogITCase {

    @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();
    @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();

    private static final String BUCKET = "catalog";

    private TableEnvironment env;

    @BeforeAll
    static void createBucket() {
        S3.createBucket(BUCKET);
    }

    @BeforeEach
    void createEnvironment() {
        env = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
    }

    @AfterEach
    void dropCatalogs() {
        env.executeSql("DROP CATALOG IF EXISTS sales");
        env.executeSql("DROP CATALOG IF EXISTS analytics");
    }

    @Test
    void eachCatalogShowsItsOwnNamespace() throws Exception {
        env.executeSql(createCatalog("sales", "")).await();
        env.executeSql(
                        createCatalog(
                                "analytics",
                                ", 'default-database' = 'analytics',"
                                        + " 'floe.s3.key-prefix' = 'analytics/'"))
                .await();

        env.executeSql("CREATE TABLE sales.`default`.orders (id BIGINT, amount DOUBLE)").await();
        env.executeSql(
                        "CREATE TABLE analytics.analytics.orders (id BIGINT, region STRING)"
                                + " WITH ('partitions' = '2')")
                .await();

        assertThat(rows("SHOW DATABASES IN analytics")).containsExactly(Row.of("analytics"));
        assertThat(columns("sales.`default`.orders")).startsWith("id", "amount", "offset");
        assertThat(columns("analytics.analytics.orders")).startsWith("id", "region", "offset");
        try (FloeAdmin sales = FloeAdmins.open(connection(""));
                FloeAdmin analytics = FloeAdmins.open(connection("analytics"))) {
            assertThat(sales.stream("orders").partitions()).isEqualTo(1);
            assertThat(analytics.stream("orders").partitions()).isEqualTo(2);

            env.executeSql("DROP TABLE analytics.analytics.orders").await();

            assertThat(analytics.streamNames()).isEmpty();
            assertThat(sales.streamNames()).containsExactly("orders");
        }
    }

    @Test
    void dropTableWaitsForTheWriterOfAPartitionToLetGo() throws Exception {
        env.executeSql(createCatalog("sales", "")).await();
        env.executeSql("CREATE TABLE sales.`default`.clicks (url STRING)").await();

        try (FloeConnection stores = FloeConnection.open(connection(""));
                PartitionClaim claim =
                        stores.manifest().acquire("clicks", 0, "job-3", Duration.ofSeconds(30))) {
            assertThatThrownBy(() -> env.executeSql("DROP TABLE sales.`default`.clicks"))
                    .hasStackTraceContaining("partition 0 by job-3");
        }
        env.executeSql("DROP TABLE sales.`default`.clicks").await();
        assertThat(rows("SHOW TABLES IN sales.`default`")).isEmpty();
    }

    @Test
    void aCatalogOverABucketThatDoesNotExistFailsWhenCreated() {
        String missing = createCatalog("sales", "").replace("'" + BUCKET + "'", "'no-such-bucket'");

        assertThatThrownBy(() -> env.executeSql(missing))
                .hasStackTraceContaining("cannot open Floe catalog sales")
                .hasStackTraceContaining("no-such-bucket");
    }

    private static String createCatalog(String name, String moreOptions) {
        return "CREATE CATALOG "
                + name
                + " WITH ('type' = 'floe', 'etcd.endpoints' = '"
                + ETCD.endpoint()
                + "', 's3.endpoint' = '"
                + S3.endpoint()
                + "', 's3.bucket' = '"
                + BUCKET
                + "', 's3.access-key' = '"
                + S3.accessKey()
                + "', 's3.secret-key' = '"
                + S3.secretKey()
                + "'"
                + moreOptions
                + ")";
    }

    /** The connection options of a catalog of {@code namespace} ("" for the default one). */
    private static Configuration connection(String namespace) {
        Configuration options = new Configuration();
        options.set(FloeConnectionOptions.ETCD_ENDPOINTS, List.of(ETCD.endpoint()));
        options.set(FloeConnectionOptions.S3_ENDPOINT, S3.endpoint().toString());
        options.set(FloeConnectionOptions.S3_BUCKET, BUCKET);
        options.set(FloeConnectionOptions.S3_ACCESS_KEY, S3.accessKey());
        options.set(FloeConnectionOptions.S3_SECRET_KEY, S3.secretKey());
        if (!namespace.isEmpty()) {
            options.set(FloeConnectionOptions.ETCD_NAMESPACE, namespace);
            options.set(FloeConnectionOptions.S3_KEY_PREFIX, namespace + "/");
        }
        return options;
    }

    private List<Row> rows(String sql) {
        return CollectionUtil.iteratorToList(env.executeSql(sql).collect());
    }

    private List<Object> columns(String table) {
        return rows("DESCRIBE " + table).stream().map(r -> r.getField(0)).toList();
    }
}
