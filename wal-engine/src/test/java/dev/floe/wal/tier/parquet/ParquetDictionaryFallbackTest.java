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

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.record.WalRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.function.LongFunction;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.junit.jupiter.api.Test;

class ParquetDictionaryFallbackTest {

    private static final int PARTITIONS = 4;

    /** Rows of partition 0: more distinct quantities than a 4 KiB dictionary holds. */
    private static final int FIRST_ROWS = 2_000;

    /** Rows of the other partitions: ten orders repeated, whose quantities fit a dictionary. */
    private static final int LATER_ROWS = 100;

    @Test
    void aColumnWhoseDictionaryFellBackIsWrittenPlainInTheObjectsLaterRowGroups()
            throws IOException {
        LongFunction<LoggedRecord> unique = TestRecords::typed;
        LongFunction<LoggedRecord> repeating =
                offset ->
                        new LoggedRecord(
                                offset,
                                new WalRecord(
                                        offset,
                                        null,
                                        TestRecords.encode(TestRecords.order(offset % 10)),
                                        List.of()));
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (ParquetObjectWriter writer =
                ParquetObjectWriter.openShared(
                        sink,
                        "shared",
                        ParquetObjectSchema.forValueSchema(TestRecords.ORDER_SCHEMA),
                        ParquetObjectOptions.builder().pageBytes(4 * 1024).build())) {
            for (int p = 0; p < PARTITIONS; p++) {
                writer.startPartition(p);
                for (long offset = 0; offset < rows(p); offset++) {
                    writer.write((p == 0 ? unique : repeating).apply(offset));
                }
            }
            writer.finishShared();
        }
        byte[] object = sink.toByteArray();

        List<BlockMetaData> rowGroups;
        try (ParquetFileReader reader =
                ParquetFileReader.open(
                        new RangeInputFile(RecordingRangeSource.of(object), "shared", 1024))) {
            rowGroups = reader.getFooter().getBlocks();
        }
        assertThat(rowGroups).hasSize(PARTITIONS);
        assertThat(usesDictionary(rowGroups.get(0), "quantity")).isFalse();
        for (BlockMetaData later : rowGroups.subList(1, PARTITIONS)) {
            assertThat(usesDictionary(later, "quantity"))
                    .as("the object stopped trying a dictionary that fell back")
                    .isFalse();
            assertThat(usesDictionary(later, "status"))
                    .as("a column whose dictionary held keeps it")
                    .isTrue();
        }
        for (int p = 0; p < PARTITIONS; p++) {
            ParquetObjectReader partition =
                    ParquetObjectReader.open(RecordingRangeSource.of(object), "shared", p);
            assertThat(ParquetObjectRoundTripTest.readAll(partition, ReadRequest.all()))
                    .containsExactlyElementsOf(
                            ParquetObjectRoundTripTest.expected(
                                    0, rows(p), p == 0 ? unique : repeating));
        }
    }

    private static int rows(int partition) {
        return partition == 0 ? FIRST_ROWS : LATER_ROWS;
    }

    private static boolean usesDictionary(BlockMetaData rowGroup, String column) {
        ColumnChunkMetaData chunk =
                rowGroup.getColumns().stream()
                        .filter(c -> c.getPath().toDotString().equals(column))
                        .findFirst()
                        .orElseThrow();
        return chunk.getEncodings().stream().anyMatch(Encoding::usesDictionary);
    }
}
