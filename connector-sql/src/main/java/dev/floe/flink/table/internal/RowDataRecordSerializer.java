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

import dev.floe.flink.sink.FloeRecordSerializer;
import dev.floe.wal.record.Header;
import dev.floe.wal.record.WalRecord;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.MapData;
import org.apache.flink.table.data.RowData;

/**
 * Writes a table's rows as Floe records: the key columns through the key format, the value columns
 * through the value format (each given the whole consumed row), and the timestamp and headers from
 * their metadata columns when the table writes them. Used by one sink writer (or routing) thread
 * per instance.
 */
final class RowDataRecordSerializer implements FloeRecordSerializer<RowData> {

    private static final long serialVersionUID = 1L;

    /** Position of a metadata column that is not written. */
    static final int ABSENT = -1;

    private final SerializationSchema<RowData> keyFormat;
    private final SerializationSchema<RowData> valueFormat;
    private final int timestampPosition;
    private final int headersPosition;
    private final String valueSchema;

    /**
     * @param keyFormat writes the key columns of a consumed row, or null for records without key
     * @param valueFormat writes the value columns of a consumed row
     * @param timestampPosition where the consumed row holds the timestamp column, or {@link
     *     #ABSENT}
     * @param headersPosition where the consumed row holds the headers column, or {@link #ABSENT}
     * @param valueSchema the Avro value schema (JSON) the value format writes, or null
     */
    RowDataRecordSerializer(
            SerializationSchema<RowData> keyFormat,
            SerializationSchema<RowData> valueFormat,
            int timestampPosition,
            int headersPosition,
            String valueSchema) {
        this.keyFormat = keyFormat;
        this.valueFormat = valueFormat;
        this.timestampPosition = timestampPosition;
        this.headersPosition = headersPosition;
        this.valueSchema = valueSchema;
    }

    @Override
    public void open(SerializationSchema.InitializationContext context) throws Exception {
        if (keyFormat != null) {
            keyFormat.open(context);
        }
        valueFormat.open(context);
    }

    @Override
    public WalRecord serialize(RowData row, Long timestamp) {
        byte[] value = valueFormat.serialize(row);
        if (value == null) {
            throw new IllegalArgumentException("the value format wrote nothing for the row");
        }
        return new WalRecord(timestamp(row, timestamp), serializeKey(row), value, headers(row));
    }

    @Override
    public byte[] serializeKey(RowData row) {
        return keyFormat == null ? null : keyFormat.serialize(row);
    }

    @Override
    public String valueSchema() {
        return valueSchema;
    }

    private long timestamp(RowData row, Long flinkTimestamp) {
        if (timestampPosition != ABSENT && !row.isNullAt(timestampPosition)) {
            return row.getTimestamp(timestampPosition, 3).getMillisecond();
        }
        return flinkTimestamp != null ? flinkTimestamp : System.currentTimeMillis();
    }

    private List<Header> headers(RowData row) {
        if (headersPosition == ABSENT || row.isNullAt(headersPosition)) {
            return List.of();
        }
        MapData map = row.getMap(headersPosition);
        ArrayData keys = map.keyArray();
        ArrayData values = map.valueArray();
        List<Header> headers = new ArrayList<>(map.size());
        for (int i = 0; i < map.size(); i++) {
            if (keys.isNullAt(i)) {
                throw new IllegalArgumentException("a header without a name (a null map key)");
            }
            byte[] value = values.isNullAt(i) ? null : values.getBinary(i);
            headers.add(new Header(keys.getString(i).toString(), value));
        }
        return headers;
    }
}
