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

import dev.floe.wal.record.Header;
import dev.floe.wal.record.LoggedRecord;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.GenericMapData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.DataType;

/** The metadata columns a Floe table reads, with their types and values. Stateless. */
enum ReadableMetadata {
    OFFSET("offset", DataTypes.BIGINT().notNull()) {
        @Override
        Object read(LoggedRecord record, int partition) {
            return record.offset();
        }
    },
    TIMESTAMP("timestamp", DataTypes.TIMESTAMP_LTZ(3).notNull()) {
        @Override
        Object read(LoggedRecord record, int partition) {
            return TimestampData.fromEpochMillis(record.timestamp());
        }
    },
    PARTITION("partition", DataTypes.INT().notNull()) {
        @Override
        Object read(LoggedRecord record, int partition) {
            return partition;
        }
    },
    HEADERS(
            "headers",
            DataTypes.MAP(DataTypes.STRING().nullable(), DataTypes.BYTES().nullable()).notNull()) {
        @Override
        Object read(LoggedRecord record, int partition) {
            Map<StringData, byte[]> headers = new LinkedHashMap<>();
            for (Header h : record.record().headers()) {
                headers.put(StringData.fromString(h.key()), h.value());
            }
            return new GenericMapData(headers);
        }
    },
    /** The key bytes; only for tables without a key format. */
    KEY("key", DataTypes.BYTES().nullable()) {
        @Override
        Object read(LoggedRecord record, int partition) {
            return record.key();
        }
    };

    final String key;
    final DataType type;

    ReadableMetadata(String key, DataType type) {
        this.key = key;
        this.type = type;
    }

    /** The column's value for {@code record} of {@code partition}, in Flink's internal form. */
    abstract Object read(LoggedRecord record, int partition);

    static ReadableMetadata of(String key) {
        for (ReadableMetadata m : values()) {
            if (m.key.equals(key)) {
                return m;
            }
        }
        throw new IllegalArgumentException("no readable metadata column '" + key + "'");
    }
}
