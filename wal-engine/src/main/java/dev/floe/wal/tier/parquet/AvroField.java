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
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.Encoder;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.Type;

/**
 * A field of a Parquet group holding one Avro value: a record field, a list element or a map value.
 * A nullable union ({@code [null, T]} in either order) is an optional field, absent when null.
 * Stateless and thread-safe.
 */
final class AvroField {

    private final String name;
    private final int index;
    private final AvroColumn column;
    private final int nullBranch;

    private AvroField(String name, int index, AvroColumn column, int nullBranch) {
        this.name = name;
        this.index = index;
        this.column = column;
        this.nullBranch = nullBranch;
    }

    /** Binds an Avro schema, possibly a nullable union, to field {@code index} of a group. */
    static AvroField of(Schema avro, Type parquet, int index) {
        int nullBranch = -1;
        Schema value = avro;
        if (avro.getType() == Schema.Type.UNION) {
            nullBranch = avro.getTypes().get(0).getType() == Schema.Type.NULL ? 0 : 1;
            value = avro.getTypes().get(1 - nullBranch);
        }
        return new AvroField(parquet.getName(), index, AvroColumn.of(value, parquet), nullBranch);
    }

    /** Binds every field of an Avro record to the same-named fields of a Parquet group. */
    static List<AvroField> all(Schema record, GroupType group) {
        List<AvroField> fields = new ArrayList<>();
        for (Schema.Field f : record.getFields()) {
            int index = group.getFieldIndex(f.name());
            fields.add(of(f.schema(), group.getType(index), index));
        }
        return fields;
    }

    /** Emits the next value of {@code in} as this field, or nothing when it is null. */
    void write(Decoder in, RecordConsumer out) throws IOException {
        if (nullBranch >= 0) {
            int branch = in.readIndex();
            if (branch == nullBranch) {
                in.readNull();
                return;
            }
            if (branch != 1 - nullBranch) {
                throw new IOException("field " + name + " has no union branch " + branch);
            }
        }
        out.startField(name, index);
        column.write(in, out);
        out.endField(name, index);
    }

    /** Encodes this field of {@code group}. */
    void encode(Group group, Encoder out) throws IOException {
        boolean present = group.getFieldRepetitionCount(index) > 0;
        if (nullBranch >= 0) {
            out.writeIndex(present ? 1 - nullBranch : nullBranch);
            if (!present) {
                out.writeNull();
                return;
            }
        } else if (!present) {
            throw new IOException("required field " + name + " is missing");
        }
        column.encode(group, index, 0, out);
    }
}
