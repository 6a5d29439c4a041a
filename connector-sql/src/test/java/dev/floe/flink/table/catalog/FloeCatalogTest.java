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
import dev.floe.wal.manifest.SchemaVersion;
import dev.floe.wal.manifest.StreamConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.catalog.Catalog;
import org.apache.flink.table.catalog.CatalogBaseTable;
import org.apache.flink.table.catalog.CatalogTable;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.types.Row;
import org.apache.flink.util.CollectionUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code floe} catalog in a TableEnvironment, on the embedded stores in a temporary directory:
 * what SHOW and DESCRIBE show of streams, and the streams CREATE, ALTER and DROP TABLE change.
 */
class FloeCatalogTest {

    private static final String ORDER_SCHEMA =
            """
            {"type": "record", "name": "Order", "namespace": "com.example", "fields": [
              {"name": "id", "type": "long"},
              {"name": "customer", "type": ["null", "string"], "default": null},
              {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal",
                                          "precision": 10, "scale": 2}},
              {"name": "placed_at", "type": {"type": "long", "logicalType": "timestamp-millis"}},
              {"name": "tags", "type": {"type": "array", "items": "string"}}
            ]}""";

    private static final String TABLES = "floe.`default`.";

    @TempDir Path dir;

    private Configuration connection;
    private TableEnvironment env;
    private FloeAdmin admin;

    @BeforeEach
    void createCatalog() throws Exception {
        env = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        env.executeSql("CREATE CATALOG floe WITH ('type' = 'floe', 'local-path' = '" + dir + "')");
        connection = new Configuration();
        connection.set(FloeConnectionOptions.LOCAL_PATH, dir.toString());
        // Shares the catalog's embedded stores: same connection options.
        admin = FloeAdmins.open(connection);
    }

    @AfterEach
    void dropCatalog() {
        env.executeSql("DROP CATALOG IF EXISTS floe");
        admin.close();
    }

    @Test
    void showsItsNamespaceAsTheOneDatabaseAndItsStreamsAsTables() {
        admin.createStream(new StreamConfig("orders", 2, ORDER_SCHEMA, Map.of()));
        admin.createStream(StreamConfig.of("raw-events", 1));

        assertThat(rows("SHOW DATABASES IN floe")).containsExactly(Row.of("default"));
        assertThat(rows("SHOW TABLES IN floe.`default`"))
                .containsExactly(Row.of("orders"), Row.of("raw-events"));
        assertThat(rows("SHOW VIEWS IN floe.`default`")).isEmpty();
        assertThat(rows("SHOW FUNCTIONS IN floe.`default`"))
                .as("only Flink's own functions")
                .doesNotContain(Row.of("orders"));
    }

    @Test
    void describesATypedStreamAsItsAvroFieldsThenTheMetadataColumns() {
        admin.createStream(new StreamConfig("orders", 2, ORDER_SCHEMA, Map.of()));

        assertThat(rows("DESCRIBE " + TABLES + "orders"))
                .containsExactly(
                        column("id", "BIGINT", false, null),
                        column("customer", "STRING", true, null),
                        column("amount", "DECIMAL(10, 2)", false, null),
                        column("placed_at", "TIMESTAMP_LTZ(3)", false, null),
                        column("tags", "ARRAY<STRING NOT NULL>", false, null),
                        column("offset", "BIGINT", true, "METADATA FROM 'offset' VIRTUAL"),
                        column("timestamp", "TIMESTAMP_LTZ(3)", true, "METADATA FROM 'timestamp'"),
                        column("partition", "INT", true, "METADATA FROM 'partition' VIRTUAL"),
                        column("headers", "MAP<STRING, BYTES>", true, "METADATA FROM 'headers'"));
        assertThat(table("orders").getOptions())
                .containsEntry("connector", "floe")
                .containsEntry("stream", "orders")
                .containsEntry("partitions", "2")
                .containsEntry("value.format", "avro")
                .containsEntry("local-path", dir.toString());
        assertThat(table("orders").getComment())
                .isEqualTo("Floe stream orders: 2 partitions, Avro values of com.example.Order");
    }

    @Test
    void aStreamWhoseSchemaGainedAVersionShowsTheLatest() throws Exception {
        admin.createStream(new StreamConfig("orders", 2, ORDER_SCHEMA, Map.of()));
        String withNote =
                ORDER_SCHEMA.replace(
                        "{\"name\": \"id\", \"type\": \"long\"},",
                        "{\"name\": \"id\", \"type\": \"long\"},"
                                + " {\"name\": \"note\", \"type\": \"string\", \"default\": \"\"},");
        try (FloeConnection floe = FloeConnection.open(connection)) {
            assertThat(
                            floe.manifest()
                                    .registerSchema(
                                            "orders",
                                            new SchemaVersion(
                                                    2,
                                                    withNote,
                                                    Instant.parse("2026-12-01T00:00:00Z"))))
                    .isTrue();
        }

        assertThat(rows("DESCRIBE " + TABLES + "orders"))
                .startsWith(
                        column("id", "BIGINT", false, null), column("note", "STRING", false, null));
    }

    @Test
    void aStreamWithoutValueSchemaIsOneValueColumnOfRawBytes() {
        admin.createStream(StreamConfig.of("raw-events", 1));

        assertThat(rows("DESCRIBE " + TABLES + "`raw-events`").get(0))
                .isEqualTo(column("value", "BYTES", true, null));
        assertThat(table("raw-events").getOptions()).containsEntry("value.format", "raw");
    }

    @Test
    void aMetadataColumnGivesItsNameToAValueFieldOfThatName() {
        String schema =
                """
                {"type": "record", "name": "Tick", "fields": [
                  {"name": "timestamp", "type": "long"}, {"name": "price", "type": "double"}]}""";
        admin.createStream(new StreamConfig("ticks", 1, schema, Map.of()));

        assertThat(rows("DESCRIBE " + TABLES + "ticks"))
                .extracting(r -> r.getField(0))
                .containsExactly(
                        "timestamp", "price", "offset", "_timestamp", "partition", "headers");
    }

    @Test
    void createTableCreatesAStreamWhoseAvroSchemaHoldsTheColumns() throws Exception {
        env.executeSql(
                        "CREATE TABLE "
                                + TABLES
                                + "clicks (user_id BIGINT NOT NULL, url STRING,"
                                + " clicked_at TIMESTAMP_LTZ(3), local_time TIMESTAMP(3))"
                                + " COMMENT 'clicks on the site' WITH ('partitions' = '3')")
                .await();

        StreamConfig stream = admin.stream("clicks");
        assertThat(stream.partitions()).isEqualTo(3);
        Schema value = new Schema.Parser().parse(stream.valueSchema());
        assertThat(value.getField("user_id").schema().getType()).isEqualTo(Schema.Type.LONG);
        assertThat(value.getField("url").schema().getTypes())
                .extracting(Schema::getType)
                .containsExactly(Schema.Type.NULL, Schema.Type.STRING);
        assertThat(
                        value.getField("clicked_at")
                                .schema()
                                .getTypes()
                                .get(1)
                                .getLogicalType()
                                .getName())
                .isEqualTo("timestamp-millis");
        assertThat(
                        value.getField("local_time")
                                .schema()
                                .getTypes()
                                .get(1)
                                .getLogicalType()
                                .getName())
                .isEqualTo("local-timestamp-millis");
        assertThat(rows("DESCRIBE " + TABLES + "clicks"))
                .startsWith(
                        column("user_id", "BIGINT", false, null),
                        column("url", "STRING", true, null),
                        column("clicked_at", "TIMESTAMP_LTZ(3)", true, null),
                        column("local_time", "TIMESTAMP(3)", true, null),
                        column("offset", "BIGINT", true, "METADATA FROM 'offset' VIRTUAL"));
        assertThat(table("clicks").getComment()).isEqualTo("clicks on the site");
    }

    @Test
    void createTableOfOneValueBytesColumnCreatesAStreamWithoutSchemaAndOnePartition()
            throws Exception {
        env.executeSql("CREATE TABLE " + TABLES + "blobs (`value` BYTES)").await();

        assertThat(admin.stream("blobs")).isEqualTo(StreamConfig.of("blobs", 1));
        assertThat(table("blobs").getOptions()).containsEntry("value.format", "raw");
    }

    @Test
    void createTableIfNotExistsLeavesAnExistingStreamAsItIs() throws Exception {
        admin.createStream(new StreamConfig("orders", 2, ORDER_SCHEMA, Map.of()));

        env.executeSql("CREATE TABLE IF NOT EXISTS " + TABLES + "orders (x INT)").await();

        assertThat(admin.stream("orders").valueSchema()).isEqualTo(ORDER_SCHEMA);
        assertThatThrownBy(() -> env.executeSql("CREATE TABLE " + TABLES + "orders (x INT)"))
                .hasStackTraceContaining("already exists");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "t (ts TIMESTAMP(3), WATERMARK FOR ts AS ts) | watermarks are not stored",
                "t (x INT, y AS x + 1) | computed column y is not stored",
                "t (x INT, o BIGINT METADATA FROM 'offset' VIRTUAL) | the catalog adds the"
                        + " metadata columns [offset, timestamp, partition, headers]",
                "t (x INT, PRIMARY KEY (x) NOT ENFORCED) | append-only log",
                "t (x INT) PARTITIONED BY (x) | PARTITIONED BY is not supported",
                "t (x INT) WITH ('value.format' = 'json') | option 'value.format' is not stored",
                "t (x INT) WITH ('partitions' = '0') | option 'partitions' must be a whole number"
                        + " of at least 1, got '0'",
                "t (x INT) WITH ('connector' = 'kafka') | option 'connector' is not stored",
                "`my table` (x INT) | stream",
                "t (_offset INT) | value field '_offset'",
                "t (x TIMESTAMP(9)) | column x TIMESTAMP(9)",
            })
    void createTableRefusesWhatAStreamCannotHold(String definition, String message) {
        assertThatThrownBy(() -> env.executeSql("CREATE TABLE " + TABLES + definition))
                .hasStackTraceContaining("cannot create table")
                .hasStackTraceContaining(message);
        assertThat(admin.streamNames()).isEmpty();
    }

    @Test
    void viewsAndFunctionsAreOnlyTemporary() throws Exception {
        assertThatThrownBy(
                        () ->
                                env.executeSql(
                                        "CREATE VIEW " + TABLES + "constants AS SELECT 1 AS x"))
                .hasStackTraceContaining("create a view as TEMPORARY");
        env.executeSql("CREATE TEMPORARY VIEW " + TABLES + "constants AS SELECT 1 AS x").await();
        assertThat(rows("SHOW VIEWS IN floe.`default`")).containsExactly(Row.of("constants"));
        assertThat(admin.streamNames()).isEmpty();

        assertThatThrownBy(
                        () -> env.executeSql("CREATE FUNCTION " + TABLES + "f AS 'com.example.F'"))
                .hasStackTraceContaining("stores no functions; create it as TEMPORARY");
    }

    @Test
    void alterTableSetPartitionsGrowsTheStreamAndNeverShrinksIt() throws Exception {
        admin.createStream(new StreamConfig("orders", 2, ORDER_SCHEMA, Map.of()));

        env.executeSql("ALTER TABLE " + TABLES + "orders SET ('partitions' = '6')").await();
        assertThat(admin.stream("orders").partitions()).isEqualTo(6);
        assertThat(table("orders").getOptions()).containsEntry("partitions", "6");

        assertThatThrownBy(
                        () ->
                                env.executeSql(
                                        "ALTER TABLE "
                                                + TABLES
                                                + "orders SET ('partitions' = '4')"))
                .hasStackTraceContaining(
                        "stream orders has 6 partitions; a stream's partitions are never"
                                + " removed, so it cannot have 4");
        assertThat(admin.stream("orders").partitions()).isEqualTo(6);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "ADD note STRING | its columns are the fields of the stream's Avro value schema",
                "DROP customer | its columns are the fields of the stream's Avro value schema",
                "RENAME customer TO buyer | its columns are the fields",
                "ADD WATERMARK FOR placed_at AS placed_at | watermarks are not stored",
                "SET ('value.format' = 'json') | only 'partitions' can be set",
                "RESET ('value.format') | cannot be reset",
            })
    void alterTableRefusesEveryOtherChange(String alteration, String message) {
        admin.createStream(new StreamConfig("orders", 2, ORDER_SCHEMA, Map.of()));

        assertThatThrownBy(() -> env.executeSql("ALTER TABLE " + TABLES + "orders " + alteration))
                .hasStackTraceContaining(message);
        assertThat(admin.stream("orders"))
                .isEqualTo(new StreamConfig("orders", 2, ORDER_SCHEMA, Map.of()));
    }

    @Test
    void alteringTheTableDefinitionWithoutChangesGrowsTheStreamToo() throws Exception {
        admin.createStream(new StreamConfig("orders", 2, ORDER_SCHEMA, Map.of()));
        Catalog catalog = catalog();
        ObjectPath path = new ObjectPath("default", "orders");
        CatalogTable table = (CatalogTable) catalog.getTable(path);
        Map<String, String> options = new HashMap<>(table.getOptions());
        options.put("partitions", "3");

        catalog.alterTable(path, table.copy(options), false);

        assertThat(admin.stream("orders").partitions()).isEqualTo(3);
        options.put("value.format", "json");
        assertThatThrownBy(() -> catalog.alterTable(path, table.copy(options), false))
                .hasMessageContaining("only 'partitions' can be set");
    }

    @Test
    void dropTableDeletesTheStream() throws Exception {
        admin.createStream(new StreamConfig("orders", 2, ORDER_SCHEMA, Map.of()));

        env.executeSql("DROP TABLE " + TABLES + "orders").await();

        assertThat(admin.findStream("orders")).isEmpty();
        assertThat(rows("SHOW TABLES IN floe.`default`")).isEmpty();
        env.executeSql("DROP TABLE IF EXISTS " + TABLES + "orders").await();
        assertThatThrownBy(() -> env.executeSql("DROP TABLE " + TABLES + "orders"))
                .hasStackTraceContaining("does not exist");
    }

    @Test
    void dropTableIsRefusedWhileAWriterHoldsAPartition() throws Exception {
        admin.createStream(new StreamConfig("orders", 2, ORDER_SCHEMA, Map.of()));

        try (FloeConnection stores = FloeConnection.open(connection)) {
            try (PartitionClaim claim =
                    stores.manifest().acquire("orders", 1, "job-7", Duration.ofSeconds(30))) {
                assertThatThrownBy(() -> env.executeSql("DROP TABLE " + TABLES + "orders"))
                        .hasStackTraceContaining(
                                "cannot drop table default.orders while stream orders is being"
                                        + " written (partition 1 by job-7 (epoch "
                                        + claim.epoch()
                                        + ")); stop the jobs that write it");
                assertThat(admin.findStream("orders")).isPresent();
            }
        }
        env.executeSql("DROP TABLE " + TABLES + "orders").await();
        assertThat(admin.findStream("orders")).isEmpty();
    }

    @Test
    void theNamespaceIsTheOnlyDatabase() {
        assertThatThrownBy(() -> env.executeSql("CREATE DATABASE floe.analytics"))
                .hasStackTraceContaining(
                        "catalog floe shows one Floe namespace, default; to reach namespace"
                                + " analytics, create a catalog with 'default-database' ="
                                + " 'analytics'");
        assertThatThrownBy(() -> env.executeSql("DROP DATABASE floe.`default`"))
                .hasStackTraceContaining("drop its tables one by one");
        assertThatThrownBy(() -> rows("SHOW TABLES IN floe.analytics"))
                .hasStackTraceContaining("analytics");
    }

    @Test
    void flinkPartitionsAndStatisticsAreAnsweredAsForAnUnpartitionedTable() throws Exception {
        admin.createStream(new StreamConfig("orders", 2, ORDER_SCHEMA, Map.of()));

        assertThatThrownBy(() -> rows("SHOW PARTITIONS " + TABLES + "orders"))
                .hasStackTraceContaining("is not partitioned");
        ObjectPath path = new ObjectPath("default", "orders");
        assertThat(catalog().getTableStatistics(path).getRowCount()).isEqualTo(-1);
        assertThatThrownBy(() -> catalog().getTableStatistics(new ObjectPath("default", "none")))
                .hasMessageContaining("does not exist");
    }

    @Test
    void optionsOfTheCatalogAreCheckedWhenItIsCreated() {
        assertThatThrownBy(
                        () ->
                                env.executeSql(
                                        "CREATE CATALOG c WITH ('type' = 'floe', 'local-path' = '"
                                                + dir
                                                + "', 's3.bucket-name' = 'raw')"))
                .hasStackTraceContaining("s3.bucket-name");
        assertThatThrownBy(
                        () ->
                                env.executeSql(
                                        "CREATE CATALOG c WITH ('type' = 'floe',"
                                                + " 's3.parquet-bucket' = 'silver')"))
                .hasStackTraceContaining("Floe catalog 'c'")
                .hasStackTraceContaining("floe.s3.parquet-bucket is set but floe.s3.bucket is not");
    }

    @Test
    void droppingTheCatalogReleasesItsStores() throws Exception {
        env.executeSql("DROP CATALOG floe").await();
        admin.close();

        // Other connection options than the catalog's open the embedded manifest anew, which
        // fails while anything in this process still holds it.
        Configuration other = new Configuration(connection);
        other.set(FloeConnectionOptions.S3_REGION, "eu-west-1");
        try (FloeAdmin reopened = FloeAdmins.open(other)) {
            assertThat(reopened.streamNames()).isEmpty();
        }
        admin = FloeAdmins.open(connection);
    }

    private List<Row> rows(String sql) {
        return CollectionUtil.iteratorToList(env.executeSql(sql).collect());
    }

    private Catalog catalog() {
        return env.getCatalog("floe").orElseThrow();
    }

    private CatalogBaseTable table(String name) {
        try {
            return catalog().getTable(new ObjectPath("default", name));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A row of DESCRIBE: name, type, nullable, key, extras, watermark. */
    private static Row column(String name, String type, boolean nullable, String extras) {
        return Row.of(name, type, nullable, null, extras, null);
    }
}
