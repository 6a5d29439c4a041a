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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.ValidationException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code floe} table factory as the planner sees it: found by its identifier, its options
 * checked with messages naming the table, and its push-downs in the plan. Plans only; nothing runs.
 */
class FloeTableFactoryTest {

    private TableEnvironment sql;

    @BeforeEach
    void environment() {
        sql = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
    }

    @Test
    void aBadOptionValueNamesTheTableTheOptionAndTheAllowedValues() {
        create("t", "id BIGINT", "'scan.startup.mode' = 'beginning'");
        assertThatThrownBy(() -> sql.explainSql("SELECT * FROM t"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("default_catalog.default_database.t")
                .rootCause()
                .hasMessage(
                        "Table default_catalog.default_database.t: option 'scan.startup.mode' ="
                                + " 'beginning' is invalid: it takes one of 'earliest-offset',"
                                + " 'latest-offset', 'timestamp', 'specific-offsets',"
                                + " 'group-offsets'");

        create("w", "id BIGINT", "'sink.partitioner' = 'random'");
        assertThatThrownBy(() -> sql.explainSql("INSERT INTO w VALUES (1)"))
                .rootCause()
                .hasMessageContaining("Table default_catalog.default_database.w")
                .hasMessageContaining("'sink.partitioner' = 'random'")
                .hasMessageContaining("'subtask', 'key-hash'");
    }

    @Test
    void refusesUnknownOptionsButPassesFloeOptionsThrough() {
        create("t", "id BIGINT", "'scan.startup.mod' = 'earliest-offset'");
        assertThatThrownBy(() -> sql.explainSql("SELECT * FROM t"))
                .rootCause()
                .hasMessageContaining("Unsupported options")
                .hasMessageContaining("scan.startup.mod");

        create("p", "id BIGINT", "'floe.source.poll-interval' = '1 s'");
        assertThat(sql.explainSql("SELECT * FROM p")).contains("TableSourceScan");
    }

    @Test
    void refusesKeyOptionsThatDoNotFitTogether() {
        create("t", "id BIGINT, name STRING", "'key.format' = 'raw'");
        assertThatThrownBy(() -> sql.explainSql("SELECT * FROM t"))
                .rootCause()
                .hasMessage(
                        "Table default_catalog.default_database.t: option 'key.format' needs"
                                + " option 'key.fields', the columns of the key");

        create("u", "id BIGINT, name STRING", "'key.format' = 'raw', 'key.fields' = 'nope'");
        assertThatThrownBy(() -> sql.explainSql("SELECT * FROM u"))
                .rootCause()
                .hasMessageContaining("'key.fields' = 'nope' is invalid")
                .hasMessageContaining("the physical columns are [id, name]");

        create("v", "id BIGINT", "'sink.partitioner' = 'key-hash', 'partitions' = '2'");
        assertThatThrownBy(() -> sql.explainSql("INSERT INTO v VALUES (1)"))
                .rootCause()
                .hasMessageContaining("'sink.partitioner' = 'key-hash' is invalid")
                .hasMessageContaining("set 'key.format' and 'key.fields'");
    }

    @Test
    void refusesAvroValueColumnsParquetCannotHold() {
        create("t", "_offset BIGINT", "");
        assertThatThrownBy(() -> sql.explainSql("SELECT * FROM t"))
                .hasStackTraceContaining(
                        "Table default_catalog.default_database.t: its value columns cannot be"
                                + " written with value.format = 'avro'")
                .rootCause()
                .hasMessageContaining("value field '_offset'")
                .hasMessageContaining("clashes with Floe's system column");
    }

    @Test
    void offersTheKeyAsMetadataOnlyWithoutAKeyFormat() {
        create(
                "t",
                "id BIGINT, k BYTES METADATA FROM 'key' VIRTUAL",
                "'key.format' = 'raw', 'key.fields' = 'id'");
        assertThatThrownBy(() -> sql.explainSql("SELECT * FROM t"))
                .hasMessageContaining("Invalid metadata key 'key'");
    }

    @Test
    void showsPushedDownProjectionFiltersAndLimitInThePlan() {
        create(
                "t",
                "id BIGINT, name STRING, amount DOUBLE,"
                        + " part INT METADATA FROM 'partition' VIRTUAL,"
                        + " off BIGINT METADATA FROM 'offset' VIRTUAL",
                "");
        String plan =
                sql.explainSql(
                        "SELECT name, off FROM t WHERE part IN (0, 2) AND off >= 10 AND amount > 1");
        assertThat(plan)
                .contains(
                        "filter=[and(OR(=(CAST(part AS INTEGER), 0), =(CAST(part AS INTEGER), 2)),"
                                + " >=(off, 10))]")
                .contains("project=[name, amount]")
                .contains("where=[(amount > 1)]");

        assertThat(sql.explainSql("SELECT * FROM t LIMIT 5")).contains("limit=[5]");
    }

    @Test
    void takesTheWatermarkStrategyIntoTheScan() {
        create(
                "t",
                "id BIGINT, ts TIMESTAMP_LTZ(3) METADATA FROM 'timestamp',"
                        + " WATERMARK FOR ts AS ts - INTERVAL '1' SECOND",
                "'scan.watermark.alignment.group' = 'g',"
                        + " 'scan.watermark.alignment.max-drift' = '1 min'");
        assertThat(sql.explainSql("SELECT * FROM t")).contains("watermark=[");
    }

    private void create(String table, String columns, String options) {
        sql.executeSql(
                "CREATE TABLE "
                        + table
                        + " ("
                        + columns
                        + ") WITH ('connector' = 'floe'"
                        + (options.isEmpty() ? "" : ", " + options)
                        + ")");
    }
}
