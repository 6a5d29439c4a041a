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
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.junit.jupiter.api.Test;

/** A scan's rows: value columns where the query wants them, then the metadata columns. */
class RowDataDeserializerTest {

    private static final RowType VALUE =
            (RowType)
                    DataTypes.ROW(
                                    DataTypes.FIELD("id", DataTypes.BIGINT().notNull()),
                                    DataTypes.FIELD("name", DataTypes.STRING()))
                            .notNull()
                            .getLogicalType();
    private static final LogicalType ID = VALUE.getTypeAt(0);
    private static final LogicalType NAME = VALUE.getTypeAt(1);

    private static final LoggedRecord RECORD =
            new LoggedRecord(
                    41,
                    new WalRecord(
                            1_000,
                            null,
                            new AvroRowEncoder(VALUE, NativeAvro.schema(VALUE), new int[] {0, 1})
                                    .encode(GenericRowData.of(7L, StringData.fromString("ada"))),
                            List.of()));

    @Test
    void readsTheValueColumnsInTheirOrder() throws Exception {
        List<Placement> inOrder = List.of(new Placement(ID, 0, 0), new Placement(NAME, 1, 1));

        assertThat(read(inOrder, List.of()))
                .containsExactly(GenericRowData.of(7L, StringData.fromString("ada")));
    }

    @Test
    void placesTheValueColumnsWhereTheQueryWantsThem() throws Exception {
        List<Placement> swapped = List.of(new Placement(ID, 0, 1), new Placement(NAME, 1, 0));

        assertThat(read(swapped, List.of()))
                .containsExactly(GenericRowData.of(StringData.fromString("ada"), 7L));
    }

    @Test
    void appendsTheMetadataColumns() throws Exception {
        List<Placement> inOrder = List.of(new Placement(ID, 0, 0), new Placement(NAME, 1, 1));

        assertThat(read(inOrder, List.of(ReadableMetadata.OFFSET, ReadableMetadata.PARTITION)))
                .containsExactly(GenericRowData.of(7L, StringData.fromString("ada"), 41L, 3));
    }

    private static List<RowData> read(List<Placement> value, List<ReadableMetadata> metadata)
            throws Exception {
        RowDataDeserializer deserializer =
                new RowDataDeserializer(
                        null,
                        NativeAvro.deserializer(VALUE, InternalTypeInfo.of(VALUE)),
                        List.of(),
                        value,
                        metadata,
                        2,
                        InternalTypeInfo.of(VALUE),
                        null);
        deserializer.open(null);
        List<RowData> rows = new ArrayList<>();
        deserializer.deserialize(RECORD, 3, new ListCollector<>(rows));
        return rows;
    }
}
