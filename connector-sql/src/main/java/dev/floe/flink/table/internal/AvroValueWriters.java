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

import java.io.IOException;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.avro.Schema;
import org.apache.avro.io.Encoder;
import org.apache.flink.core.memory.MemorySegment;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.MapData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.data.binary.BinarySection;
import org.apache.flink.table.data.binary.BinaryStringData;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.IntType;
import org.apache.flink.table.types.logical.LocalZonedTimestampType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.MapType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.TimestampType;

/**
 * Writers of Avro binary values straight from Flink's internal data: one per column type, reading a
 * row field or an array element in place, without converting it into Avro's objects first. The
 * types and encodings are those of flink-avro's {@code avro} format with its newer timestamp
 * mapping ({@link NativeAvro#LEGACY_TIMESTAMP_MAPPING}), so the bytes are the same, except that a
 * map's entries keep the map's order and that timestamps of precision 4 to 6 are microseconds, as
 * their schema's {@code timestamp-micros} says (flink-avro writes milliseconds there). Writers are
 * stateless and thread-safe.
 */
final class AvroValueWriters {

    /** A multiset's counts, as Flink's Avro format types them: nullable ints. */
    static final LogicalType MULTISET_COUNT = new IntType();

    private AvroValueWriters() {}

    /** Writes a row's field {@code pos}. */
    @FunctionalInterface
    interface FieldWriter {
        void write(RowData row, int pos, Encoder out) throws IOException;
    }

    /** Writes an array's element {@code index}. */
    @FunctionalInterface
    interface ElementWriter {
        void write(ArrayData array, int index, Encoder out) throws IOException;
    }

    /** Writes one value of a type, held by a row field or an array element. */
    record ValueWriter(FieldWriter field, ElementWriter element) {}

    /**
     * The writer of values of {@code type} in {@code schema}, its Avro schema.
     *
     * @param path the column the values belong to, for error messages
     * @throws IllegalArgumentException if {@code schema} is not the one Flink's Avro format gives
     *     {@code type}, or the type has no Avro encoding
     */
    static ValueWriter forType(LogicalType type, Schema schema, String path) {
        if (type.isNullable()) {
            return nullable(type, schema, path);
        }
        ValueWriter value = notNull(type, schema, path);
        return new ValueWriter(
                (row, pos, out) -> {
                    if (row.isNullAt(pos)) {
                        throw nullInNotNull(path, type);
                    }
                    value.field().write(row, pos, out);
                },
                (array, index, out) -> {
                    if (array.isNullAt(index)) {
                        throw nullInNotNull(path, type);
                    }
                    value.element().write(array, index, out);
                });
    }

    /**
     * Which branch of {@code union}, the schema of nullable {@code type}, is null: 0 or 1.
     *
     * @throws IllegalArgumentException if {@code union} is not a union of null and one type
     */
    static int nullBranch(LogicalType type, Schema union, String path) {
        if (union.getType() == Schema.Type.UNION && union.getTypes().size() == 2) {
            List<Schema> branches = union.getTypes();
            for (int b = 0; b < 2; b++) {
                if (branches.get(b).getType() == Schema.Type.NULL) {
                    return b;
                }
            }
        }
        throw mismatch(path, type, union);
    }

    private static ValueWriter nullable(LogicalType type, Schema union, String path) {
        int nullIndex = nullBranch(type, union, path);
        int valueIndex = 1 - nullIndex;
        ValueWriter value = notNull(type, union.getTypes().get(valueIndex), path);
        return new ValueWriter(
                (row, pos, out) -> {
                    if (row.isNullAt(pos)) {
                        out.writeIndex(nullIndex);
                    } else {
                        out.writeIndex(valueIndex);
                        value.field().write(row, pos, out);
                    }
                },
                (array, index, out) -> {
                    if (array.isNullAt(index)) {
                        out.writeIndex(nullIndex);
                    } else {
                        out.writeIndex(valueIndex);
                        value.element().write(array, index, out);
                    }
                });
    }

    private static ValueWriter notNull(LogicalType type, Schema schema, String path) {
        if (schema.getType() != avroType(type, path)) {
            throw mismatch(path, type, schema);
        }
        return switch (type.getTypeRoot()) {
            case BOOLEAN ->
                    new ValueWriter(
                            (r, i, out) -> out.writeBoolean(r.getBoolean(i)),
                            (a, i, out) -> out.writeBoolean(a.getBoolean(i)));
            case TINYINT ->
                    new ValueWriter(
                            (r, i, out) -> out.writeInt(r.getByte(i)),
                            (a, i, out) -> out.writeInt(a.getByte(i)));
            case SMALLINT ->
                    new ValueWriter(
                            (r, i, out) -> out.writeInt(r.getShort(i)),
                            (a, i, out) -> out.writeInt(a.getShort(i)));
            case INTEGER, DATE, TIME_WITHOUT_TIME_ZONE ->
                    new ValueWriter(
                            (r, i, out) -> out.writeInt(r.getInt(i)),
                            (a, i, out) -> out.writeInt(a.getInt(i)));
            case BIGINT ->
                    new ValueWriter(
                            (r, i, out) -> out.writeLong(r.getLong(i)),
                            (a, i, out) -> out.writeLong(a.getLong(i)));
            case FLOAT ->
                    new ValueWriter(
                            (r, i, out) -> out.writeFloat(r.getFloat(i)),
                            (a, i, out) -> out.writeFloat(a.getFloat(i)));
            case DOUBLE ->
                    new ValueWriter(
                            (r, i, out) -> out.writeDouble(r.getDouble(i)),
                            (a, i, out) -> out.writeDouble(a.getDouble(i)));
            case CHAR, VARCHAR ->
                    new ValueWriter(
                            (r, i, out) -> writeString(r.getString(i), out),
                            (a, i, out) -> writeString(a.getString(i), out));
            case BINARY, VARBINARY ->
                    new ValueWriter(
                            (r, i, out) -> out.writeBytes(r.getBinary(i)),
                            (a, i, out) -> out.writeBytes(a.getBinary(i)));
            case DECIMAL -> decimal((DecimalType) type);
            case TIMESTAMP_WITHOUT_TIME_ZONE -> timestamp(((TimestampType) type).getPrecision());
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE ->
                    timestamp(((LocalZonedTimestampType) type).getPrecision());
            case ARRAY -> array((ArrayType) type, schema, path);
            case MAP -> map(((MapType) type).getValueType(), schema, path);
            case MULTISET -> map(MULTISET_COUNT, schema, path);
            case ROW -> row((RowType) type, schema, path);
            default -> throw noEncoding(path, type);
        };
    }

    /**
     * The Avro type Flink's Avro format gives values of {@code type}.
     *
     * @throws IllegalArgumentException if it gives them none
     */
    static Schema.Type avroType(LogicalType type, String path) {
        return switch (type.getTypeRoot()) {
            case BOOLEAN -> Schema.Type.BOOLEAN;
            case TINYINT, SMALLINT, INTEGER, DATE, TIME_WITHOUT_TIME_ZONE -> Schema.Type.INT;
            case BIGINT, TIMESTAMP_WITHOUT_TIME_ZONE, TIMESTAMP_WITH_LOCAL_TIME_ZONE ->
                    Schema.Type.LONG;
            case FLOAT -> Schema.Type.FLOAT;
            case DOUBLE -> Schema.Type.DOUBLE;
            case CHAR, VARCHAR -> Schema.Type.STRING;
            case BINARY, VARBINARY, DECIMAL -> Schema.Type.BYTES;
            case ARRAY -> Schema.Type.ARRAY;
            case MAP, MULTISET -> Schema.Type.MAP;
            case ROW -> Schema.Type.RECORD;
            default -> throw noEncoding(path, type);
        };
    }

    /**
     * Writes a string's UTF-8 bytes (Avro writes strings as it writes bytes): from where they are
     * when they are in one heap segment, or encoded from the Java string when the string has not
     * been encoded yet; copied out otherwise.
     */
    private static void writeString(StringData string, Encoder out) throws IOException {
        if (string instanceof BinaryStringData binary) {
            BinarySection section = binary.getBinarySection();
            if (section == null) {
                out.writeString(binary.getJavaObject());
                return;
            }
            MemorySegment[] segments = section.getSegments();
            if (segments.length == 1 && !segments[0].isOffHeap()) {
                out.writeBytes(
                        segments[0].getArray(), section.getOffset(), section.getSizeInBytes());
                return;
            }
        }
        out.writeBytes(string.toBytes());
    }

    private static ValueWriter decimal(DecimalType type) {
        int precision = type.getPrecision();
        int scale = type.getScale();
        return new ValueWriter(
                (r, i, out) -> out.writeBytes(r.getDecimal(i, precision, scale).toUnscaledBytes()),
                (a, i, out) -> out.writeBytes(a.getDecimal(i, precision, scale).toUnscaledBytes()));
    }

    /**
     * A timestamp since the epoch in the unit of its Avro schema: milliseconds up to precision 3,
     * microseconds above; a timestamp without time zone counts as if it were UTC.
     */
    private static ValueWriter timestamp(int precision) {
        if (precision <= 3) {
            return new ValueWriter(
                    (r, i, out) -> out.writeLong(r.getTimestamp(i, precision).getMillisecond()),
                    (a, i, out) -> out.writeLong(a.getTimestamp(i, precision).getMillisecond()));
        }
        return new ValueWriter(
                (r, i, out) -> out.writeLong(micros(r.getTimestamp(i, precision))),
                (a, i, out) -> out.writeLong(micros(a.getTimestamp(i, precision))));
    }

    private static long micros(TimestampData t) {
        return Math.addExact(
                Math.multiplyExact(t.getMillisecond(), 1_000L), t.getNanoOfMillisecond() / 1_000);
    }

    private static ValueWriter array(ArrayType type, Schema schema, String path) {
        ElementWriter element =
                forType(type.getElementType(), schema.getElementType(), path + "[]").element();
        return new ValueWriter(
                (r, i, out) -> writeArray(r.getArray(i), element, out),
                (a, i, out) -> writeArray(a.getArray(i), element, out));
    }

    private static void writeArray(ArrayData array, ElementWriter element, Encoder out)
            throws IOException {
        int size = array.size();
        out.writeArrayStart();
        out.setItemCount(size);
        for (int i = 0; i < size; i++) {
            out.startItem();
            element.write(array, i, out);
        }
        out.writeArrayEnd();
    }

    private static ValueWriter map(LogicalType valueType, Schema schema, String path) {
        ElementWriter value = forType(valueType, schema.getValueType(), path + "{}").element();
        return new ValueWriter(
                (r, i, out) -> writeMap(r.getMap(i), value, path, out),
                (a, i, out) -> writeMap(a.getMap(i), value, path, out));
    }

    private static void writeMap(MapData map, ElementWriter value, String path, Encoder out)
            throws IOException {
        int size = map.size();
        ArrayData keys = map.keyArray();
        ArrayData values = map.valueArray();
        out.writeMapStart();
        out.setItemCount(size);
        for (int i = 0; i < size; i++) {
            out.startItem();
            if (keys.isNullAt(i)) {
                throw new IllegalArgumentException(
                        "column " + path + " holds a map with a null key, which Avro cannot write");
            }
            writeString(keys.getString(i), out);
            value.write(values, i, out);
        }
        out.writeMapEnd();
    }

    private static ValueWriter row(RowType type, Schema schema, String path) {
        FieldWriter[] fields = fields(type, schema, path + ".");
        int arity = fields.length;
        return new ValueWriter(
                (r, i, out) -> writeRow(r.getRow(i, arity), fields, out),
                (a, i, out) -> writeRow(a.getRow(i, arity), fields, out));
    }

    private static void writeRow(RowData row, FieldWriter[] fields, Encoder out)
            throws IOException {
        for (int f = 0; f < fields.length; f++) {
            fields[f].write(row, f, out);
        }
    }

    /**
     * The writers of the fields of rows of {@code type}, the fields of record {@code schema}, in
     * order.
     *
     * @param prefix what field names are prefixed with in error messages
     */
    static FieldWriter[] fields(RowType type, Schema schema, String prefix) {
        return perField(
                type,
                schema,
                prefix,
                FieldWriter[]::new,
                (fieldType, fieldSchema, path) -> forType(fieldType, fieldSchema, path).field());
    }

    /** Builds one value of a row's fields, from the field's type, Avro schema and path. */
    @FunctionalInterface
    interface PerField<T> {
        T build(LogicalType type, Schema schema, String path);
    }

    /**
     * One {@code T} per field of rows of {@code type}, the fields of record {@code schema}, in
     * order.
     *
     * @param prefix what field names are prefixed with in error messages
     * @throws IllegalArgumentException if {@code schema} is not a record of as many fields
     */
    static <T> T[] perField(
            RowType type, Schema schema, String prefix, IntFunction<T[]> array, PerField<T> build) {
        if (schema.getType() != Schema.Type.RECORD
                || schema.getFields().size() != type.getFieldCount()) {
            throw mismatch(prefix.isEmpty() ? "row" : prefix, type, schema);
        }
        List<Schema.Field> avroFields = schema.getFields();
        T[] built = array.apply(avroFields.size());
        for (int f = 0; f < built.length; f++) {
            built[f] =
                    build.build(
                            type.getTypeAt(f),
                            avroFields.get(f).schema(),
                            prefix + type.getFieldNames().get(f));
        }
        return built;
    }

    private static IllegalArgumentException nullInNotNull(String path, LogicalType type) {
        return new IllegalArgumentException(
                "column " + path + " of type " + type.asSummaryString() + " holds a null");
    }

    static IllegalArgumentException noEncoding(String path, LogicalType type) {
        return new IllegalArgumentException(
                "column "
                        + path
                        + " of type "
                        + type.asSummaryString()
                        + " has no Avro encoding in the native 'avro' value format");
    }

    static IllegalArgumentException mismatch(String path, LogicalType type, Schema schema) {
        return new IllegalArgumentException(
                "column "
                        + path
                        + " of type "
                        + type.asSummaryString()
                        + " does not match its Avro schema "
                        + schema);
    }
}
