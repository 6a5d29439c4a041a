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

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.flink.formats.avro.AvroFormatOptions.AvroEncoding;
import org.apache.flink.formats.avro.AvroRowDataDeserializationSchema;
import org.apache.flink.formats.avro.AvroRowDataSerializationSchema;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericMapData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.data.binary.BinaryRowData;
import org.apache.flink.table.data.writer.BinaryRowWriter;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The native Avro codec ({@link AvroRowEncoder}, {@link AvroRowDecoder}) against flink-avro's
 * {@code avro} format: the same bytes, and the same rows read back, for every column type the
 * native format maps, with values and with nulls.
 */
class AvroRowCodecTest {

    private static final TimestampData SOME_TIME =
            TimestampData.fromEpochMillis(1_765_000_123_456L, 789_123);
    private static final TimestampData BEFORE_1970 = TimestampData.fromEpochMillis(-1_234L, 5_678);

    /** A column type and a value of it, in Flink's internal data. */
    static Stream<Arguments> columns() {
        return Stream.of(
                Arguments.of(DataTypes.BOOLEAN(), true),
                Arguments.of(DataTypes.TINYINT(), (byte) -7),
                Arguments.of(DataTypes.SMALLINT(), (short) 1_234),
                Arguments.of(DataTypes.INT(), -123_456),
                Arguments.of(DataTypes.BIGINT(), Long.MIN_VALUE),
                Arguments.of(DataTypes.FLOAT(), 1.5f),
                Arguments.of(DataTypes.DOUBLE(), -2.25e300),
                Arguments.of(DataTypes.CHAR(3), StringData.fromString("abc")),
                Arguments.of(DataTypes.STRING(), StringData.fromString("grüße, 東京 🚀")),
                Arguments.of(DataTypes.STRING(), StringData.fromString("")),
                Arguments.of(DataTypes.BINARY(2), new byte[] {1, -1}),
                Arguments.of(DataTypes.BYTES(), new byte[] {0, 1, 2, 3, -128}),
                Arguments.of(
                        DataTypes.DECIMAL(10, 2),
                        DecimalData.fromBigDecimal(new BigDecimal("-12345678.90"), 10, 2)),
                Arguments.of(
                        DataTypes.DECIMAL(38, 18),
                        DecimalData.fromBigDecimal(
                                new BigDecimal("12345678901234567890.123456789012345678"), 38, 18)),
                Arguments.of(DataTypes.DATE(), 20_000),
                Arguments.of(DataTypes.TIME(3), 45_296_789),
                Arguments.of(DataTypes.TIMESTAMP(3), TimestampData.fromEpochMillis(1_765_000L)),
                Arguments.of(DataTypes.TIMESTAMP(3), TimestampData.fromEpochMillis(-1_234L)),
                Arguments.of(DataTypes.TIMESTAMP_LTZ(3), TimestampData.fromEpochMillis(1_765_000L)),
                Arguments.of(
                        DataTypes.ARRAY(DataTypes.INT()),
                        new GenericArrayData(new Integer[] {1, null, -3})),
                Arguments.of(
                        DataTypes.ARRAY(DataTypes.STRING().notNull()),
                        new GenericArrayData(
                                new StringData[] {
                                    StringData.fromString("a"), StringData.fromString("bc")
                                })),
                Arguments.of(
                        DataTypes.ARRAY(DataTypes.BIGINT()), new GenericArrayData(new Long[0])),
                Arguments.of(
                        DataTypes.ARRAY(DataTypes.DECIMAL(5, 1)),
                        new GenericArrayData(
                                new DecimalData[] {
                                    DecimalData.fromBigDecimal(new BigDecimal("12.5"), 5, 1), null
                                })),
                Arguments.of(
                        DataTypes.MAP(DataTypes.STRING(), DataTypes.BIGINT()),
                        map(StringData.fromString("k"), 42L)),
                Arguments.of(
                        DataTypes.MAP(DataTypes.STRING().notNull(), DataTypes.STRING()),
                        map(StringData.fromString("k"), null)),
                Arguments.of(
                        DataTypes.MULTISET(DataTypes.STRING()),
                        map(StringData.fromString("twice"), 2)),
                Arguments.of(
                        DataTypes.ROW(
                                DataTypes.FIELD("a", DataTypes.INT().notNull()),
                                DataTypes.FIELD("b", DataTypes.STRING())),
                        GenericRowData.of(5, StringData.fromString("five"))),
                Arguments.of(
                        DataTypes.ROW(
                                DataTypes.FIELD("a", DataTypes.INT()),
                                DataTypes.FIELD("b", DataTypes.STRING())),
                        GenericRowData.of(null, null)),
                Arguments.of(
                        DataTypes.ARRAY(
                                DataTypes.ROW(
                                        DataTypes.FIELD("x", DataTypes.DOUBLE()),
                                        DataTypes.FIELD(
                                                "tags", DataTypes.ARRAY(DataTypes.STRING())))),
                        new GenericArrayData(
                                new RowData[] {
                                    GenericRowData.of(
                                            1.0,
                                            new GenericArrayData(
                                                    new StringData[] {
                                                        StringData.fromString("t"), null
                                                    })),
                                    null
                                })));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("columns")
    void writesFlinksBytesAndReadsFlinksRowsForAValue(DataType type, Object value)
            throws Exception {
        assertSameAsFlink(row(type), GenericRowData.of(value));
        assertSameAsFlink(row(type.notNull()), GenericRowData.of(value));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("columns")
    void writesFlinksBytesAndReadsFlinksRowsForANull(DataType type, Object ignored)
            throws Exception {
        assertSameAsFlink(row(type), GenericRowData.of((Object) null));
    }

    @Test
    void timestampsOfMicrosecondPrecisionAreTheMicrosTheirSchemaNames() throws Exception {
        TimestampData later = TimestampData.fromEpochMillis(1_765_000_123_456L, 789_000);
        TimestampData earlier = TimestampData.fromEpochMillis(-1_234L, 5_000);
        for (DataType type : List.of(DataTypes.TIMESTAMP(6), DataTypes.TIMESTAMP_LTZ(6))) {
            RowType value = row(type, type);
            Schema schema = NativeAvro.schema(value);
            assertThat(schema.getField("v0").schema().getTypes())
                    .anyMatch(
                            t ->
                                    t.getLogicalType() instanceof LogicalTypes.TimestampMicros
                                            || t.getLogicalType()
                                                    instanceof LogicalTypes.LocalTimestampMicros);
            byte[] bytes = encoder(value).encode(GenericRowData.of(later, earlier));

            GenericRecord record =
                    new GenericDatumReader<GenericRecord>(schema)
                            .read(null, DecoderFactory.get().binaryDecoder(bytes, null));
            assertThat(record.get("v0")).isEqualTo(1_765_000_123_456_789L);
            assertThat(record.get("v1")).isEqualTo(-1_234_000L + 5L);
            assertThat(new AvroRowDecoder(value, schema).decode(bytes))
                    .isEqualTo(GenericRowData.of(later, earlier));
        }
    }

    @Test
    void readsColumnsFromTheirPositionsInAWiderRow() throws Exception {
        RowType value = row(DataTypes.STRING().notNull(), DataTypes.BIGINT(), DataTypes.INT());
        AvroRowEncoder encoder =
                new AvroRowEncoder(value, NativeAvro.schema(value), new int[] {3, 0, 2});
        GenericRowData consumed =
                GenericRowData.of(
                        7L, StringData.fromString("skipped"), null, StringData.fromString("s"));

        byte[] bytes = encoder.encode(consumed);

        assertThat(bytes)
                .isEqualTo(
                        flinkBytes(value, GenericRowData.of(StringData.fromString("s"), 7L, null)));
        assertThat(new AvroRowDecoder(value, NativeAvro.schema(value)).decode(bytes))
                .isEqualTo(GenericRowData.of(StringData.fromString("s"), 7L, null));
    }

    @Test
    void writesStringsHoweverTheRowHoldsThem() throws Exception {
        RowType value = row(DataTypes.STRING(), DataTypes.STRING(), DataTypes.STRING());
        BinaryRowData binary = new BinaryRowData(3);
        BinaryRowWriter writer = new BinaryRowWriter(binary);
        writer.writeString(0, StringData.fromString("in a binary row, longer than eight bytes"));
        writer.writeString(1, StringData.fromString("short"));
        writer.setNullAt(2);
        writer.complete();
        StringData materialized = StringData.fromString("encoded before");
        materialized.toBytes();

        assertSameAsFlink(value, binary);
        assertSameAsFlink(
                value,
                GenericRowData.of(
                        // a lone surrogate, which UTF-8 cannot encode
                        StringData.fromString("not yet encoded \uD800"),
                        materialized,
                        StringData.fromBytes("from bytes".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void writesAndReadsMapsOfManyEntriesInAnyOrder() throws Exception {
        RowType value = row(DataTypes.MAP(DataTypes.STRING(), DataTypes.INT()));
        Map<Object, Object> entries = new LinkedHashMap<>();
        for (int i = 0; i < 50; i++) {
            entries.put(StringData.fromString("key-" + i), i % 7 == 0 ? null : i);
        }
        GenericRowData row = GenericRowData.of(new GenericMapData(entries));

        byte[] bytes = encoder(value).encode(row);

        assertThat(new AvroRowDecoder(value, NativeAvro.schema(value)).decode(bytes))
                .isEqualTo(flinkRow(value, bytes))
                .isEqualTo(flinkRow(value, flinkBytes(value, row)));
    }

    @Test
    void namesTheColumnWhenANotNullColumnHoldsNull() {
        RowType value =
                (RowType)
                        DataTypes.ROW(
                                        DataTypes.FIELD(
                                                "tags",
                                                DataTypes.ARRAY(DataTypes.STRING().notNull())))
                                .notNull()
                                .getLogicalType();
        GenericRowData row = GenericRowData.of(new GenericArrayData(new StringData[] {null}));

        assertThatThrownBy(() -> encoder(value).encode(row))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column tags[] of type STRING NOT NULL holds a null");
    }

    /** Encodes {@code row} both ways, then decodes the bytes both ways. */
    private static void assertSameAsFlink(RowType type, RowData row) throws Exception {
        byte[] flinkBytes = flinkBytes(type, row);
        byte[] bytes = encoder(type).encode(row);
        assertThat(bytes).isEqualTo(flinkBytes);

        RowData decoded = new AvroRowDecoder(type, NativeAvro.schema(type)).decode(bytes);
        assertThat(decoded).isEqualTo(flinkRow(type, bytes));
        // And round trip: the row read back writes the same bytes again.
        assertThat(encoder(type).encode(decoded)).isEqualTo(flinkBytes);
    }

    private static AvroRowEncoder encoder(RowType type) {
        int[] positions = new int[type.getFieldCount()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = i;
        }
        return new AvroRowEncoder(type, NativeAvro.schema(type), positions);
    }

    private static byte[] flinkBytes(RowType type, RowData row) throws Exception {
        AvroRowDataSerializationSchema flink =
                new AvroRowDataSerializationSchema(
                        type, AvroEncoding.BINARY, NativeAvro.LEGACY_TIMESTAMP_MAPPING);
        flink.open(null);
        return flink.serialize(row);
    }

    private static RowData flinkRow(RowType type, byte[] bytes) throws Exception {
        AvroRowDataDeserializationSchema flink =
                new AvroRowDataDeserializationSchema(
                        type,
                        InternalTypeInfo.of(type),
                        AvroEncoding.BINARY,
                        NativeAvro.LEGACY_TIMESTAMP_MAPPING);
        flink.open(null);
        return flink.deserialize(bytes);
    }

    /** A value row of one column {@code v} of each of {@code types}, as the sink makes it. */
    private static RowType row(DataType... types) {
        List<DataTypes.Field> fields = new ArrayList<>();
        for (int i = 0; i < types.length; i++) {
            fields.add(DataTypes.FIELD("v" + i, types[i]));
        }
        LogicalType row = DataTypes.ROW(fields).notNull().getLogicalType();
        return (RowType) row;
    }

    private static GenericMapData map(Object key, Object value) {
        Map<Object, Object> entries = new LinkedHashMap<>();
        entries.put(key, value);
        return new GenericMapData(entries);
    }
}
