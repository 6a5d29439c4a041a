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
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericMapData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LocalZonedTimestampType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.MapType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.TimestampType;
import org.apache.flink.table.types.logical.utils.LogicalTypeUtils;

/**
 * Readers of Avro binary values straight into Flink's internal data, one per column type, without
 * Avro's objects in between: the counterpart of {@link AvroValueWriters}, giving the values
 * flink-avro's {@code avro} format gives. Readers are stateless and thread-safe.
 */
final class AvroValueReaders {

    private AvroValueReaders() {}

    /** Reads one value of a type: Flink's internal data, or null. */
    @FunctionalInterface
    interface ValueReader {
        Object read(Decoder in) throws IOException;
    }

    /**
     * The reader of values of {@code type} written in {@code schema}, its Avro schema.
     *
     * @param path the column the values belong to, for error messages
     * @throws IllegalArgumentException if {@code schema} is not the one Flink's Avro format gives
     *     {@code type}, or the type has no Avro encoding
     */
    static ValueReader forType(LogicalType type, Schema schema, String path) {
        if (!type.isNullable()) {
            return notNull(type, schema, path);
        }
        int nullIndex = AvroValueWriters.nullBranch(type, schema, path);
        ValueReader value = notNull(type, schema.getTypes().get(1 - nullIndex), path);
        return in -> in.readIndex() == nullIndex ? null : value.read(in);
    }

    private static ValueReader notNull(LogicalType type, Schema schema, String path) {
        if (schema.getType() != AvroValueWriters.avroType(type, path)) {
            throw AvroValueWriters.mismatch(path, type, schema);
        }
        return switch (type.getTypeRoot()) {
            case BOOLEAN -> Decoder::readBoolean;
            case TINYINT -> in -> (byte) in.readInt();
            case SMALLINT -> in -> (short) in.readInt();
            case INTEGER, DATE, TIME_WITHOUT_TIME_ZONE -> Decoder::readInt;
            case BIGINT -> Decoder::readLong;
            case FLOAT -> Decoder::readFloat;
            case DOUBLE -> Decoder::readDouble;
            case CHAR, VARCHAR -> AvroValueReaders::readString;
            case BINARY, VARBINARY -> AvroValueReaders::readBytes;
            case DECIMAL -> decimal((DecimalType) type);
            case TIMESTAMP_WITHOUT_TIME_ZONE -> timestamp(((TimestampType) type).getPrecision());
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE ->
                    timestamp(((LocalZonedTimestampType) type).getPrecision());
            case ARRAY -> array((ArrayType) type, schema, path);
            case MAP -> map(((MapType) type).getValueType(), schema, path);
            case MULTISET -> map(AvroValueWriters.MULTISET_COUNT, schema, path);
            case ROW -> row((RowType) type, schema, path);
            default -> throw AvroValueWriters.noEncoding(path, type);
        };
    }

    private static StringData readString(Decoder in) throws IOException {
        Utf8 utf8 = in.readString(null);
        return StringData.fromBytes(utf8.getBytes(), 0, utf8.getByteLength());
    }

    private static byte[] readBytes(Decoder in) throws IOException {
        ByteBuffer buffer = in.readBytes(null);
        if (buffer.hasArray()
                && buffer.arrayOffset() == 0
                && buffer.position() == 0
                && buffer.remaining() == buffer.array().length) {
            return buffer.array();
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private static ValueReader decimal(DecimalType type) {
        int precision = type.getPrecision();
        int scale = type.getScale();
        return in -> DecimalData.fromUnscaledBytes(readBytes(in), precision, scale);
    }

    /** A timestamp in its schema's unit: milliseconds up to precision 3, microseconds above. */
    private static ValueReader timestamp(int precision) {
        if (precision <= 3) {
            return in -> TimestampData.fromEpochMillis(in.readLong());
        }
        return in -> {
            long micros = in.readLong();
            return TimestampData.fromEpochMillis(
                    Math.floorDiv(micros, 1_000L), (int) Math.floorMod(micros, 1_000L) * 1_000);
        };
    }

    private static ValueReader array(ArrayType type, Schema schema, String path) {
        LogicalType elementType = type.getElementType();
        ValueReader element = forType(elementType, schema.getElementType(), path + "[]");
        Class<?> elementClass = LogicalTypeUtils.toInternalConversionClass(elementType);
        return in -> {
            List<Object> elements = new ArrayList<>();
            for (long n = in.readArrayStart(); n > 0; n = in.arrayNext()) {
                for (long i = 0; i < n; i++) {
                    elements.add(element.read(in));
                }
            }
            Object[] array = (Object[]) Array.newInstance(elementClass, elements.size());
            return new GenericArrayData(elements.toArray(array));
        };
    }

    private static ValueReader map(LogicalType valueType, Schema schema, String path) {
        ValueReader value = forType(valueType, schema.getValueType(), path + "{}");
        return in -> {
            Map<Object, Object> map = new HashMap<>();
            for (long n = in.readMapStart(); n > 0; n = in.mapNext()) {
                for (long i = 0; i < n; i++) {
                    StringData key = readString(in);
                    map.put(key, value.read(in));
                }
            }
            return new GenericMapData(map);
        };
    }

    private static ValueReader row(RowType type, Schema schema, String path) {
        ValueReader[] fields = fields(type, schema, path + ".");
        return in -> readRow(fields, in);
    }

    /** A row of the values {@code fields} read in turn. */
    static GenericRowData readRow(ValueReader[] fields, Decoder in) throws IOException {
        GenericRowData row = new GenericRowData(fields.length);
        for (int f = 0; f < fields.length; f++) {
            row.setField(f, fields[f].read(in));
        }
        return row;
    }

    /**
     * The readers of the fields of rows of {@code type}, the fields of record {@code schema}, in
     * order.
     *
     * @param prefix what field names are prefixed with in error messages
     */
    static ValueReader[] fields(RowType type, Schema schema, String prefix) {
        return AvroValueWriters.perField(
                type, schema, prefix, ValueReader[]::new, AvroValueReaders::forType);
    }
}
