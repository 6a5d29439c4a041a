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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.schema.MessageType;

/**
 * The value columns of one row group of a typed stream whose (projected) value fields are all flat:
 * primitives, strings, bytes, enums and fixed, each possibly nullable. Each row's value is encoded
 * as Avro binary straight from the column readers, without assembling the row. Not thread-safe: it
 * reuses an encoder and a buffer.
 */
final class FlatValueColumns {

    private final List<Field> fields;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
    private BinaryEncoder encoder;

    /** Binds the fields of {@code value} to the same-named top-level columns of {@code columns}. */
    FlatValueColumns(PageReadStore pages, MessageType columns, Schema value, String createdBy) {
        ColumnReadStoreImpl store =
                new ColumnReadStoreImpl(pages, new IgnoringConverter(columns), columns, createdBy);
        this.fields = new ArrayList<>();
        for (Schema.Field f : value.getFields()) {
            fields.add(
                    new Field(
                            f.name(),
                            f.schema(),
                            store.getColumnReader(
                                    columns.getColumnDescription(new String[] {f.name()}))));
        }
    }

    /** Whether every field of {@code value} is flat, so that this class can read it. */
    static boolean supports(Schema value) {
        for (Schema.Field f : value.getFields()) {
            if (!isFlat(nonNull(f.schema()))) {
                return false;
            }
        }
        return true;
    }

    /** The current row's value as Avro binary; consumes the row. */
    byte[] encode() throws IOException {
        buffer.reset();
        encoder = EncoderFactory.get().directBinaryEncoder(buffer, encoder);
        for (Field f : fields) {
            f.encode(encoder);
        }
        encoder.flush();
        return buffer.toByteArray();
    }

    /** Passes over the current row. */
    void skip() {
        for (Field f : fields) {
            f.skip();
        }
    }

    private static boolean isFlat(Schema s) {
        return switch (s.getType()) {
            case INT, LONG, FLOAT, DOUBLE, BOOLEAN, STRING, BYTES, ENUM, FIXED -> true;
            default -> false;
        };
    }

    /** The non-null branch of a nullable union, or the schema itself. */
    private static Schema nonNull(Schema s) {
        if (s.getType() != Schema.Type.UNION) {
            return s;
        }
        List<Schema> branches = s.getTypes();
        return branches.get(branches.get(0).getType() == Schema.Type.NULL ? 1 : 0);
    }

    /** One value field and its column. */
    private static final class Field {
        private final String name;
        private final Schema type;
        private final int nullBranch;
        private final ColumnReader column;
        private final int present;

        Field(String name, Schema avro, ColumnReader column) {
            this.name = name;
            this.type = nonNull(avro);
            this.nullBranch =
                    avro.getType() != Schema.Type.UNION
                            ? -1
                            : avro.getTypes().get(0).getType() == Schema.Type.NULL ? 0 : 1;
            this.column = column;
            this.present = column.getDescriptor().getMaxDefinitionLevel();
        }

        void encode(BinaryEncoder out) throws IOException {
            boolean isPresent = column.getCurrentDefinitionLevel() == present;
            if (nullBranch >= 0) {
                out.writeIndex(isPresent ? 1 - nullBranch : nullBranch);
            } else if (!isPresent) {
                throw new IOException("required field " + name + " is missing");
            }
            if (isPresent) {
                switch (type.getType()) {
                    case INT -> out.writeInt(column.getInteger());
                    case LONG -> out.writeLong(column.getLong());
                    case FLOAT -> out.writeFloat(column.getFloat());
                    case DOUBLE -> out.writeDouble(column.getDouble());
                    case BOOLEAN -> out.writeBoolean(column.getBoolean());
                    case STRING, BYTES -> out.writeBytes(column.getBinary().getBytesUnsafe());
                    case FIXED -> out.writeFixed(column.getBinary().getBytesUnsafe());
                    case ENUM -> out.writeEnum(ordinal(column.getBinary().toStringUsingUTF8()));
                    default -> throw new IOException("field " + name + " is not flat");
                }
            }
            column.consume();
        }

        void skip() {
            SystemColumns.skip(column);
        }

        private int ordinal(String symbol) throws IOException {
            if (!type.hasEnumSymbol(symbol)) {
                throw new IOException(
                        "enum " + type.getFullName() + " has no symbol '" + symbol + "'");
            }
            return type.getEnumOrdinal(symbol);
        }
    }
}
