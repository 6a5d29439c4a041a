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
package dev.floe.flink.table.catalog;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.DataType;

/**
 * The metadata columns every table of the catalog has after its value columns, each read from (and,
 * unless virtual, written to) the record's metadata of the same key. Immutable.
 */
@Internal
enum StreamMetadata {
    OFFSET("offset", DataTypes.BIGINT(), true),
    TIMESTAMP("timestamp", DataTypes.TIMESTAMP_LTZ(3), false),
    PARTITION("partition", DataTypes.INT(), true),
    HEADERS("headers", DataTypes.MAP(DataTypes.STRING(), DataTypes.BYTES()), false);

    /** Put before a metadata column's name when a value column has the name already. */
    static final String CLASH_PREFIX = "_";

    private final String key;
    private final DataType type;
    private final boolean virtual;

    StreamMetadata(String key, DataType type, boolean virtual) {
        this.key = key;
        this.type = type;
        this.virtual = virtual;
    }

    /** The metadata key, which is also the column's name. */
    String key() {
        return key;
    }

    DataType type() {
        return type;
    }

    /** Whether the column is read-only: an INSERT leaves it out. */
    boolean virtual() {
        return virtual;
    }
}
