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

import dev.floe.wal.manifest.SchemaHistory;
import dev.floe.wal.manifest.SchemaVersion;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.avro.AvroWriteSupport;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * The Parquet schema of a stream's Parquet objects. Immutable and thread-safe.
 *
 * <p>Every object starts with the system columns, in this order:
 *
 * <pre>
 * _offset     int64, required                            the record's offset
 * _timestamp  int64 TIMESTAMP(MILLIS, UTC), required     the record's timestamp
 * _key        binary, optional                           the key; null when the record has none
 * _partition  int32, required                            the partition the object belongs to
 * _headers    map&lt;string, binary (optional)&gt;, required  the headers, in record order
 * </pre>
 *
 * followed by the value: when the stream has an Avro record schema, each field of the value is a
 * top-level typed column (nested records become groups, arrays LIST, maps MAP, nullable unions
 * optional columns, enums binary (ENUM, read as strings), Avro logical types the matching Parquet
 * annotations); otherwise a single required binary column {@code _value} holds the value bytes.
 *
 * <p>The Parquet schema is the one parquet-avro derives from the row's Avro schema ({@link
 * #rowAvroSchema()}), with the standard three-level LIST layout, so tools that read Parquet through
 * Avro see the same types. Every field carries the field ID of the stream's Iceberg table ({@link
 * #icebergSchema()}): the system columns 1 to 8, the value's fields from 100 in schema order.
 */
public final class ParquetObjectSchema {

    public static final String OFFSET = "_offset";
    public static final String TIMESTAMP = "_timestamp";
    public static final String KEY = "_key";
    public static final String PARTITION = "_partition";
    public static final String HEADERS = "_headers";
    public static final String VALUE = "_value";

    /** Names a value field may not take: they are, or may become, system columns. */
    public static final List<String> SYSTEM_COLUMNS =
            List.of(OFFSET, TIMESTAMP, KEY, PARTITION, HEADERS, VALUE);

    static final int SYSTEM_COLUMN_COUNT = 5;
    static final String ROW_NAMESPACE = "dev.floe";
    static final String ROW_NAME = "FloeRow";

    private final Schema valueSchema;
    private final Schema rowAvroSchema;
    private final org.apache.iceberg.Schema icebergSchema;
    private final MessageType messageType;
    private final int schemaVersion;

    private ParquetObjectSchema(Schema valueSchema) {
        this(valueSchema, IcebergFields.schema(valueSchema), SchemaVersion.INITIAL);
    }

    private ParquetObjectSchema(
            Schema valueSchema, org.apache.iceberg.Schema icebergSchema, int schemaVersion) {
        this.valueSchema = valueSchema;
        this.rowAvroSchema = rowSchema(valueSchema);
        this.icebergSchema = icebergSchema;
        this.messageType = IcebergFields.withIds(toParquet(rowAvroSchema), icebergSchema);
        this.schemaVersion = schemaVersion;
    }

    private ParquetObjectSchema(ParquetObjectSchema same, int schemaVersion) {
        this.valueSchema = same.valueSchema;
        this.rowAvroSchema = same.rowAvroSchema;
        this.icebergSchema = same.icebergSchema;
        this.messageType = same.messageType;
        this.schemaVersion = schemaVersion;
    }

    /**
     * The schema of objects holding values written with {@code version} of a stream's schema: its
     * fields keep the field IDs they had in earlier versions, and fields new in a version take IDs
     * above every earlier one, so that columns match by ID across all of the stream's objects.
     *
     * @throws IllegalArgumentException if a version's schema cannot be stored as columns
     */
    public static ParquetObjectSchema of(SchemaHistory history, int version) {
        ParquetObjectSchema schema = forValueSchema(history.version(1).schema());
        AtomicInteger lastId = new AtomicInteger(schema.icebergSchema.highestFieldId());
        for (int v = 2; v <= version; v++) {
            ParquetObjectSchema fresh = forValueSchema(history.version(v).schema());
            schema =
                    new ParquetObjectSchema(
                            fresh.valueSchema,
                            IcebergFields.evolve(fresh.icebergSchema, schema.icebergSchema, lastId),
                            v);
        }
        return schema;
    }

    /**
     * This schema with the field IDs of {@code fileSchema}, the Parquet schema of an object of this
     * schema ({@link #matches}): a later version of a stream's schema numbers its fields after the
     * versions before ({@link #of(SchemaHistory, int)}), which an object's footer alone does not
     * tell. This schema itself if the file carries no IDs.
     */
    public ParquetObjectSchema withIdsOf(MessageType fileSchema) {
        if (fileSchema.equals(messageType)) {
            return this;
        }
        org.apache.iceberg.Schema ids = IcebergFields.idsOf(fileSchema, icebergSchema);
        return ids == null ? this : new ParquetObjectSchema(valueSchema, ids, schemaVersion);
    }

    /** This schema, as version {@code version} of the stream's value schema. */
    public ParquetObjectSchema withSchemaVersion(int version) {
        if (version < SchemaVersion.INITIAL) {
            throw new IllegalArgumentException("schema versions start at 1, got " + version);
        }
        return version == schemaVersion ? this : new ParquetObjectSchema(this, version);
    }

    /**
     * Which version of the stream's value schema ({@link dev.floe.wal.manifest.SchemaHistory}) the
     * values are: the footer's {@code floe.schema.version}, 1 in objects written without one.
     */
    public int schemaVersion() {
        return schemaVersion;
    }

    /** The schema of a stream whose values are plain bytes, stored in one {@code _value} column. */
    public static ParquetObjectSchema bytesValued() {
        return new ParquetObjectSchema(null);
    }

    /**
     * The schema of a stream whose values are Avro records of {@code valueSchemaJson}; null means
     * bytes-valued.
     *
     * @throws IllegalArgumentException if the schema does not parse, is not a record, uses a type
     *     Parquet objects cannot hold, or names a field like a system column
     */
    public static ParquetObjectSchema forValueSchema(String valueSchemaJson) {
        if (valueSchemaJson == null) {
            return bytesValued();
        }
        Schema parsed;
        try {
            parsed = new Schema.Parser().parse(valueSchemaJson);
        } catch (SchemaParseException e) {
            throw new IllegalArgumentException(
                    "the stream's value schema is not valid Avro: " + e.getMessage(), e);
        }
        return forValueSchema(parsed);
    }

    /** As {@link #forValueSchema(String)}, from a parsed Avro schema. */
    public static ParquetObjectSchema forValueSchema(Schema valueSchema) {
        Objects.requireNonNull(valueSchema, "valueSchema");
        checkValueSchema(valueSchema);
        return new ParquetObjectSchema(valueSchema);
    }

    /** Whether the value is stored as typed columns (true) or as {@code _value} bytes (false). */
    public boolean typed() {
        return valueSchema != null;
    }

    /** The stream's Avro value schema, or null for a bytes-valued stream. */
    public Schema valueSchema() {
        return valueSchema;
    }

    /** The Avro schema of one row: the system columns, then the value. */
    public Schema rowAvroSchema() {
        return rowAvroSchema;
    }

    /** The Parquet schema of the objects, with the Iceberg field ID of every field. */
    public MessageType messageType() {
        return messageType;
    }

    /**
     * The Iceberg schema of the stream's table: the columns of {@link #messageType()}, with the
     * same field IDs.
     */
    public org.apache.iceberg.Schema icebergSchema() {
        return icebergSchema;
    }

    /**
     * Whether {@code fileSchema}, read from an object's footer, is this schema: with the same field
     * IDs, or without IDs (objects written before Floe wrote them) and otherwise equal.
     */
    public boolean matches(MessageType fileSchema) {
        if (fileSchema.equals(messageType)) {
            return true;
        }
        try {
            return IcebergFields.withIds(fileSchema, icebergSchema).equals(messageType);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * The value schema restricted to {@code fields}, kept in the stream schema's order; the whole
     * value schema when {@code fields} is null.
     *
     * @throws IllegalArgumentException for a bytes-valued stream, or a field the schema lacks
     */
    public Schema projectedValueSchema(List<String> fields) {
        if (fields == null) {
            return valueSchema;
        }
        if (!typed()) {
            throw new IllegalArgumentException(
                    "value fields "
                            + fields
                            + " requested, but the stream's values are bytes without a schema;"
                            + " read without a projection");
        }
        for (String name : fields) {
            if (valueSchema.getField(name) == null) {
                throw new IllegalArgumentException(
                        "value field '"
                                + name
                                + "' is not in the stream's schema "
                                + valueSchema.getFullName()
                                + "; its fields are "
                                + fieldNames(valueSchema));
            }
        }
        Set<String> wanted = new HashSet<>(fields);
        List<Schema.Field> kept = new ArrayList<>();
        for (Schema.Field f : valueSchema.getFields()) {
            if (wanted.contains(f.name())) {
                kept.add(new Schema.Field(f, f.schema()));
            }
        }
        return Schema.createRecord(
                valueSchema.getName(),
                valueSchema.getDoc(),
                valueSchema.getNamespace(),
                valueSchema.isError(),
                kept);
    }

    /** The Parquet columns to read: every system column, then the projected value's columns. */
    MessageType projectedMessageType(Schema projectedValue) {
        if (!typed()) {
            return messageType;
        }
        List<Type> fields =
                new ArrayList<>(messageType.getFields().subList(0, SYSTEM_COLUMN_COUNT));
        for (Schema.Field f : projectedValue.getFields()) {
            fields.add(messageType.getType(f.name()));
        }
        return new MessageType(messageType.getName(), fields);
    }

    private static Schema rowSchema(Schema value) {
        Schema timestamp =
                LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
        Schema nullableBytes =
                Schema.createUnion(
                        Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.BYTES));
        List<Schema.Field> fields = new ArrayList<>();
        fields.add(new Schema.Field(OFFSET, Schema.create(Schema.Type.LONG)));
        fields.add(new Schema.Field(TIMESTAMP, timestamp));
        fields.add(new Schema.Field(KEY, nullableBytes));
        fields.add(new Schema.Field(PARTITION, Schema.create(Schema.Type.INT)));
        fields.add(new Schema.Field(HEADERS, Schema.createMap(nullableBytes)));
        if (value == null) {
            fields.add(new Schema.Field(VALUE, Schema.create(Schema.Type.BYTES)));
        } else {
            for (Schema.Field f : value.getFields()) {
                fields.add(new Schema.Field(f, f.schema()));
            }
        }
        return Schema.createRecord(
                ROW_NAME, "One record of a Floe stream", ROW_NAMESPACE, false, fields);
    }

    private static MessageType toParquet(Schema row) {
        Configuration conf = new Configuration(false);
        conf.setBoolean(AvroWriteSupport.WRITE_OLD_LIST_STRUCTURE, false);
        return new AvroSchemaConverter(conf).convert(row);
    }

    private static void checkValueSchema(Schema value) {
        if (value.getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException(
                    "the stream's value schema must be an Avro record to become Parquet columns,"
                            + " got "
                            + value.getType().getName()
                            + "; wrap it in a record or leave the stream without a schema");
        }
        for (Schema.Field f : value.getFields()) {
            if (SYSTEM_COLUMNS.contains(f.name())) {
                throw new IllegalArgumentException(
                        "value field '"
                                + f.name()
                                + "' of "
                                + value.getFullName()
                                + " clashes with Floe's system column of that name; the names "
                                + SYSTEM_COLUMNS
                                + " are reserved, rename the field");
            }
        }
        new SupportedTypes(value.getFullName()).check(value, value.getName());
    }

    private static List<String> fieldNames(Schema record) {
        return record.getFields().stream().map(Schema.Field::name).toList();
    }

    /** Walks a value schema and rejects what the columns cannot hold, naming the field path. */
    private static final class SupportedTypes {
        private final String root;
        private final Set<String> recordsOnPath = new HashSet<>();

        SupportedTypes(String root) {
            this.root = root;
        }

        void check(Schema s, String path) {
            switch (s.getType()) {
                case RECORD -> checkRecord(s, path);
                case ARRAY -> check(s.getElementType(), path + "[]");
                case MAP -> check(s.getValueType(), path + "{}");
                case UNION -> check(nonNullBranch(s, path), path);
                case NULL -> throw unsupported(path, "a field of type null holds nothing");
                default -> {
                    // primitives, enums and fixed map onto single columns
                }
            }
        }

        private void checkRecord(Schema s, String path) {
            if (s.getFullName().equals(ROW_NAMESPACE + "." + ROW_NAME)) {
                throw unsupported(path, "the record name " + s.getFullName() + " is Floe's own");
            }
            if (s.getFields().isEmpty()) {
                throw unsupported(path, "a record without fields has no Parquet columns");
            }
            if (!recordsOnPath.add(s.getFullName())) {
                throw unsupported(path, "record " + s.getFullName() + " contains itself");
            }
            for (Schema.Field f : s.getFields()) {
                check(f.schema(), path + "." + f.name());
            }
            recordsOnPath.remove(s.getFullName());
        }

        private Schema nonNullBranch(Schema union, String path) {
            List<Schema> branches = union.getTypes();
            if (branches.size() == 2) {
                if (branches.get(0).getType() == Schema.Type.NULL) {
                    return branches.get(1);
                }
                if (branches.get(1).getType() == Schema.Type.NULL) {
                    return branches.get(0);
                }
            }
            throw unsupported(
                    path, "only nullable unions of null and one type are supported, got " + union);
        }

        private IllegalArgumentException unsupported(String path, String why) {
            return new IllegalArgumentException(
                    "value schema "
                            + root
                            + " cannot be stored as Parquet columns: field "
                            + path
                            + ": "
                            + why
                            + "; change the schema or leave the stream without one");
        }
    }
}
