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

import java.util.List;
import org.apache.avro.Schema;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;

class ParquetObjectSchemaTest {

    private static final String SYSTEM_COLUMNS =
            """
              required int64 _offset;
              required int64 _timestamp (TIMESTAMP(MILLIS,true));
              optional binary _key;
              required int32 _partition;
              required group _headers (MAP) {
                repeated group key_value {
                  required binary key (STRING);
                  optional binary value;
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
                                        + "  required binary _value;\n}"));
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
                                          required binary sensor (STRING);
                                          optional double celsius;
                                          required binary kind (ENUM);
                                          required group place {
                                            required int32 x;
                                          }
                                          required group samples (LIST) {
                                            repeated group list {
                                              optional int64 element;
                                            }
                                          }
                                          required group labels (MAP) {
                                            repeated group key_value {
                                              required binary key (STRING);
                                              required binary value (STRING);
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
