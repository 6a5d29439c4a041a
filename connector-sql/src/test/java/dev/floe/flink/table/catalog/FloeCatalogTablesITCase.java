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

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tables of the {@code floe} catalog written and read through the {@code floe} table factory: a
 * table the catalog creates takes rows from INSERT and gives them back to SELECT, with its typed
 * columns and metadata, on the embedded stores.
 */
class FloeCatalogTablesITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(4)
                            .build());

    @TempDir Path dir;
    private StreamTableEnvironment sql;

    @BeforeEach
    void environment() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(100);
        env.setParallelism(2);
        sql = StreamTableEnvironment.create(env);
        sql.executeSql(
                "CREATE CATALOG floe WITH ('type' = 'floe', 'local-path' = '"
                        + dir.resolve("floe")
                        + "', 'floe.sink.wal.directory' = '"
                        + dir.resolve("wal")
                        + "')");
        sql.useCatalog("floe");
    }

    @Test
    void aTableTheCatalogCreatesTakesInsertsAndGivesThemBack() throws Exception {
        sql.executeSql(
                "CREATE TABLE orders (id BIGINT NOT NULL, customer STRING,"
                        + " amount DECIMAL(10, 2), placed TIMESTAMP_LTZ(3)) WITH ('partitions' ="
                        + " '2')");
        sql.executeSql(
                        "INSERT INTO orders (id, customer, amount, placed) VALUES"
                                + " (1, 'ada', 12.50, TO_TIMESTAMP_LTZ(1000, 3)),"
                                + " (2, 'bob', CAST(NULL AS DECIMAL(10, 2)),"
                                + " TO_TIMESTAMP_LTZ(2000, 3)),"
                                + " (3, CAST(NULL AS STRING), 7.00, TO_TIMESTAMP_LTZ(3000, 3))")
                .await();

        List<Row> rows =
                collect(
                        "SELECT id, customer, amount, placed, `partition`, `offset` FROM orders"
                                + " /*+ OPTIONS('scan.bounded.mode' = 'latest-offset') */");

        assertThat(rows)
                .extracting(r -> Row.of(r.getField(0), r.getField(1), r.getField(2), r.getField(3)))
                .containsExactlyInAnyOrder(
                        Row.of(1L, "ada", new BigDecimal("12.50"), Instant.ofEpochMilli(1000)),
                        Row.of(2L, "bob", null, Instant.ofEpochMilli(2000)),
                        Row.of(3L, null, new BigDecimal("7.00"), Instant.ofEpochMilli(3000)));
        assertThat(rows).extracting(r -> (Integer) r.getField(4)).allMatch(p -> p == 0 || p == 1);
        assertThat(rows).extracting(r -> (Long) r.getField(5)).allMatch(o -> o >= 0 && o < 3);

        // Written again through the catalog's table: the schema the catalog gave the stream is the
        // one the table's rows are written with.
        sql.executeSql(
                        "INSERT INTO orders VALUES (4, 'cy', 1.00, TO_TIMESTAMP_LTZ(4000, 3),"
                                + " TO_TIMESTAMP_LTZ(4000, 3), MAP['trace', ENCODE('t', 'UTF-8')])")
                .await();
        assertThat(
                        collect(
                                "SELECT COUNT(*) FROM orders /*+ OPTIONS('scan.bounded.mode' ="
                                        + " 'latest-offset') */"))
                .last()
                .extracting(r -> r.getField(0))
                .isEqualTo(4L);
    }

    private List<Row> collect(String query) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = sql.executeSql(query).collect()) {
            it.forEachRemaining(rows::add);
        }
        return rows;
    }
}
