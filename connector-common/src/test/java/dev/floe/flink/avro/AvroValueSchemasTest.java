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
package dev.floe.flink.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.flink.avro.testing.SpecificOrder;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.formats.avro.AvroDeserializationSchema;
import org.apache.flink.formats.avro.AvroFormatOptions.AvroEncoding;
import org.apache.flink.formats.avro.AvroSerializationSchema;
import org.apache.flink.formats.avro.RegistryAvroDeserializationSchema;
import org.apache.flink.formats.avro.RegistryAvroSerializationSchema;
import org.junit.jupiter.api.Test;

/** Which schemas are value schemas, and where Floe finds them in flink-avro's schemas. */
class AvroValueSchemasTest {

    private static final Schema ORDER =
            SchemaBuilder.record("Order")
                    .fields()
                    .requiredLong("id")
                    .optionalString("note")
                    .endRecord();

    @Test
    void aValueSchemaIsARecordParquetColumnsCanHold() {
        assertThat(AvroValueSchemas.checkValueSchema(ORDER)).isSameAs(ORDER);
        assertThatThrownBy(
                        () -> AvroValueSchemas.checkValueSchema(Schema.create(Schema.Type.STRING)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be a record, got STRING");
        Schema systemColumn =
                SchemaBuilder.record("Row").fields().requiredLong("_offset").endRecord();
        assertThatThrownBy(() -> AvroValueSchemas.checkValueSchema(systemColumn))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("_offset");
    }

    @Test
    void findsTheSchemaOfFlinkAvroSerializationSchemas() {
        assertThat(AvroValueSchemas.writtenBy(AvroSerializationSchema.forGeneric(ORDER)))
                .contains(ORDER);
        assertThat(
                        AvroValueSchemas.writtenBy(
                                AvroSerializationSchema.forSpecific(SpecificOrder.class)))
                .contains(SpecificOrder.SCHEMA$);
        assertThat(AvroValueSchemas.writtenBy(new SimpleStringSchema())).isEmpty();
        // Registry schemas put a schema id before each value: not plain Avro.
        assertThat(
                        AvroValueSchemas.writtenBy(
                                RegistryAvroSerializationSchema.forGeneric(ORDER, () -> null)))
                .isEmpty();
    }

    @Test
    void findsTheSchemaOfFlinkAvroDeserializationSchemas() {
        assertThat(AvroValueSchemas.readBy(AvroDeserializationSchema.forGeneric(ORDER)))
                .contains(ORDER);
        assertThat(
                        AvroValueSchemas.readBy(
                                AvroDeserializationSchema.forSpecific(SpecificOrder.class)))
                .contains(SpecificOrder.SCHEMA$);
        assertThat(AvroValueSchemas.readBy(new SimpleStringSchema())).isEmpty();
        assertThat(
                        AvroValueSchemas.readBy(
                                new RegistryAvroDeserializationSchema<>(
                                        GenericRecord.class, ORDER, () -> null)))
                .isEmpty();
    }

    @Test
    void tellsAvroBinaryFromOtherEncodings() {
        GenericRecord order = new GenericData.Record(ORDER);
        order.put("id", 7L);
        order.put("note", "gift");
        byte[] binary = AvroSerializationSchema.forGeneric(ORDER).serialize(order);
        byte[] json = AvroSerializationSchema.forGeneric(ORDER, AvroEncoding.JSON).serialize(order);

        assertThat(AvroValueSchemas.isBinaryEncoded(ORDER, binary)).isTrue();
        assertThat(AvroValueSchemas.isBinaryEncoded(ORDER, json)).isFalse();
        assertThat(AvroValueSchemas.isBinaryEncoded(ORDER, Arrays.copyOf(binary, 20))).isFalse();
        assertThat(AvroValueSchemas.isBinaryEncoded(ORDER, Arrays.copyOf(binary, 2))).isFalse();
    }
}
