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

import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;

/**
 * Serializes some columns of consumed rows through a format that writes rows of just those columns:
 * each row is projected onto them first. Not thread-safe, as the format is not.
 */
final class ProjectingSerializationSchema implements SerializationSchema<RowData> {

    private static final long serialVersionUID = 1L;

    private final SerializationSchema<RowData> format;
    private final RowData.FieldGetter[] fields;

    /**
     * @param format writes rows of the projected columns
     * @param fields the getters of the projected columns of a consumed row, in the format's order
     */
    ProjectingSerializationSchema(
            SerializationSchema<RowData> format, RowData.FieldGetter[] fields) {
        this.format = format;
        this.fields = fields.clone();
    }

    @Override
    public void open(InitializationContext context) throws Exception {
        format.open(context);
    }

    @Override
    public byte[] serialize(RowData row) {
        GenericRowData projected = new GenericRowData(row.getRowKind(), fields.length);
        for (int i = 0; i < fields.length; i++) {
            projected.setField(i, fields[i].getFieldOrNull(row));
        }
        return format.serialize(projected);
    }
}
