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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;

/**
 * The Iceberg field IDs of a stream's columns, and the Iceberg schema they make. The system columns
 * have fixed IDs (below); the value's fields are numbered from {@link #FIRST_VALUE_ID} in the order
 * of the value schema, each struct's fields before their children, so the same value schema always
 * gets the same IDs; later versions of a stream's schema keep the IDs of the fields they share with
 * the version before ({@link #evolve}). The IDs are written into the Parquet schema of every
 * object, so engines match columns by ID without a name mapping. Stateless.
 */
final class IcebergFields {

    static final int OFFSET_ID = 1;
    static final int TIMESTAMP_ID = 2;
    static final int KEY_ID = 3;
    static final int PARTITION_ID = 4;
    static final int HEADERS_ID = 5;
    static final int HEADER_NAME_ID = 6;
    static final int HEADER_VALUE_ID = 7;
    static final int VALUE_ID = 8;

    /** The first ID of a value field; IDs below are the system columns'. */
    static final int FIRST_VALUE_ID = 100;

    private int nextId = FIRST_VALUE_ID;

    private IcebergFields() {}

    /**
     * The Iceberg schema of rows whose value has Avro record schema {@code value} (null: bytes).
     */
    static org.apache.iceberg.Schema schema(org.apache.avro.Schema value) {
        List<Types.NestedField> fields = new ArrayList<>();
        fields.add(
                Types.NestedField.required(
                        OFFSET_ID, ParquetObjectSchema.OFFSET, Types.LongType.get()));
        fields.add(
                Types.NestedField.required(
                        TIMESTAMP_ID,
                        ParquetObjectSchema.TIMESTAMP,
                        Types.TimestampType.withZone()));
        fields.add(
                Types.NestedField.optional(
                        KEY_ID, ParquetObjectSchema.KEY, Types.BinaryType.get()));
        fields.add(
                Types.NestedField.required(
                        PARTITION_ID, ParquetObjectSchema.PARTITION, Types.IntegerType.get()));
        fields.add(
                Types.NestedField.required(
                        HEADERS_ID,
                        ParquetObjectSchema.HEADERS,
                        Types.MapType.ofOptional(
                                HEADER_NAME_ID,
                                HEADER_VALUE_ID,
                                Types.StringType.get(),
                                Types.BinaryType.get())));
        if (value == null) {
            fields.add(
                    Types.NestedField.required(
                            VALUE_ID, ParquetObjectSchema.VALUE, Types.BinaryType.get()));
        } else {
            fields.addAll(new IcebergFields().struct(value).fields());
        }
        return new org.apache.iceberg.Schema(fields);
    }

    /**
     * {@code next}, the schema of a newer version of the stream's value schema as {@link #schema}
     * numbers it, renumbered after {@code previous}, the schema of the version before: a field with
     * the name of a field of the same struct in {@code previous} keeps that field's ID (as do list
     * elements and map keys and values), and every other field takes a new ID above {@code lastId},
     * in the order {@code next} lists them, parents before children.
     *
     * @param lastId the highest ID any earlier version used; raised by the IDs given here
     */
    static org.apache.iceberg.Schema evolve(
            org.apache.iceberg.Schema next,
            org.apache.iceberg.Schema previous,
            AtomicInteger lastId) {
        return new org.apache.iceberg.Schema(
                renumber(next.asStruct(), previous.asStruct(), lastId).asStructType().fields());
    }

    private static Type renumber(Type next, Type previous, AtomicInteger lastId) {
        if (next.isStructType()) {
            Types.StructType before =
                    previous != null && previous.isStructType() ? previous.asStructType() : null;
            List<Types.NestedField> fields = new ArrayList<>();
            for (Types.NestedField f : next.asStructType().fields()) {
                Types.NestedField old = before == null ? null : before.field(f.name());
                int id = old != null ? old.fieldId() : lastId.incrementAndGet();
                fields.add(
                        Types.NestedField.of(
                                id,
                                f.isOptional(),
                                f.name(),
                                renumber(f.type(), old == null ? null : old.type(), lastId)));
            }
            return Types.StructType.of(fields);
        }
        if (next.isListType()) {
            Types.ListType list = next.asListType();
            Types.ListType before =
                    previous != null && previous.isListType() ? previous.asListType() : null;
            int elementId = before != null ? before.elementId() : lastId.incrementAndGet();
            Type element =
                    renumber(
                            list.elementType(),
                            before == null ? null : before.elementType(),
                            lastId);
            return list.isElementOptional()
                    ? Types.ListType.ofOptional(elementId, element)
                    : Types.ListType.ofRequired(elementId, element);
        }
        if (next.isMapType()) {
            Types.MapType map = next.asMapType();
            Types.MapType before =
                    previous != null && previous.isMapType() ? previous.asMapType() : null;
            int keyId = before != null ? before.keyId() : lastId.incrementAndGet();
            int valueId = before != null ? before.valueId() : lastId.incrementAndGet();
            Type value =
                    renumber(map.valueType(), before == null ? null : before.valueType(), lastId);
            return map.isValueOptional()
                    ? Types.MapType.ofOptional(keyId, valueId, map.keyType(), value)
                    : Types.MapType.ofRequired(keyId, valueId, map.keyType(), value);
        }
        return next;
    }

    /**
     * {@code iceberg} with the field IDs {@code parquet}, its Parquet form as an object's footer
     * holds it, carries; null if a field there has no ID (objects written before Floe wrote IDs).
     */
    static org.apache.iceberg.Schema idsOf(MessageType parquet, org.apache.iceberg.Schema iceberg) {
        try {
            return new org.apache.iceberg.Schema(
                    idsOf(parquet, iceberg.asStruct()).asStructType().fields());
        } catch (MissingIdException e) {
            return null;
        }
    }

    private static final class MissingIdException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MissingIdException() {
            super(null, null, false, false);
        }
    }

    private static int id(org.apache.parquet.schema.Type parquet) {
        if (parquet.getId() == null) {
            throw new MissingIdException();
        }
        return parquet.getId().intValue();
    }

    private static Type idsOf(org.apache.parquet.schema.Type parquet, Type iceberg) {
        if (iceberg.isStructType()) {
            GroupType group = parquet.asGroupType();
            List<Types.NestedField> fields = new ArrayList<>();
            for (Types.NestedField f : iceberg.asStructType().fields()) {
                org.apache.parquet.schema.Type column = group.getType(f.name());
                fields.add(
                        Types.NestedField.of(
                                id(column), f.isOptional(), f.name(), idsOf(column, f.type())));
            }
            return Types.StructType.of(fields);
        }
        if (iceberg.isListType()) {
            Types.ListType list = iceberg.asListType();
            org.apache.parquet.schema.Type element =
                    parquet.asGroupType().getType(0).asGroupType().getType(0);
            Type elementType = idsOf(element, list.elementType());
            return list.isElementOptional()
                    ? Types.ListType.ofOptional(id(element), elementType)
                    : Types.ListType.ofRequired(id(element), elementType);
        }
        if (iceberg.isMapType()) {
            Types.MapType map = iceberg.asMapType();
            GroupType keyValue = parquet.asGroupType().getType(0).asGroupType();
            org.apache.parquet.schema.Type key = keyValue.getType(0);
            org.apache.parquet.schema.Type value = keyValue.getType(1);
            Type valueType = idsOf(value, map.valueType());
            return map.isValueOptional()
                    ? Types.MapType.ofOptional(id(key), id(value), map.keyType(), valueType)
                    : Types.MapType.ofRequired(id(key), id(value), map.keyType(), valueType);
        }
        return iceberg;
    }

    /** {@code parquet}, the Parquet form of {@code iceberg}'s rows, with every field's ID set. */
    static MessageType withIds(MessageType parquet, org.apache.iceberg.Schema iceberg) {
        return new MessageType(parquet.getName(), fieldsWithIds(parquet, iceberg.asStruct()));
    }

    private Types.StructType struct(org.apache.avro.Schema record) {
        List<org.apache.avro.Schema.Field> avroFields = record.getFields();
        int first = nextId;
        nextId += avroFields.size();
        List<Types.NestedField> fields = new ArrayList<>();
        for (int i = 0; i < avroFields.size(); i++) {
            org.apache.avro.Schema.Field f = avroFields.get(i);
            org.apache.avro.Schema s = f.schema();
            fields.add(Types.NestedField.of(first + i, nullable(s), f.name(), type(nonNull(s))));
        }
        return Types.StructType.of(fields);
    }

    private Type type(org.apache.avro.Schema s) {
        return switch (s.getType()) {
            case RECORD -> struct(s);
            case ARRAY -> {
                int elementId = nextId++;
                org.apache.avro.Schema element = s.getElementType();
                Type elementType = type(nonNull(element));
                yield nullable(element)
                        ? Types.ListType.ofOptional(elementId, elementType)
                        : Types.ListType.ofRequired(elementId, elementType);
            }
            case MAP -> {
                int keyId = nextId++;
                int valueId = nextId++;
                org.apache.avro.Schema value = s.getValueType();
                Type valueType = type(nonNull(value));
                yield nullable(value)
                        ? Types.MapType.ofOptional(
                                keyId, valueId, Types.StringType.get(), valueType)
                        : Types.MapType.ofRequired(
                                keyId, valueId, Types.StringType.get(), valueType);
            }
            default -> primitive(s);
        };
    }

    private static Type primitive(org.apache.avro.Schema s) {
        LogicalType logical = s.getLogicalType();
        return switch (s.getType()) {
            case BOOLEAN -> Types.BooleanType.get();
            case INT -> {
                if (logical instanceof LogicalTypes.Date) {
                    yield Types.DateType.get();
                }
                yield logical instanceof LogicalTypes.TimeMillis
                        ? Types.TimeType.get()
                        : Types.IntegerType.get();
            }
            case LONG -> {
                if (logical instanceof LogicalTypes.TimestampMillis
                        || logical instanceof LogicalTypes.TimestampMicros) {
                    yield Types.TimestampType.withZone();
                }
                if (logical instanceof LogicalTypes.LocalTimestampMillis
                        || logical instanceof LogicalTypes.LocalTimestampMicros) {
                    yield Types.TimestampType.withoutZone();
                }
                yield logical instanceof LogicalTypes.TimeMicros
                        ? Types.TimeType.get()
                        : Types.LongType.get();
            }
            case FLOAT -> Types.FloatType.get();
            case DOUBLE -> Types.DoubleType.get();
            case STRING, ENUM -> Types.StringType.get();
            case BYTES -> decimalOr(logical, Types.BinaryType.get());
            case FIXED -> decimalOr(logical, Types.FixedType.ofLength(s.getFixedSize()));
            default ->
                    throw new IllegalArgumentException(
                            "Avro type " + s.getType() + " has no Iceberg type");
        };
    }

    private static Type decimalOr(LogicalType logical, Type otherwise) {
        return logical instanceof LogicalTypes.Decimal d
                ? Types.DecimalType.of(d.getPrecision(), d.getScale())
                : otherwise;
    }

    private static boolean nullable(org.apache.avro.Schema s) {
        return s.getType() == org.apache.avro.Schema.Type.UNION;
    }

    /** The non-null branch of a nullable union (the only unions value schemas may hold). */
    private static org.apache.avro.Schema nonNull(org.apache.avro.Schema s) {
        if (!nullable(s)) {
            return s;
        }
        return s.getTypes().stream()
                .filter(b -> b.getType() != org.apache.avro.Schema.Type.NULL)
                .findFirst()
                .orElseThrow();
    }

    private static List<org.apache.parquet.schema.Type> fieldsWithIds(
            GroupType parquet, Types.StructType struct) {
        List<org.apache.parquet.schema.Type> fields = new ArrayList<>();
        for (org.apache.parquet.schema.Type f : parquet.getFields()) {
            Types.NestedField field = struct.field(f.getName());
            fields.add(typeWithIds(f, field.type()).withId(field.fieldId()));
        }
        return fields;
    }

    private static org.apache.parquet.schema.Type typeWithIds(
            org.apache.parquet.schema.Type parquet, Type iceberg) {
        if (parquet.isPrimitive()) {
            return parquet;
        }
        GroupType group = parquet.asGroupType();
        if (iceberg.isStructType()) {
            return group.withNewFields(fieldsWithIds(group, iceberg.asStructType()));
        }
        GroupType repeated = group.getType(0).asGroupType();
        if (iceberg.isListType()) {
            Types.ListType list = iceberg.asListType();
            org.apache.parquet.schema.Type element =
                    typeWithIds(repeated.getType(0), list.elementType()).withId(list.elementId());
            return group.withNewFields(repeated.withNewFields(element));
        }
        Types.MapType map = iceberg.asMapType();
        org.apache.parquet.schema.Type key = repeated.getType(0).withId(map.keyId());
        org.apache.parquet.schema.Type value =
                typeWithIds(repeated.getType(1), map.valueType()).withId(map.valueId());
        return group.withNewFields(repeated.withNewFields(key, value));
    }
}
