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

import dev.floe.flink.table.FloeTableOptions;
import dev.floe.flink.table.FloeTableOptions.ValueFieldsInclude;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.flink.table.connector.Projection;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.utils.DataTypeUtils;

/**
 * Which physical columns of a table make up a record's key and which its value ({@link
 * FloeTableOptions#KEY_FIELDS}, {@link FloeTableOptions#VALUE_FIELDS_INCLUDE}), by position in the
 * physical row. Immutable.
 */
final class RowLayout {

    private final DataType physical;
    private final List<String> names;
    private final int[] key;
    private final int[] value;

    private RowLayout(DataType physical, int[] key, int[] value) {
        this.physical = physical;
        this.names = DataTypeUtils.flattenToNames(physical);
        this.key = key;
        this.value = value;
    }

    /**
     * The layout of a table with physical row {@code physical}.
     *
     * @param keyFormat whether the table has a key format
     */
    static RowLayout of(
            TableOptionChecks checks,
            DataType physical,
            List<String> keyFields,
            ValueFieldsInclude include,
            boolean keyFormat) {
        List<String> names = DataTypeUtils.flattenToNames(physical);
        if (keyFormat && keyFields.isEmpty()) {
            throw checks.invalid(
                    "option '"
                            + FloeTableOptions.KEY_FORMAT.key()
                            + "' needs option '"
                            + FloeTableOptions.KEY_FIELDS.key()
                            + "', the columns of the key");
        }
        if (!keyFormat && !keyFields.isEmpty()) {
            throw checks.invalid(
                    "option '"
                            + FloeTableOptions.KEY_FIELDS.key()
                            + "' needs option '"
                            + FloeTableOptions.KEY_FORMAT.key()
                            + "', the format the key columns are written in");
        }
        int[] key = new int[keyFields.size()];
        for (int i = 0; i < key.length; i++) {
            key[i] = names.indexOf(keyFields.get(i));
            if (key[i] < 0) {
                throw checks.invalid(
                        FloeTableOptions.KEY_FIELDS,
                        String.join(";", keyFields),
                        "'"
                                + keyFields.get(i)
                                + "' is not a physical column; the physical columns are "
                                + names);
            }
        }
        int[] value =
                include == ValueFieldsInclude.ALL
                        ? IntStream.range(0, names.size()).toArray()
                        : IntStream.range(0, names.size())
                                .filter(i -> Arrays.stream(key).noneMatch(k -> k == i))
                                .toArray();
        if (value.length == 0) {
            throw checks.invalid(
                    FloeTableOptions.VALUE_FIELDS_INCLUDE,
                    include.name(),
                    "it leaves the value without columns");
        }
        return new RowLayout(physical, key, value);
    }

    DataType physical() {
        return physical;
    }

    int physicalCount() {
        return names.size();
    }

    String name(int field) {
        return names.get(field);
    }

    /** Positions of the key's columns in the physical row, in the key's order. */
    int[] key() {
        return key.clone();
    }

    /** Positions of the value's columns in the physical row, in the value's order. */
    int[] value() {
        return value.clone();
    }

    DataType keyType() {
        return Projection.of(key).project(physical);
    }

    DataType valueType() {
        return Projection.of(value).project(physical);
    }

    /** The value's columns, as a row type that is not null (the Avro record of a value). */
    RowType valueRowType() {
        return (RowType) valueType().getLogicalType().copy(false);
    }

    /** The value's columns among {@code fields}, positions in the physical row, in value order. */
    int[] valueAmong(int[] fields) {
        List<Integer> out = new ArrayList<>();
        for (int v : value) {
            if (Arrays.stream(fields).anyMatch(f -> f == v)) {
                out.add(v);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
