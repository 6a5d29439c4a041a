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
package dev.floe.wal.tier.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.wal.record.LoggedRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** DuckDB, an engine that knows nothing of Floe, reads the objects Floe writes. */
class ParquetObjectDuckDbTest {

    private static final Logger LOG = LoggerFactory.getLogger(ParquetObjectDuckDbTest.class);

    @TempDir Path dir;

    private Path write(
            String name, ParquetObjectSchema schema, long count, LongFunction<LoggedRecord> records)
            throws IOException {
        Path file = dir.resolve(name);
        ParquetObjectOptions options =
                ParquetObjectOptions.builder()
                        .rowGroupBytes(256 * 1024)
                        .pageBytes(64 * 1024)
                        .build();
        try (OutputStream out = Files.newOutputStream(file);
                ParquetObjectWriter writer =
                        ParquetObjectWriter.open(out, name, schema, 7, options)) {
            for (long offset = 0; offset < count; offset++) {
                writer.write(records.apply(offset));
            }
            writer.finish();
        }
        return file;
    }

    private static Map<String, String> describe(Statement sql, Path file) throws SQLException {
        Map<String, String> types = new LinkedHashMap<>();
        try (ResultSet rs =
                sql.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + file + "')")) {
            while (rs.next()) {
                types.put(rs.getString("column_name"), rs.getString("column_type"));
            }
        }
        LOG.info("DuckDB sees {} as {}", file.getFileName(), types);
        return types;
    }

    private static long count(Statement sql, String query) throws SQLException {
        try (ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void duckDbReadsATypedObjectWithNestedColumns() throws Exception {
        Path file =
                write(
                        "typed.parquet",
                        ParquetObjectSchema.forValueSchema(TestRecords.ORDER_SCHEMA),
                        5_000,
                        TestRecords::typed);

        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = db.createStatement()) {
            Map<String, String> types = describe(sql, file);
            assertThat(types)
                    .containsEntry("_offset", "BIGINT")
                    .containsEntry("_timestamp", "TIMESTAMP WITH TIME ZONE")
                    .containsEntry("_key", "BLOB")
                    .containsEntry("_partition", "INTEGER")
                    .containsEntry("_headers", "MAP(VARCHAR, BLOB)")
                    .containsEntry("id", "INTEGER")
                    .containsEntry("quantity", "BIGINT")
                    .containsEntry("price", "DOUBLE")
                    .containsEntry("ratio", "FLOAT")
                    .containsEntry("paid", "BOOLEAN")
                    .containsEntry("customer", "VARCHAR")
                    .containsEntry("blob", "BLOB")
                    .containsEntry("note", "VARCHAR")
                    .containsEntry("created", "TIMESTAMP WITH TIME ZONE")
                    .containsEntry("status", "VARCHAR")
                    .containsEntry(
                            "address",
                            "STRUCT(street VARCHAR, zip INTEGER, geo STRUCT(lat DOUBLE, lon DOUBLE))")
                    .containsEntry("tags", "VARCHAR[]")
                    .containsEntry("scores", "INTEGER[]")
                    .containsEntry("lines", "STRUCT(sku VARCHAR, n INTEGER)[]")
                    .containsEntry("attributes", "MAP(VARCHAR, VARCHAR)")
                    .containsEntry("counters", "MAP(VARCHAR, BIGINT)");
            assertThat(types.keySet())
                    .startsWith("_offset", "_timestamp", "_key", "_partition", "_headers", "id");

            String from = " FROM read_parquet('" + file + "')";
            assertThat(count(sql, "SELECT count(*)" + from)).isEqualTo(5_000);
            assertThat(count(sql, "SELECT count(DISTINCT _offset)" + from)).isEqualTo(5_000);
            assertThat(count(sql, "SELECT max(_offset)" + from)).isEqualTo(4_999);
            assertThat(count(sql, "SELECT count(*)" + from + " WHERE _partition <> 7")).isZero();
            assertThat(count(sql, "SELECT count(*)" + from + " WHERE note IS NULL"))
                    .isEqualTo(1_667);

            try (ResultSet rs =
                    sql.executeQuery(
                            "SELECT _offset, epoch_ms(_timestamp), decode(_key), decode(_headers['trace']),"
                                    + " _headers['empty'] IS NULL, customer, note, status,"
                                    + " address.street, address.zip, address.geo.lat, len(tags),"
                                    + " attributes['z-key-4'], counters['b'], counters['a'],"
                                    + " lines[1].sku, scores[3], epoch_ms(created)"
                                    + from
                                    + " WHERE _offset IN (0, 1234) ORDER BY _offset")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isZero();
                assertThat(rs.getLong(2)).isEqualTo(TestRecords.timestampOf(0));
                assertThat(rs.getString(3)).isNull();
                assertThat(rs.getString(4)).isEqualTo("t0");
                assertThat(rs.getBoolean(5)).isTrue();
                assertThat(rs.getString(6)).isEqualTo("customer-0-é");
                assertThat(rs.getString(7)).isNull();
                assertThat(rs.getString(8)).isEqualTo("NEW");
                assertThat(rs.getString(9)).isEqualTo("Main St 0");
                assertThat(rs.getObject(10)).isNull();
                assertThat(rs.getObject(11)).isNull();
                assertThat(rs.getInt(12)).isZero();
                assertThat(rs.getString(13)).isNull();
                assertThat(rs.getObject(14)).isNull();

                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(1234);
                assertThat(rs.getLong(2)).isEqualTo(TestRecords.timestampOf(1234));
                assertThat(rs.getString(3)).isEqualTo("key-234");
                assertThat(rs.getString(6)).isEqualTo("customer-34-é");
                assertThat(rs.getString(7)).isEqualTo("note 1234");
                assertThat(rs.getString(8)).isEqualTo("PAID");
                assertThat(rs.getInt(10)).isEqualTo(11_234);
                assertThat(rs.getObject(11)).isNull();
                assertThat(rs.getInt(12)).isEqualTo(2);
                assertThat(rs.getString(13)).isEqualTo("v0");
                assertThat(rs.getLong(14)).isEqualTo(1234);
                assertThat(rs.getObject(15)).isNull();
                assertThat(rs.getString(16)).isEqualTo("sku-0");
                assertThat(rs.getInt(17)).isEqualTo(1234);
                assertThat(rs.getLong(18)).isEqualTo(1_700_000_000_000L + 1234);
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void duckDbReadsABytesValuedObject() throws Exception {
        Path file =
                write(
                        "bytes.parquet",
                        ParquetObjectSchema.bytesValued(),
                        20_000,
                        o -> TestRecords.bytes(o, 100));

        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = db.createStatement()) {
            Map<String, String> types = describe(sql, file);
            assertThat(types)
                    .containsExactly(
                            Map.entry("_offset", "BIGINT"),
                            Map.entry("_timestamp", "TIMESTAMP WITH TIME ZONE"),
                            Map.entry("_key", "BLOB"),
                            Map.entry("_partition", "INTEGER"),
                            Map.entry("_headers", "MAP(VARCHAR, BLOB)"),
                            Map.entry("_value", "BLOB"));
            String from = " FROM read_parquet('" + file + "')";
            assertThat(count(sql, "SELECT count(*)" + from)).isEqualTo(20_000);
            assertThat(count(sql, "SELECT sum(octet_length(_value))" + from)).isEqualTo(2_000_000);
            assertThat(count(sql, "SELECT count(*)" + from + " WHERE _key IS NULL"))
                    .isEqualTo(6_667);
            try (ResultSet rs = sql.executeQuery("SELECT _value" + from + " WHERE _offset = 777")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBytes(1)).isEqualTo(TestRecords.bytes(777, 100).value());
            }
            assertThat(count(sql, "SELECT count(*)" + from + " WHERE cardinality(_headers) = 3"))
                    .isEqualTo(5_000);
            assertThat(count(sql, "SELECT count(*)" + from + " WHERE cardinality(_headers) = 0"))
                    .isEqualTo(15_000);
            assertThat(
                            count(
                                    sql,
                                    "SELECT count(*) FROM (SELECT unnest(map_values(_headers)) v"
                                            + from
                                            + ") WHERE v IS NULL"))
                    .isEqualTo(5_000);
            try (ResultSet rs =
                    sql.executeQuery(
                            "SELECT array_to_string(map_keys(_headers), ','),"
                                    + " decode(_key), decode(map_extract_value(_headers, 'trace'))"
                                    + from
                                    + " WHERE _offset = 4004")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("trace,empty,a");
                assertThat(rs.getString(2)).isEqualTo("key-4");
                assertThat(rs.getString(3)).isEqualTo("t4004");
            }
        }
    }
}
