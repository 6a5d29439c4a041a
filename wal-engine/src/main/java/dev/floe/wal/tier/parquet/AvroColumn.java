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

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.Encoder;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.Type;

/**
 * One Avro type bound to its Parquet column(s): moves a value from Avro's binary encoding to
 * Parquet's record consumer and back from a Parquet group to Avro's binary encoding. Both
 * directions walk the same schema, so a value read back encodes to the bytes it was written from
 * (Avro's single-block encoding of arrays and maps; entry order is kept). Stateless and
 * thread-safe.
 */
abstract class AvroColumn {

    /** Emits the next value of {@code in}; the caller has started the field. */
    abstract void write(Decoder in, RecordConsumer out) throws IOException;

    /** Encodes repetition {@code index} of field {@code field} of {@code parent}. */
    abstract void encode(Group parent, int field, int index, Encoder out) throws IOException;

    /** Binds an Avro schema (not a union) to the Parquet type parquet-avro derived from it. */
    static AvroColumn of(Schema avro, Type parquet) {
        return switch (avro.getType()) {
            case RECORD -> new RecordColumn(AvroField.all(avro, parquet.asGroupType()));
            case ARRAY -> listColumn(avro, parquet.asGroupType());
            case MAP -> mapColumn(avro, parquet.asGroupType());
            case ENUM -> new EnumColumn(avro);
            case FIXED -> new FixedColumn(avro.getFixedSize());
            case STRING, BYTES -> new BytesColumn();
            case INT -> new IntColumn();
            case LONG -> new LongColumn();
            case FLOAT -> new FloatColumn();
            case DOUBLE -> new DoubleColumn();
            case BOOLEAN -> new BooleanColumn();
            case UNION, NULL ->
                    throw new IllegalStateException("no column for Avro type " + avro.getType());
        };
    }

    private static AvroColumn listColumn(Schema avro, GroupType list) {
        GroupType repeated = list.getType(0).asGroupType();
        AvroField element = AvroField.of(avro.getElementType(), repeated.getType(0), 0);
        return new RepeatedColumn(repeated.getName(), null, element);
    }

    private static AvroColumn mapColumn(Schema avro, GroupType map) {
        GroupType repeated = map.getType(0).asGroupType();
        AvroField value = AvroField.of(avro.getValueType(), repeated.getType(1), 1);
        return new RepeatedColumn(repeated.getName(), repeated.getType(0).getName(), value);
    }

    /** A nested record: a Parquet group with one field per Avro field. */
    static final class RecordColumn extends AvroColumn {
        private final List<AvroField> fields;

        RecordColumn(List<AvroField> fields) {
            this.fields = fields;
        }

        @Override
        void write(Decoder in, RecordConsumer out) throws IOException {
            out.startGroup();
            for (AvroField f : fields) {
                f.write(in, out);
            }
            out.endGroup();
        }

        @Override
        void encode(Group parent, int field, int index, Encoder out) throws IOException {
            Group group = parent.getGroup(field, index);
            for (AvroField f : fields) {
                f.encode(group, out);
            }
        }
    }

    /**
     * An Avro array (a LIST group of repeated {@code element}s) or map (a MAP group of repeated
     * {@code key}/{@code value} pairs); {@code keyName} is null for arrays.
     */
    static final class RepeatedColumn extends AvroColumn {
        private final String repeatedName;
        private final String keyName;
        private final AvroField item;

        RepeatedColumn(String repeatedName, String keyName, AvroField item) {
            this.repeatedName = repeatedName;
            this.keyName = keyName;
            this.item = item;
        }

        @Override
        void write(Decoder in, RecordConsumer out) throws IOException {
            boolean map = keyName != null;
            out.startGroup();
            long count = map ? in.readMapStart() : in.readArrayStart();
            if (count > 0) {
                Set<ByteBuffer> keys = map ? new HashSet<>() : null;
                out.startField(repeatedName, 0);
                for (; count > 0; count = map ? in.mapNext() : in.arrayNext()) {
                    for (long i = 0; i < count; i++) {
                        out.startGroup();
                        if (map) {
                            writeKey(in.readBytes(null), keys, out);
                        }
                        item.write(in, out);
                        out.endGroup();
                    }
                }
                out.endField(repeatedName, 0);
            }
            out.endGroup();
        }

        private void writeKey(ByteBuffer key, Set<ByteBuffer> seen, RecordConsumer out)
                throws IOException {
            if (!seen.add(key)) {
                throw new IOException(
                        "map key '"
                                + StandardCharsets.UTF_8.decode(key.duplicate())
                                + "' appears twice; Parquet maps hold unique keys");
            }
            out.startField(keyName, 0);
            out.addBinary(Binary.fromConstantByteArray(key.array(), 0, key.remaining()));
            out.endField(keyName, 0);
        }

        @Override
        void encode(Group parent, int field, int index, Encoder out) throws IOException {
            Group group = parent.getGroup(field, index);
            int count = group.getFieldRepetitionCount(0);
            boolean map = keyName != null;
            if (map) {
                out.writeMapStart();
            } else {
                out.writeArrayStart();
            }
            out.setItemCount(count);
            for (int i = 0; i < count; i++) {
                out.startItem();
                Group entry = group.getGroup(0, i);
                if (map) {
                    out.writeBytes(entry.getBinary(0, 0).getBytesUnsafe());
                }
                item.encode(entry, out);
            }
            if (map) {
                out.writeMapEnd();
            } else {
                out.writeArrayEnd();
            }
        }
    }

    static final class EnumColumn extends AvroColumn {
        private final Schema schema;
        private final Binary[] symbols;

        EnumColumn(Schema schema) {
            this.schema = schema;
            List<Binary> list = new ArrayList<>();
            for (String symbol : schema.getEnumSymbols()) {
                list.add(Binary.fromString(symbol));
            }
            this.symbols = list.toArray(new Binary[0]);
        }

        @Override
        void write(Decoder in, RecordConsumer out) throws IOException {
            int ordinal = in.readEnum();
            if (ordinal < 0 || ordinal >= symbols.length) {
                throw new IOException(
                        "enum " + schema.getFullName() + " has no symbol number " + ordinal);
            }
            out.addBinary(symbols[ordinal]);
        }

        @Override
        void encode(Group parent, int field, int index, Encoder out) throws IOException {
            String symbol = parent.getBinary(field, index).toStringUsingUTF8();
            if (!schema.hasEnumSymbol(symbol)) {
                throw new IOException(
                        "enum " + schema.getFullName() + " has no symbol '" + symbol + "'");
            }
            out.writeEnum(schema.getEnumOrdinal(symbol));
        }
    }

    static final class FixedColumn extends AvroColumn {
        private final int size;

        FixedColumn(int size) {
            this.size = size;
        }

        @Override
        void write(Decoder in, RecordConsumer out) throws IOException {
            byte[] bytes = new byte[size];
            in.readFixed(bytes);
            out.addBinary(Binary.fromConstantByteArray(bytes));
        }

        @Override
        void encode(Group parent, int field, int index, Encoder out) throws IOException {
            out.writeFixed(parent.getBinary(field, index).getBytesUnsafe());
        }
    }

    /** Strings and bytes: the same length-prefixed encoding in Avro, binary in Parquet. */
    static final class BytesColumn extends AvroColumn {
        @Override
        void write(Decoder in, RecordConsumer out) throws IOException {
            ByteBuffer bytes = in.readBytes(null);
            out.addBinary(Binary.fromConstantByteArray(bytes.array(), 0, bytes.remaining()));
        }

        @Override
        void encode(Group parent, int field, int index, Encoder out) throws IOException {
            out.writeBytes(parent.getBinary(field, index).getBytesUnsafe());
        }
    }

    static final class IntColumn extends AvroColumn {
        @Override
        void write(Decoder in, RecordConsumer out) throws IOException {
            out.addInteger(in.readInt());
        }

        @Override
        void encode(Group parent, int field, int index, Encoder out) throws IOException {
            out.writeInt(parent.getInteger(field, index));
        }
    }

    static final class LongColumn extends AvroColumn {
        @Override
        void write(Decoder in, RecordConsumer out) throws IOException {
            out.addLong(in.readLong());
        }

        @Override
        void encode(Group parent, int field, int index, Encoder out) throws IOException {
            out.writeLong(parent.getLong(field, index));
        }
    }

    static final class FloatColumn extends AvroColumn {
        @Override
        void write(Decoder in, RecordConsumer out) throws IOException {
            out.addFloat(in.readFloat());
        }

        @Override
        void encode(Group parent, int field, int index, Encoder out) throws IOException {
            out.writeFloat(parent.getFloat(field, index));
        }
    }

    static final class DoubleColumn extends AvroColumn {
        @Override
        void write(Decoder in, RecordConsumer out) throws IOException {
            out.addDouble(in.readDouble());
        }

        @Override
        void encode(Group parent, int field, int index, Encoder out) throws IOException {
            out.writeDouble(parent.getDouble(field, index));
        }
    }

    static final class BooleanColumn extends AvroColumn {
        @Override
        void write(Decoder in, RecordConsumer out) throws IOException {
            out.addBoolean(in.readBoolean());
        }

        @Override
        void encode(Group parent, int field, int index, Encoder out) throws IOException {
            out.writeBoolean(parent.getBoolean(field, index));
        }
    }
}
