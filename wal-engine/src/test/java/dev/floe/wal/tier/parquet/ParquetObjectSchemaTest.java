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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.wal.manifest.SchemaHistory;
import dev.floe.wal.manifest.SchemaVersion;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;

class ParquetObjectSchemaTest {

    private static final String SYSTEM_COLUMNS =
            """
              required int64 _offset = 1;
              required int64 _timestamp (TIMESTAMP(MILLIS,true)) = 2;
              optional binary _key = 3;
              required int32 _partition = 4;
              required group _headers (MAP) = 5 {
                repeated group key_value {
                  required binary key (STRING) = 6;
                  optional binary value = 7;
                }
              }
            """;

    @Test
    void bytesValuedStreamsHaveTheSystemColumnsAndOneValueColumn() {
        ParquetObjectSchema schema = ParquetObjectSchema.bytesValued();

        assertThat(schema.typed()).isFalse();
        assertThat(schema.messageType())
                .isEqualTo(
                        MessageTypeParser.parseMessageType(
                                "message dev.floe.FloeRow {\n"
                                        + SYSTEM_COLUMNS
                                        + "  required binary _value = 8;\n}"));
    }

    @Test
    void objectsWrittenWithoutFieldIdsStillMatchTheSchema() {
        ParquetObjectSchema schema = ParquetObjectSchema.bytesValued();
        String withoutIds =
                "message dev.floe.FloeRow {\n"
                        + SYSTEM_COLUMNS.replaceAll(" = \\d+", "")
                        + "  required binary _value;\n}";

        assertThat(schema.matches(MessageTypeParser.parseMessageType(withoutIds))).isTrue();
        assertThat(
                        schema.matches(
                                MessageTypeParser.parseMessageType(
                                        withoutIds.replace("_value", "_other"))))
                .isFalse();
    }

    @Test
    void laterSchemaVersionsKeepTheFieldIdsOfEarlierOnesAndNeverReuseOne() {
        String v1 =
                "{\"type\":\"record\",\"name\":\"R\",\"fields\":["
                        + "{\"name\":\"id\",\"type\":\"long\"},"
                        + "{\"name\":\"c\",\"type\":{\"type\":\"record\",\"name\":\"C\","
                        + "\"fields\":[{\"name\":\"age\",\"type\":\"int\"}]}},"
                        + "{\"name\":\"gone\",\"type\":\"string\"}]}";
        // Adds a field before c (a fresh numbering would move c.age), drops gone, widens age.
        String v2 =
                "{\"type\":\"record\",\"name\":\"R\",\"fields\":["
                        + "{\"name\":\"id\",\"type\":\"long\"},"
                        + "{\"name\":\"n\",\"type\":\"string\",\"default\":\"\"},"
                        + "{\"name\":\"c\",\"type\":{\"type\":\"record\",\"name\":\"C\","
                        + "\"fields\":[{\"name\":\"age\",\"type\":\"long\"}]}}]}";
        // Brings gone back: a new column, with a new ID.
        String v3 =
                v2.replace(
                        "]}}]}", "]}},{\"name\":\"gone\",\"type\":\"string\",\"default\":\"\"}]}");
        SchemaHistory history =
                new SchemaHistory(
                        "s",
                        List.of(
                                new SchemaVersion(1, v1, null),
                                new SchemaVersion(2, v2, Instant.EPOCH),
                                new SchemaVersion(3, v3, Instant.EPOCH)));

        org.apache.iceberg.Schema first = ParquetObjectSchema.of(history, 1).icebergSchema();
        org.apache.iceberg.Schema second = ParquetObjectSchema.of(history, 2).icebergSchema();
        ParquetObjectSchema third = ParquetObjectSchema.of(history, 3);

        assertThat(first.findField("id").fieldId()).isEqualTo(100);
        assertThat(first.findField("c.age").fieldId()).isEqualTo(103);
        assertThat(first.findField("gone").fieldId()).isEqualTo(102);
        assertThat(second.findField("id").fieldId()).isEqualTo(100);
        assertThat(second.findField("c").fieldId()).isEqualTo(101);
        assertThat(second.findField("c.age").fieldId()).isEqualTo(103);
        assertThat(second.findField("n").fieldId()).isEqualTo(104);
        assertThat(third.icebergSchema().findField("gone").fieldId()).isEqualTo(105);
        assertThat(third.schemaVersion()).isEqualTo(3);

        // An object's footer alone numbers fields afresh; its file schema tells the IDs.
        ParquetObjectSchema fromFooter =
                ParquetObjectSchema.forValueSchema(v3).withSchemaVersion(3);
        assertThat(fromFooter.matches(third.messageType())).isTrue();
        assertThat(fromFooter.withIdsOf(third.messageType()).messageType())
                .isEqualTo(third.messageType());
    }

    @Test
    void theIcebergSchemaHasTheParquetFieldIds() {
        ParquetObjectSchema schema =
                ParquetObjectSchema.forValueSchema(
                        """
                        {"type": "record", "name": "Order", "fields": [
                          {"name": "id", "type": "long"},
                          {"name": "note", "type": ["null", "string"]}]}
                        """);

        assertThat(schema.icebergSchema().asStruct().toString())
                .isEqualTo(
                        "struct<1: _offset: required long, 2: _timestamp: required timestamptz,"
                                + " 3: _key: optional binary, 4: _partition: required int,"
                                + " 5: _headers: required map<string, binary>,"
                                + " 100: id: required long, 101: note: optional string>");
        assertThat(schema.messageType().getType("note").getId().intValue()).isEqualTo(101);
    }

    @Test
    void typedStreamsHaveTheValueFieldsAsTopLevelColumns() {
        String json =
                """
                {"type": "record", "name": "Reading", "fields": [
                  {"name": "sensor", "type": "string"},
                  {"name": "celsius", "type": ["null", "double"]},
                  {"name": "kind", "type": {"type": "enum", "name": "Kind", "symbols": ["A", "B"]}},
                  {"name": "place", "type": {"type": "record", "name": "Place", "fields": [
                    {"name": "x", "type": "int"}]}},
                  {"name": "samples", "type": {"type": "array", "items": ["null", "long"]}},
                  {"name": "labels", "type": {"type": "map", "values": "string"}}
                ]}
                """;

        ParquetObjectSchema schema = ParquetObjectSchema.forValueSchema(json);

        assertThat(schema.typed()).isTrue();
        assertThat(schema.messageType())
                .isEqualTo(
                        MessageTypeParser.parseMessageType(
                                "message dev.floe.FloeRow {\n"
                                        + SYSTEM_COLUMNS
                                        + """
                                          required binary sensor (STRING) = 100;
                                          optional double celsius = 101;
                                          required binary kind (ENUM) = 102;
                                          required group place = 103 {
                                            required int32 x = 106;
                                          }
                                          required group samples (LIST) = 104 {
                                            repeated group list {
                                              optional int64 element = 107;
                                            }
                                          }
                                          required group labels (MAP) = 105 {
                                            repeated group key_value {
                                              required binary key (STRING) = 108;
                                              required binary value (STRING) = 109;
                                            }
                                          }
                                        }
                                        """));
    }

    @Test
    void aValueFieldNamedLikeASystemColumnIsRejected() {
        String json =
                """
                {"type": "record", "name": "V", "fields": [
                  {"name": "ok", "type": "int"}, {"name": "_timestamp", "type": "long"}]}
                """;
        assertThatThrownBy(() -> ParquetObjectSchema.forValueSchema(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'_timestamp'")
                .hasMessageContaining("system column")
                .hasMessageContaining("rename");
    }

    @Test
    void unsupportedSchemasAreRejectedNamingTheField() {
        assertThatThrownBy(() -> ParquetObjectSchema.forValueSchema("\"string\""))
                .hasMessageContaining("must be an Avro record");
        assertThatThrownBy(
                        () ->
                                ParquetObjectSchema.forValueSchema(
                                        """
                                        {"type": "record", "name": "V", "fields": [
                                          {"name": "u", "type": ["int", "string"]}]}
                                        """))
                .hasMessageContaining("field V.u")
                .hasMessageContaining("nullable unions");
        assertThatThrownBy(
                        () ->
                                ParquetObjectSchema.forValueSchema(
                                        """
                                        {"type": "record", "name": "Node", "fields": [
                                          {"name": "next", "type": ["null", "Node"]}]}
                                        """))
                .hasMessageContaining("contains itself");
        assertThatThrownBy(() -> ParquetObjectSchema.forValueSchema("{\"type\": \"record\""))
                .hasMessageContaining("not valid Avro");
    }

    @Test
    void projectionKeepsTheStreamsFieldOrder() {
        ParquetObjectSchema schema = ParquetObjectSchema.forValueSchema(TestRecords.ORDER_SCHEMA);

        Schema projected = schema.projectedValueSchema(List.of("tags", "id"));

        assertThat(projected.getFullName()).isEqualTo("shop.Order");
        assertThat(projected.getFields())
                .extracting(Schema.Field::name)
                .containsExactly("id", "tags");
        assertThat(schema.projectedMessageType(projected).getFieldCount()).isEqualTo(7);
        assertThatThrownBy(
                        () -> ParquetObjectSchema.bytesValued().projectedValueSchema(List.of("x")))
                .hasMessageContaining("bytes without a schema");
    }
}
