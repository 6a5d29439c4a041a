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

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.flink.table.internal.RowDataDeserializer.Placement;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.record.WalRecord;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

class RowDataDeserializerTest {

    /** Every value decodes to the row (kind UPDATE_AFTER) 7, "ada", 3. */
    private static final DeserializationSchema<RowData> VALUE =
            new DeserializationSchema<>() {
                @Override
                public RowData deserialize(byte[] message) {
                    GenericRowData row = GenericRowData.of(7L, StringData.fromString("ada"), 3);
                    row.setRowKind(RowKind.UPDATE_AFTER);
                    return row;
                }

                @Override
                public boolean isEndOfStream(RowData nextElement) {
                    return false;
                }

                @Override
                public TypeInformation<RowData> getProducedType() {
                    return TypeInformation.of(RowData.class);
                }
            };

    private static final RowData.FieldGetter ID = row -> row.getLong(0);
    private static final RowData.FieldGetter NAME = row -> row.getString(1);
    private static final RowData.FieldGetter SCORE = row -> row.getInt(2);

    @Test
    void valueRowOfExactlyTheOutputColumnsIsTheOutputRow() throws Exception {
        List<RowData> rows =
                read(
                        List.of(new Placement(ID, 0, 0), new Placement(NAME, 1, 1), placeScore(2)),
                        List.of(),
                        3);

        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getRowKind()).isEqualTo(RowKind.UPDATE_AFTER);
        assertThat(fields(rows.get(0))).containsExactly(7L, "ada", 3);
    }

    @Test
    void valueFieldsInAnotherOrderAreRearranged() throws Exception {
        List<RowData> rows =
                read(
                        List.of(new Placement(NAME, 1, 0), new Placement(ID, 0, 1), placeScore(2)),
                        List.of(),
                        3);

        assertThat(fields(rows.get(0))).containsExactly("ada", 7L, 3);
    }

    @Test
    void valueFieldsTheQueryDoesNotNeedAreLeftOut() throws Exception {
        List<RowData> rows =
                read(List.of(new Placement(ID, 0, 0), new Placement(NAME, 1, 1)), List.of(), 2);

        assertThat(fields(rows.get(0))).containsExactly(7L, "ada");
        assertThat(rows.get(0).getRowKind()).isEqualTo(RowKind.UPDATE_AFTER);
    }

    @Test
    void metadataColumnsFollowTheValueColumns() throws Exception {
        List<RowData> rows =
                read(
                        List.of(new Placement(ID, 0, 0), new Placement(NAME, 1, 1), placeScore(2)),
                        List.of(ReadableMetadata.OFFSET, ReadableMetadata.PARTITION),
                        3);

        assertThat(fields(rows.get(0))).containsExactly(7L, "ada", 3, 42L, 1);
    }

    private static Placement placeScore(int position) {
        return new Placement(SCORE, 2, position);
    }

    /** Reads one record at offset 42 of partition 1 with the value placed as {@code value}. */
    private static List<RowData> read(
            List<Placement> value, List<ReadableMetadata> metadata, int metadataStart)
            throws Exception {
        RowDataDeserializer deserializer =
                new RowDataDeserializer(
                        null,
                        VALUE,
                        List.of(),
                        value,
                        metadata,
                        metadataStart,
                        TypeInformation.of(RowData.class));
        deserializer.open(null);
        List<RowData> rows = new ArrayList<>();
        Collector<RowData> out = new ListCollector<>(rows);
        deserializer.deserialize(
                new LoggedRecord(42, new WalRecord(1_000L, null, new byte[] {1}, List.of())),
                1,
                out);
        return rows;
    }

    private static List<Object> fields(RowData row) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < row.getArity(); i++) {
            Object field = ((GenericRowData) row).getField(i);
            out.add(field instanceof StringData s ? s.toString() : field);
        }
        return out;
    }
}
