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
package dev.floe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.cli.sql.AdHocSql;
import dev.floe.flink.connection.FloeAdmins;
import dev.floe.wal.admin.CommittedParquetObject;
import dev.floe.wal.admin.FloeAdmin;
import dev.floe.wal.admin.LocalLayout;
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.ManifestStores;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.etcd.EtcdManifestConfig;
import dev.floe.wal.object.LocalDirectoryObjectStore;
import dev.floe.wal.testing.EtcdExtension;
import dev.floe.wal.testing.S3ProxyExtension;
import dev.floe.wal.testing.TestStreams;
import dev.floe.wal.tier.CommittedReader;
import dev.floe.wal.tier.TierStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code floe sql} and the {@link AdHocSql} example: DuckDB reads exactly the committed Parquet
 * objects, though superseded and orphan Parquet objects of the same ranges sit next to them.
 */
class FloeSqlITCase {

    private static final String POOLED = "orders-pooled";

    @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();
    @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();

    @TempDir Path tmp;

    /**
     * Partition 0: orders 0..29 in one Parquet object that replaced another (still in the bucket),
     * plus an orphan Parquet copy; partition 1: orders 30..41 in Parquet, 42..46 in a segment.
     */
    private static void writeOrders(TestStreams streams, ManifestStore manifest, TierStores stores)
            throws Exception {
        streams.create("orders", 2, Orders.SCHEMA);
        for (int i = 0; i < 3; i++) {
            streams.commit("orders", 0, Orders.orders(i * 10, 10));
        }
        ObjectDescriptor first = streams.tier("orders", 0, Duration.ofHours(1)).get(0);
        streams.supersede("orders", 0, first, Duration.ofHours(1));
        streams.orphanParquet(
                "orders", 0, new CommittedReader(manifest, stores, "orders", 0).read(0, 30));
        streams.commit("orders", 1, Orders.orders(30, 12));
        streams.tier("orders", 1, Duration.ofHours(1));
        streams.commit("orders", 1, Orders.orders(42, 5));
    }

    /**
     * Stream {@value #POOLED} as a tiering pool leaves it. Orders 0..29, ten a partition, in a
     * shared object that all three partitions swapped in; orders 30..44, five a partition, in a
     * shared object that partition 1 did not swap in, which later tiered its five into an object of
     * its own; orders 45..49 of partition 2 in a segment.
     */
    private static void writePooledOrders(TestStreams streams) throws Exception {
        streams.create(POOLED, 3, Orders.SCHEMA);
        for (int p = 0; p < 3; p++) {
            streams.commit(POOLED, p, Orders.orders(p * 10, 10));
        }
        streams.tierShared(POOLED, List.of(0, 1, 2), Set.of(0, 1, 2), Duration.ofHours(1));
        for (int p = 0; p < 3; p++) {
            streams.commit(POOLED, p, Orders.orders(30 + p * 5, 5));
        }
        streams.tierShared(POOLED, List.of(0, 1, 2), Set.of(0, 2), Duration.ofHours(1));
        streams.tier(POOLED, 1, Duration.ofHours(1));
        streams.commit(POOLED, 2, Orders.orders(45, 5));
    }

    /** What the ready queries return over {@link #writePooledOrders}. */
    private static void assertPooledResults(List<AdHocSql.Result> results) {
        assertThat(results.get(0).rows())
                .containsExactly(
                        List.of(0, 15L, 0L, 14L),
                        List.of(1, 15L, 0L, 14L),
                        List.of(2, 15L, 0L, 14L));
        assertThat(normalise(results.get(1).rows())).isEqualTo(expectedRevenue(0, 45));
    }

    @Test
    void duckDbCountsExactlyTheCommittedParquetRecordsOfALocalStore() throws Exception {
        String namespace = "sql-local-" + ProcessHandle.current().pid();
        Path objects = LocalLayout.objects(tmp);
        try (ManifestStore manifest =
                        ManifestStores.etcd(
                                EtcdManifestConfig.builder()
                                        .endpoints(ETCD.endpoint())
                                        .namespace(namespace)
                                        .build());
                LocalDirectoryObjectStore store = LocalDirectoryObjectStore.open(objects)) {
            TierStores stores = TierStores.single(store);
            writeOrders(new TestStreams(manifest, stores), manifest, stores);
        }
        List<String> flags =
                List.of(
                        "--etcd",
                        ETCD.endpoint(),
                        "--namespace",
                        namespace,
                        "--local-path",
                        tmp.toString());

        CliRun sql = CliRun.run(Map.of(), flags, "sql", "orders");

        assertThat(sql.exit()).as(sql.err()).isZero();
        assertThat(sql.out())
                .contains("-- orders: 2 committed Parquet objects, 42 records")
                .contains("-- not included: 5 committed records still in segment objects")
                .contains(objects.toString())
                .doesNotContain("httpfs");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = db.createStatement()) {
            List<List<Object>> lastResult = runScript(st, sql.out());
            assertThat(count(st, "SELECT count(*) FROM \"orders\"")).isEqualTo(42);
            assertThat(count(st, "SELECT count(DISTINCT (_partition, _offset)) FROM \"orders\""))
                    .isEqualTo(42);
            // A glob over the bucket would also read the superseded and the orphan object.
            assertThat(
                            count(
                                    st,
                                    "SELECT count(*) FROM read_parquet('"
                                            + objects
                                            + "/orders/*/parquet/*.parquet')"))
                    .isEqualTo(102);
            assertThat(lastResult).isEqualTo(expectedRevenue(0, 42));
        }

        Configuration config =
                Configuration.fromMap(
                        Map.of(
                                "floe.etcd.endpoints", ETCD.endpoint(),
                                "floe.etcd.namespace", namespace,
                                "floe.local.path", tmp.toString()));
        try (FloeAdmin admin = FloeAdmins.open(config)) {
            List<AdHocSql.Result> results = AdHocSql.run(admin, config, "orders", false, tmp);
            assertThat(results)
                    .extracting(AdHocSql.Result::title)
                    .containsExactly("records per partition", "revenue per currency");
            assertThat(results.get(0).rows())
                    .containsExactly(List.of(0, 30L, 0L, 29L), List.of(1, 12L, 0L, 11L));
            assertThat(normalise(results.get(1).rows())).isEqualTo(expectedRevenue(0, 42));
        }
    }

    @Test
    void duckDbReadsFromSharedParquetObjectsOnlyTheRowsOfThePartitionsThatSwappedThemIn()
            throws Exception {
        String namespace = "sql-shared-" + ProcessHandle.current().pid();
        Path objects = LocalLayout.objects(tmp);
        try (ManifestStore manifest =
                        ManifestStores.etcd(
                                EtcdManifestConfig.builder()
                                        .endpoints(ETCD.endpoint())
                                        .namespace(namespace)
                                        .build());
                LocalDirectoryObjectStore store = LocalDirectoryObjectStore.open(objects)) {
            writePooledOrders(new TestStreams(manifest, TierStores.single(store)));
        }
        List<String> flags =
                List.of(
                        "--etcd",
                        ETCD.endpoint(),
                        "--namespace",
                        namespace,
                        "--local-path",
                        tmp.toString());

        CliRun sql = CliRun.run(Map.of(), flags, "sql", POOLED);

        assertThat(sql.exit()).as(sql.err()).isZero();
        assertThat(sql.out())
                .contains("-- " + POOLED + ": 3 committed Parquet objects, 45 records")
                .contains("-- 2 of them hold rows of several partitions")
                .contains("-- not included: 5 committed records still in segment objects")
                .contains("filename = '_object'");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = db.createStatement()) {
            List<List<Object>> lastResult = runScript(st, sql.out());
            String view = "\"" + POOLED + "\"";
            assertThat(count(st, "SELECT count(*) FROM " + view)).isEqualTo(45);
            assertThat(count(st, "SELECT count(DISTINCT (_partition, _offset)) FROM " + view))
                    .isEqualTo(45);
            assertThat(count(st, "SELECT count(DISTINCT order_id) FROM " + view)).isEqualTo(45);
            assertThat(count(st, "SELECT max(order_id) FROM " + view)).isEqualTo(44);
            assertThat(count(st, "SELECT count(*) FROM " + view + " WHERE _partition = 1"))
                    .isEqualTo(15);
            assertThat(lastResult).isEqualTo(expectedRevenue(0, 45));
            // Read whole, the second shared object adds partition 1's orders 35..39 again.
            assertThat(
                            count(
                                    st,
                                    "SELECT count(*) FROM read_parquet('"
                                            + objects
                                            + "/"
                                            + POOLED
                                            + "/**/*.parquet')"))
                    .isEqualTo(50);
            assertThat(columnsOf(st, view))
                    .doesNotContain("_object")
                    .startsWith("_offset", "_timestamp", "_key", "_partition", "_headers")
                    .endsWith("order_id", "customer", "amount", "currency", "event_time");
        }

        Configuration config =
                Configuration.fromMap(
                        Map.of(
                                "floe.etcd.endpoints", ETCD.endpoint(),
                                "floe.etcd.namespace", namespace,
                                "floe.local.path", tmp.toString()));
        try (FloeAdmin admin = FloeAdmins.open(config)) {
            assertPooledResults(AdHocSql.run(admin, config, POOLED, false, tmp));
        }
    }

    @Test
    void adHocSqlCopiesTheCommittedObjectsOfAnS3StoreAndFloeSqlPrintsTheHttpfsRoute()
            throws Exception {
        try (S3Etcd env = new S3Etcd(ETCD, S3)) {
            writeOrders(env.streams, env.manifest, env.stores);
            writePooledOrders(env.streams);

            Map<String, String> options = new LinkedHashMap<>();
            options.put("floe.etcd.endpoints", ETCD.endpoint());
            options.put("floe.etcd.namespace", env.namespace);
            options.put("floe.s3.endpoint", S3.endpoint().toString());
            options.put("floe.s3.bucket", env.bucket);
            options.put("floe.s3.access-key", S3.accessKey());
            options.put("floe.s3.secret-key", S3.secretKey());
            Configuration config = Configuration.fromMap(options);
            Path work = tmp.resolve("work");
            try (FloeAdmin admin = FloeAdmins.open(config)) {
                List<AdHocSql.Result> results = AdHocSql.run(admin, config, "orders", false, work);
                assertThat(results.get(0).rows())
                        .containsExactly(List.of(0, 30L, 0L, 29L), List.of(1, 12L, 0L, 11L));
                assertThat(normalise(results.get(1).rows())).isEqualTo(expectedRevenue(0, 42));
                // Each shared object is copied once, under its key.
                assertPooledResults(AdHocSql.run(admin, config, POOLED, false, work));
                try (Stream<Path> copies = Files.walk(work.resolve(POOLED))) {
                    assertThat(copies.filter(Files::isRegularFile)).hasSize(3);
                }
            }

            CliRun sql = env.floe("sql", "orders");
            assertThat(sql.exit()).as(sql.err()).isZero();
            String endpoint = S3.endpoint().getHost() + ":" + S3.endpoint().getPort();
            assertThat(sql.out())
                    .contains("INSTALL httpfs;\nLOAD httpfs;\n")
                    .contains(
                            "CREATE OR REPLACE SECRET floe_s3 (TYPE s3, KEY_ID '"
                                    + S3.accessKey()
                                    + "', SECRET '"
                                    + S3.secretKey()
                                    + "', REGION 'us-east-1', ENDPOINT '"
                                    + endpoint
                                    + "', URL_STYLE 'path', USE_SSL false);")
                    .contains("'s3://" + env.bucket + "/orders/00000/parquet/")
                    .contains("'s3://" + env.bucket + "/orders/00001/parquet/");
            for (ObjectDescriptor o : env.streams.objects("orders", 0)) {
                assertThat(sql.out()).contains("s3://" + env.bucket + "/" + o.key());
            }
            assertThat(sql.out().split("'s3://", -1)).hasSize(3);
            String pooled = env.floe("sql", POOLED).out();
            for (CommittedParquetObject o :
                    FloeAdmin.over(env.stores, env.manifest).committedParquet(POOLED).objects()) {
                assertThat(pooled.split(Pattern.quote("'s3://" + env.bucket + "/" + o.key() + "'")))
                        .as("mentions of %s", o.key())
                        .hasSize(o.shared() ? 3 : 2);
            }
            assertThat(env.floe("sql", "orders", "--redact").out())
                    .contains("SECRET '<secret key>'")
                    .doesNotContain(S3.secretKey());
        }
    }

    /** Runs the statements of a {@code floe sql} script; returns the rows of the last query. */
    private static List<List<Object>> runScript(Statement st, String script) throws SQLException {
        StringBuilder body = new StringBuilder();
        for (String line : script.lines().toList()) {
            if (!line.startsWith("--")) {
                body.append(line).append('\n');
            }
        }
        List<List<Object>> rows = new ArrayList<>();
        for (String statement : body.toString().split(";\n")) {
            if (statement.isBlank()) {
                continue;
            }
            if (st.execute(statement)) {
                rows = new ArrayList<>();
                try (ResultSet rs = st.getResultSet()) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        List<Object> row = new ArrayList<>();
                        for (int i = 1; i <= columns; i++) {
                            row.add(rs.getObject(i));
                        }
                        rows.add(row);
                    }
                }
            }
        }
        return normalise(rows);
    }

    /** Currency, order count and revenue of orders {@code [from, to)}, by revenue descending. */
    private static List<List<Object>> expectedRevenue(int from, int to) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, Double> revenue = new LinkedHashMap<>();
        for (int id = from; id < to; id++) {
            String c = Orders.CURRENCIES[id % 3];
            counts.computeIfAbsent(c, k -> new long[1])[0]++;
            revenue.merge(c, id + 0.5, Double::sum);
        }
        List<List<Object>> rows = new ArrayList<>();
        revenue.entrySet().stream()
                .sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
                .forEach(
                        e ->
                                rows.add(
                                        List.of(
                                                e.getKey(),
                                                counts.get(e.getKey())[0],
                                                e.getValue())));
        return rows;
    }

    private static List<List<Object>> normalise(List<List<Object>> rows) {
        List<List<Object>> out = new ArrayList<>();
        for (List<Object> row : rows) {
            List<Object> r = new ArrayList<>();
            for (Object v : row) {
                r.add(
                        v instanceof Number n && !(v instanceof Long) && !(v instanceof Integer)
                                ? n.doubleValue()
                                : v);
            }
            out.add(r);
        }
        return out;
    }

    private static List<String> columnsOf(Statement st, String relation) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("DESCRIBE " + relation)) {
            while (rs.next()) {
                columns.add(rs.getString(1));
            }
        }
        return columns;
    }

    private static long count(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
