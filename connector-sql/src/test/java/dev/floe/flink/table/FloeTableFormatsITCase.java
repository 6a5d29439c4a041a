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

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.wal.testing.EtcdExtension;
import dev.floe.wal.testing.S3ProxyExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rows from Flink's datagen connector written into Floe tables with {@code INSERT} and read back
 * equal with {@code SELECT}, in each value format, on a real etcd and S3 server.
 */
class FloeTableFormatsITCase {

    @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();
    @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(4)
                            .build());

    private static final int ROWS = 500;
    @TempDir static Path wal;
    private static RealStores stores;
    private StreamTableEnvironment sql;

    @BeforeAll
    static void stores() {
        stores = new RealStores(ETCD, S3, "sql-formats");
    }

    @BeforeEach
    void environment() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(100);
        env.setParallelism(2);
        sql = StreamTableEnvironment.create(env);
        sql.executeSql(
                "CREATE TABLE ids (id BIGINT) WITH ('connector' = 'datagen', 'number-of-rows' = '"
                        + ROWS
                        + "', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1',"
                        + " 'fields.id.end' = '"
                        + ROWS
                        + "')");
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "csv", "avro"})
    void rowsComeBackEqual(String format) throws Exception {
        String table = "rows_" + format;
        create(table, "id BIGINT, name STRING, score DOUBLE, even BOOLEAN", format);
        sql.executeSql(
                        "INSERT INTO "
                                + table
                                + " SELECT id, CONCAT('name-', CAST(id AS STRING)), id * 0.5,"
                                + " MOD(id, 2) = 0 FROM ids")
                .await();

        assertThat(collect("SELECT * FROM " + table))
                .containsExactlyInAnyOrderElementsOf(
                        LongStream.rangeClosed(1, ROWS)
                                .mapToObj(i -> Row.of(i, "name-" + i, i * 0.5, i % 2 == 0))
                                .toList());
    }

    @Test
    void rawValuesComeBackEqual() throws Exception {
        create("lines", "line STRING", "raw");
        sql.executeSql("INSERT INTO lines SELECT CONCAT('line ', CAST(id AS STRING)) FROM ids")
                .await();

        assertThat(collect("SELECT line FROM lines"))
                .containsExactlyInAnyOrderElementsOf(
                        LongStream.rangeClosed(1, ROWS)
                                .mapToObj(i -> Row.of("line " + i))
                                .toList());
    }

    private void create(String table, String columns, String format) {
        sql.executeSql(
                "CREATE TABLE "
                        + table
                        + " ("
                        + columns
                        + ") WITH ('connector' = 'floe', 'value.format' = '"
                        + format
                        + "', 'partitions' = '2', 'scan.bounded.mode' = 'latest-offset', "
                        + stores.tableOptions(wal)
                        + ")");
    }

    private List<Row> collect(String query) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = sql.executeSql(query).collect()) {
            it.forEachRemaining(rows::add);
        }
        return rows;
    }
}
