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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.record.WalRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class ParquetObjectRoundTripTest {

    private static final ParquetObjectOptions SMALL_GROUPS =
            ParquetObjectOptions.builder().rowGroupBytes(64 * 1024).pageBytes(8 * 1024).build();

    static byte[] write(
            ParquetObjectSchema schema,
            ParquetObjectOptions options,
            long from,
            long to,
            LongFunction<LoggedRecord> records)
            throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (ParquetObjectWriter writer =
                ParquetObjectWriter.open(sink, "test-object", schema, 3, options)) {
            for (long offset = from; offset < to; offset++) {
                writer.write(records.apply(offset));
            }
            ParquetObjectSummary summary = writer.finish();
            assertThat(summary.sizeBytes()).isEqualTo(sink.size());
        }
        return sink.toByteArray();
    }

    static List<LoggedRecord> readAll(ParquetObjectReader reader, ReadRequest request)
            throws IOException {
        List<LoggedRecord> out = new ArrayList<>();
        try (ParquetRecordIterator it = reader.read(request)) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    static List<LoggedRecord> expected(long from, long to, LongFunction<LoggedRecord> records) {
        List<LoggedRecord> out = new ArrayList<>();
        for (long offset = from; offset < to; offset++) {
            out.add(records.apply(offset));
        }
        return out;
    }

    @Test
    void bytesValuedRecordsComeBackExactlyWithKeysHeadersAndTimestamps() throws IOException {
        LongFunction<LoggedRecord> records = o -> TestRecords.bytes(o, (int) (o % 50));
        byte[] object =
                write(ParquetObjectSchema.bytesValued(), SMALL_GROUPS, 1_000, 6_000, records);

        ParquetObjectReader reader =
                ParquetObjectReader.open(RecordingRangeSource.of(object), "test-object");

        assertThat(reader.partition()).isEqualTo(3);
        assertThat(reader.startOffset()).isEqualTo(1_000);
        assertThat(reader.endOffset()).isEqualTo(6_000);
        assertThat(reader.schema().typed()).isFalse();
        assertThat(reader.rowGroups()).hasSizeGreaterThan(1);
        assertThat(readAll(reader, ReadRequest.all()))
                .containsExactlyElementsOf(expected(1_000, 6_000, records));
        assertThat(readAll(reader, ReadRequest.offsets(2_500, 2_510)))
                .containsExactlyElementsOf(expected(2_500, 2_510, records));
        assertThat(readAll(reader, ReadRequest.offsets(0, 1_000))).isEmpty();
    }

    @Test
    void aSharedObjectReadsEachPartitionFromItsOwnRowGroups() throws IOException {
        LongFunction<LoggedRecord> records = o -> TestRecords.bytes(o, 40);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        Map<Integer, ParquetObjectSummary> summaries;
        try (ParquetObjectWriter writer =
                ParquetObjectWriter.openShared(
                        sink, "shared", ParquetObjectSchema.bytesValued(), SMALL_GROUPS)) {
            writer.startPartition(2);
            for (long offset = 500; offset < 4_500; offset++) {
                writer.write(records.apply(offset));
            }
            writer.startPartition(5);
            writer.startPartition(7);
            for (long offset = 0; offset < 10; offset++) {
                writer.write(records.apply(offset));
            }
            summaries = writer.finishShared();
        }
        assertThat(summaries).containsOnlyKeys(2, 7);
        assertThat(summaries.get(2).startOffset()).isEqualTo(500);
        assertThat(summaries.get(2).endOffset()).isEqualTo(4_500);
        assertThat(summaries.get(7).rowCount()).isEqualTo(10);
        assertThat(summaries.get(7).rowGroups()).isOne();
        assertThat(summaries.get(7).sizeBytes()).isEqualTo(sink.size());
        byte[] object = sink.toByteArray();

        RecordingRangeSource source = RecordingRangeSource.of(object);
        ParquetObjectFooter footer =
                ParquetObjectFooter.read(
                        source, "shared", ParquetObjectReader.DEFAULT_READ_AHEAD_BYTES, false);
        assertThat(footer.partitions()).containsExactly(2, 7);
        assertThat(footer.startOffset(7)).isZero();
        ParquetObjectReader big = footer.partition(2);
        assertThat(big.rowGroups()).hasSizeGreaterThan(1).allMatch(rg -> rg.partition() == 2);
        assertThat(readAll(big, ReadRequest.all()))
                .containsExactlyElementsOf(expected(500, 4_500, records));
        ParquetObjectReader small = ParquetObjectReader.open(source, "shared", 7, 1024);
        assertThat(small.rowGroups()).singleElement();
        source.clear();
        assertThat(readAll(small, ReadRequest.all()))
                .containsExactlyElementsOf(expected(0, 10, records));
        RowGroupInfo own = small.rowGroups().get(0);
        assertThat(source.reads())
                .as("reads of partition 7 stay within its row group")
                .allMatch(
                        r ->
                                r.position() >= own.filePosition()
                                        && r.position() + r.length()
                                                <= own.filePosition()
                                                        + Math.max(own.compressedBytes(), 1024));

        assertThatThrownBy(() -> ParquetObjectReader.open(source, "shared", 5))
                .isInstanceOf(ParquetObjectException.class)
                .hasMessageContaining("holds no records of partition 5");
        assertThatThrownBy(() -> ParquetObjectReader.open(source, "shared"))
                .isInstanceOf(ParquetObjectException.class)
                .hasMessageContaining("holds partitions [2, 7]");
    }

    @Test
    void aSharedObjectRefusesPartitionsOutOfOrder() throws IOException {
        try (ParquetObjectWriter writer =
                ParquetObjectWriter.openShared(
                        new ByteArrayOutputStream(),
                        "shared",
                        ParquetObjectSchema.bytesValued(),
                        SMALL_GROUPS)) {
            writer.startPartition(4);
            assertThatThrownBy(() -> writer.startPartition(4))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("increasing");
        }
    }

    @Test
    void typedValuesComeBackAsTheSameAvroBytes() throws IOException {
        ParquetObjectSchema schema = ParquetObjectSchema.forValueSchema(TestRecords.ORDER_SCHEMA);
        byte[] object = write(schema, SMALL_GROUPS, 0, 3_000, TestRecords::typed);

        ParquetObjectReader reader =
                ParquetObjectReader.open(RecordingRangeSource.of(object), "typed-object");

        assertThat(reader.schema().valueSchema()).isEqualTo(TestRecords.ORDER);
        List<LoggedRecord> read = readAll(reader, ReadRequest.all());
        // Byte equality covers map entry order: maps are written with keys out of order.
        assertThat(read).containsExactlyElementsOf(expected(0, 3_000, TestRecords::typed));
        GenericRecord decoded = TestRecords.decode(TestRecords.ORDER, read.get(13).value());
        assertThat(decoded).isEqualTo(TestRecords.order(13));
    }

    @Test
    void projectionReturnsTheChosenValueFieldsOnly() throws IOException {
        ParquetObjectSchema schema = ParquetObjectSchema.forValueSchema(TestRecords.ORDER_SCHEMA);
        byte[] object = write(schema, SMALL_GROUPS, 0, 500, TestRecords::typed);
        ParquetObjectReader reader =
                ParquetObjectReader.open(RecordingRangeSource.of(object), "typed-object");
        ReadRequest request =
                ReadRequest.offsets(100, 200)
                        .withValueFields(List.of("tags", "customer", "address"));

        Schema projected = reader.valueSchema(request);
        List<LoggedRecord> read = readAll(reader, request);

        assertThat(projected.getFields())
                .extracting(Schema.Field::name)
                .containsExactly("customer", "address", "tags");
        assertThat(read).hasSize(100);
        for (LoggedRecord r : read) {
            GenericRecord full = TestRecords.order(r.offset());
            GenericRecord value = TestRecords.decode(projected, r.value());
            assertThat(value.get("customer").toString()).isEqualTo(full.get("customer").toString());
            assertThat(value.get("address")).isEqualTo(full.get("address"));
            assertThat(value.get("tags").toString()).isEqualTo(full.get("tags").toString());
            assertThat(r.key()).isEqualTo(TestRecords.typed(r.offset()).key());
        }
        assertThatThrownBy(() -> reader.read(ReadRequest.all().withValueFields(List.of("nope"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'nope'")
                .hasMessageContaining("customer");
    }

    @Test
    void flatValueFieldsReadStraightFromTheirColumnsEncodeAsTheProjectionOfTheWholeValue()
            throws IOException {
        ParquetObjectSchema schema = ParquetObjectSchema.forValueSchema(TestRecords.ORDER_SCHEMA);
        byte[] object = write(schema, SMALL_GROUPS, 0, 2_000, TestRecords::typed);
        ParquetObjectReader reader =
                ParquetObjectReader.open(RecordingRangeSource.of(object), "typed-object");
        // Every flat kind: primitives, string, bytes, nullable either way, enum, fixed, logical.
        List<String> flatFields =
                List.of(
                        "id",
                        "quantity",
                        "price",
                        "ratio",
                        "paid",
                        "customer",
                        "blob",
                        "note",
                        "discount",
                        "created",
                        "status",
                        "code");
        ValueProjection reference = ValueProjection.of(schema, flatFields);
        assertThat(FlatValueColumns.supports(reference.projectedSchema())).isTrue();
        assertThat(FlatValueColumns.supports(TestRecords.ORDER)).isFalse();

        // From the middle of a row group (rows before it are skipped), and with a timestamp
        // filter that skips rows among those returned.
        long minTimestamp = TestRecords.typed(900).timestamp();
        for (ReadRequest request :
                List.of(
                        ReadRequest.offsets(777, 1_900).withValueFields(flatFields),
                        ReadRequest.timestamps(minTimestamp, Long.MAX_VALUE)
                                .withValueFields(flatFields))) {
            List<LoggedRecord> read = readAll(reader, request);
            assertThat(read).isNotEmpty();
            for (LoggedRecord r : read) {
                LoggedRecord whole = TestRecords.typed(r.offset());
                assertThat(r.value()).isEqualTo(reference.apply(whole.value()));
                assertThat(r.key()).isEqualTo(whole.key());
                assertThat(r.record().headers()).isEqualTo(whole.record().headers());
            }
        }
    }

    @Test
    void writerRejectsOffsetsThatAreNotDense() throws IOException {
        try (ParquetObjectWriter writer =
                ParquetObjectWriter.open(
                        new ByteArrayOutputStream(),
                        "gappy",
                        ParquetObjectSchema.bytesValued(),
                        0,
                        ParquetObjectOptions.defaults())) {
            writer.write(TestRecords.bytes(10, 4));
            assertThatThrownBy(() -> writer.write(TestRecords.bytes(12, 4)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("gappy")
                    .hasMessageContaining("offset 12 follows offset 10");
            assertThatThrownBy(() -> writer.write(TestRecords.bytes(10, 4)))
                    .hasMessageContaining("offset 10 follows offset 10");
            writer.write(TestRecords.bytes(11, 4));
            assertThat(writer.finish().endOffset()).isEqualTo(12);
        }
    }

    @Test
    void valueThatIsNotAvroOfTheSchemaFailsTheWriterNamingTheOffset() throws IOException {
        ParquetObjectSchema schema = ParquetObjectSchema.forValueSchema(TestRecords.ORDER_SCHEMA);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (ParquetObjectWriter writer =
                ParquetObjectWriter.open(
                        sink, "bad-value", schema, 0, ParquetObjectOptions.defaults())) {
            writer.write(TestRecords.typed(0));
            LoggedRecord garbage = new LoggedRecord(1, WalRecord.of(1, null, new byte[] {2, 4}));
            assertThatThrownBy(() -> writer.write(garbage))
                    .isInstanceOf(ParquetObjectException.class)
                    .hasMessageContaining("bad-value")
                    .hasMessageContaining("offset 1")
                    .hasMessageContaining("shop.Order");
            assertThatThrownBy(() -> writer.write(TestRecords.typed(1)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("failed");
        }
    }

    @Test
    void trailingBytesAfterATypedValueAreRejected() throws IOException {
        ParquetObjectSchema schema = ParquetObjectSchema.forValueSchema(TestRecords.ORDER_SCHEMA);
        byte[] value = TestRecords.typed(5).value();
        byte[] longer = Arrays.copyOf(value, value.length + 1);
        try (ParquetObjectWriter writer =
                ParquetObjectWriter.open(
                        new ByteArrayOutputStream(),
                        "trailing",
                        schema,
                        0,
                        ParquetObjectOptions.defaults())) {
            assertThatThrownBy(
                            () -> writer.write(new LoggedRecord(5, WalRecord.of(1, null, longer))))
                    .isInstanceOf(ParquetObjectException.class)
                    .hasMessageContaining("bytes are left");
        }
    }

    @Test
    void closingWithoutFinishSendsNothingMore() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        ParquetObjectWriter writer =
                ParquetObjectWriter.open(
                        sink,
                        "abandoned",
                        ParquetObjectSchema.bytesValued(),
                        0,
                        ParquetObjectOptions.defaults());
        writer.write(TestRecords.bytes(0, 10));
        int before = sink.size();
        writer.close();
        assertThat(sink.size()).isEqualTo(before);
        assertThatThrownBy(writer::finish).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anEmptyObjectCannotBeFinished() throws IOException {
        try (ParquetObjectWriter writer =
                ParquetObjectWriter.open(
                        new ByteArrayOutputStream(),
                        "empty",
                        ParquetObjectSchema.bytesValued(),
                        0,
                        ParquetObjectOptions.defaults())) {
            assertThatThrownBy(writer::finish)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("empty")
                    .hasMessageContaining("no records");
        }
    }

    @Test
    void everyCompressionRoundTrips() throws IOException {
        for (ParquetObjectOptions.Compression c : ParquetObjectOptions.Compression.values()) {
            ParquetObjectOptions options = ParquetObjectOptions.builder().compression(c).build();
            LongFunction<LoggedRecord> records = o -> TestRecords.bytes(o, 64);
            byte[] object = write(ParquetObjectSchema.bytesValued(), options, 0, 2_000, records);
            ParquetObjectReader reader =
                    ParquetObjectReader.open(RecordingRangeSource.of(object), c.name());
            assertThat(readAll(reader, ReadRequest.all()))
                    .as(c.name())
                    .containsExactlyElementsOf(expected(0, 2_000, records));
        }
    }

    @Test
    void theZstdLevelChangesTheObjectsSizeNotItsRecords() throws IOException {
        LongFunction<LoggedRecord> records = o -> TestRecords.bytes(o, 200);
        List<Integer> sizes = new ArrayList<>();
        for (int level : new int[] {1, 9}) {
            ParquetObjectOptions options = ParquetObjectOptions.builder().zstdLevel(level).build();
            byte[] object = write(ParquetObjectSchema.bytesValued(), options, 0, 5_000, records);
            ParquetObjectReader reader =
                    ParquetObjectReader.open(RecordingRangeSource.of(object), "level-" + level);
            assertThat(readAll(reader, ReadRequest.all()))
                    .as("level %d", level)
                    .containsExactlyElementsOf(expected(0, 5_000, records));
            sizes.add(object.length);
        }
        assertThat(sizes.get(1)).isNotEqualTo(sizes.get(0));
    }

    @Test
    void optionsRejectValuesOutOfRange() {
        assertThatThrownBy(() -> ParquetObjectOptions.builder().zstdLevel(23))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("zstdLevel")
                .hasMessageContaining("23");
        assertThatThrownBy(() -> ParquetObjectOptions.builder().rowGroupBytes(1024))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rowGroupBytes");
        assertThatThrownBy(() -> ParquetObjectOptions.builder().pageBytes(10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pageBytes");
        ParquetObjectOptions defaults = ParquetObjectOptions.defaults();
        assertThat(defaults.compression()).isEqualTo(ParquetObjectOptions.Compression.ZSTD);
        assertThat(defaults.zstdLevel()).isEqualTo(1);
    }

    @Test
    void aFileThatIsNotAFloeObjectIsRefusedByName() {
        byte[] notParquet = "not parquet at all, just some text bytes".getBytes();
        assertThatThrownBy(
                        () -> ParquetObjectReader.open(RecordingRangeSource.of(notParquet), "junk"))
                .hasMessageContaining("junk");
    }

    @Test
    void aDamagedRowGroupIsReportedWithObjectAndOffset() throws IOException {
        ParquetObjectOptions options =
                ParquetObjectOptions.builder()
                        .compression(ParquetObjectOptions.Compression.UNCOMPRESSED)
                        .dictionary(false)
                        .build();
        LongFunction<LoggedRecord> records = o -> TestRecords.bytes(o, 8);
        byte[] object = write(ParquetObjectSchema.bytesValued(), options, 0, 100, records);
        ParquetObjectReader reader =
                ParquetObjectReader.open(RecordingRangeSource.of(object), "damaged");
        // Plain, uncompressed pages store the _offset column as 8-byte little-endian longs: find
        // offsets 1..5 and turn offset 5 into 99.
        int found = indexOf(object, littleEndianLongs(1, 2, 3, 4, 5));
        assertThat(found).isPositive();
        int row5 = found + 4 * Long.BYTES;
        assertThat(Arrays.copyOfRange(object, row5, row5 + 8)).isEqualTo(littleEndianLongs(5));
        object[row5] = 99;

        ParquetObjectReader damaged =
                ParquetObjectReader.open(RecordingRangeSource.of(object), "damaged");
        assertThat(damaged.rowGroups()).isEqualTo(reader.rowGroups());
        assertThatThrownBy(() -> readAll(damaged, ReadRequest.all()))
                .isInstanceOf(ParquetObjectException.class)
                .hasMessageContaining("damaged")
                .hasMessageContaining("expected offset 5, found 99");
    }

    private static byte[] littleEndianLongs(long... values) {
        ByteBuffer buffer =
                ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            buffer.putLong(v);
        }
        return buffer.array();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
