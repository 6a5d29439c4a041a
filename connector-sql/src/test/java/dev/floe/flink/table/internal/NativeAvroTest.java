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
package dev.floe.flink.table.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.flink.avro.AvroValueSchemas;
import dev.floe.wal.tier.parquet.ParquetObjectSchema;
import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

/** The native Avro value format: the schema it registers is the one its bytes are written in. */
class NativeAvroTest {

    private static final RowType ORDER =
            (RowType)
                    DataTypes.ROW(
                                    DataTypes.FIELD("id", DataTypes.BIGINT().notNull()),
                                    DataTypes.FIELD("customer", DataTypes.STRING()),
                                    DataTypes.FIELD("amount", DataTypes.DECIMAL(10, 2)),
                                    DataTypes.FIELD("at", DataTypes.TIMESTAMP(3)))
                            .notNull()
                            .getLogicalType();

    @Test
    void writesAvroBinaryOfTheSchemaItRegisters() throws Exception {
        Schema schema = NativeAvro.valueSchema(ORDER, "orders");
        SerializationSchema<RowData> serializer =
                NativeAvro.serializer(ORDER, new int[] {0, 1, 2, 3});
        serializer.open(null);

        byte[] full =
                serializer.serialize(
                        GenericRowData.of(
                                7L,
                                StringData.fromString("ada"),
                                DecimalData.fromBigDecimal(new BigDecimal("12.50"), 10, 2),
                                TimestampData.fromEpochMillis(1000)));
        byte[] nulls = serializer.serialize(GenericRowData.of(8L, null, null, null));

        assertThat(schema.getType()).isEqualTo(Schema.Type.RECORD);
        assertThat(schema.getFields())
                .extracting(Schema.Field::name)
                .containsExactly("id", "customer", "amount", "at");
        assertThat(AvroValueSchemas.isBinaryEncoded(schema, full)).isTrue();
        assertThat(AvroValueSchemas.isBinaryEncoded(schema, nulls)).isTrue();
        assertThat(ParquetObjectSchema.forValueSchema(schema).typed()).isTrue();
    }

    @Test
    void shipsNeitherAvroNorFlinkAvroClassesToTheCluster() throws Exception {
        // The shaded SQL jar relocates both: a serialized reference to one of their classes (or to
        // a lambda of theirs) would not resolve on the cluster.
        List<Serializable> shipped =
                List.of(
                        NativeAvro.serializer(ORDER, new int[] {0, 1, 2, 3}),
                        NativeAvro.deserializer(ORDER, InternalTypeInfo.of(ORDER)));
        for (Serializable schema : shipped) {
            String serialized =
                    new String(
                            InstantiationUtil.serializeObject(schema), StandardCharsets.ISO_8859_1);
            assertThat(serialized)
                    .doesNotContain("org.apache.avro", "org/apache/avro", "formats.avro");
            Object copy =
                    InstantiationUtil.deserializeObject(
                            InstantiationUtil.serializeObject(schema), getClass().getClassLoader());
            assertThat(copy).isInstanceOf(schema.getClass());
        }
    }

    @Test
    void refusesColumnsNamedLikeFloesSystemColumns() {
        RowType clash =
                (RowType)
                        DataTypes.ROW(DataTypes.FIELD("_offset", DataTypes.BIGINT()))
                                .notNull()
                                .getLogicalType();
        assertThatThrownBy(() -> NativeAvro.valueSchema(clash, "orders"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("clashes with Floe's system column");
    }
}
