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
package dev.floe.wal.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.wal.format.RecordFrame.Check;
import dev.floe.wal.record.Header;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.record.WalRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

class RecordFrameTest {

    private static final int MAX_FRAME = 1 << 20;

    /**
     * A V1 frame as written by the first release: base offset 42, two records. Field by field:
     *
     * <pre>
     * 01                      magic
     * 000000000000002a        base offset 42
     * 0000004a                length 74 (frame is 13 + 74 = 87 bytes)
     * efba4551                CRC32C of bytes 17..86
     * 00                      attributes
     * 00000002                record count
     * record 42: 0000018bcfe56800 (ts 1700000000000)  00000003 6b6579 ("key")
     *            00000005 68656c6c6f ("hello")  0002 (2 headers)
     *            0005 7472616365 ("trace") 00000002 7431 ("t1")
     *            0002 c3a9 ("é") ffffffff (null value)
     * record 43: ffffffffffffffff (ts -1)  ffffffff (null key)  00000000 (empty value)  0000
     * </pre>
     *
     * The CRC was checked against an independent CRC32C implementation. If this test fails, old
     * logs no longer read: add a new magic version instead of changing V1.
     */
    private static final String V1_FRAME_HEX =
            "01000000000000002a0000004aefba455100000000020000018bcfe56800000000036b6579000000"
                    + "0568656c6c6f0002000574726163650000000274310002c3a9ffffffffffffffffffffffff"
                    + "ffffffff000000000000";

    private static List<WalRecord> v1FrameRecords() {
        return List.of(
                new WalRecord(
                        1_700_000_000_000L,
                        bytes("key"),
                        bytes("hello"),
                        List.of(Header.of("trace", "t1"), new Header("é", null))),
                new WalRecord(-1L, null, new byte[0], List.of()));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Records covering the shapes the format distinguishes. */
    private static List<WalRecord> variedRecords() {
        return List.of(
                WalRecord.of(0, null, new byte[0]),
                WalRecord.of(Long.MIN_VALUE, new byte[0], bytes("empty key, not null")),
                WalRecord.of(Long.MAX_VALUE, bytes("k"), new byte[0]),
                new WalRecord(
                        1234,
                        bytes("key-\u0000-with-nul"),
                        new byte[] {0, -1, 127, -128},
                        List.of(
                                new Header("nullable", null),
                                new Header("empty", new byte[0]),
                                Header.of("", "empty key"),
                                Header.of("ключ", "значение"),
                                Header.of("鍵🔑", "emoji key"))),
                new WalRecord(99, null, bytes("x".repeat(5000)), List.of(new Header("é", null))));
    }

    private static ByteBuffer encode(long base, List<WalRecord> records) {
        ByteBuffer buf = ByteBuffer.allocate(RecordFrame.frameSize(records, 0, records.size()));
        RecordFrame.write(buf, base, records, 0, records.size());
        return buf;
    }

    private static byte[] encodedBytes(long base, List<WalRecord> records) {
        return encode(base, records).array();
    }

    private static Check check(byte[] frame) {
        return RecordFrame.check(ByteBuffer.wrap(frame), 0, frame.length, MAX_FRAME);
    }

    @Test
    void singleRecordRoundTripsWithItsOffset() {
        for (WalRecord r : variedRecords()) {
            ByteBuffer buf = ByteBuffer.allocate(RecordFrame.FRAME_OVERHEAD + 6000);
            int written = RecordFrame.write(buf, 7, r);

            assertThat(written)
                    .isEqualTo(buf.position())
                    .isEqualTo(RecordFrame.FRAME_OVERHEAD + RecordFrame.recordSize(r))
                    .isEqualTo(RecordFrame.frameSize(List.of(r), 0, 1))
                    .isEqualTo(RecordFrame.frameSize(buf, 0));
            assertThat(RecordFrame.check(buf, 0, written, MAX_FRAME)).isEqualTo(Check.VALID);
            assertThat(RecordFrame.baseOffset(buf, 0)).isEqualTo(7);
            assertThat(RecordFrame.recordCount(buf, 0)).isEqualTo(1);
            assertThat(RecordFrame.endOffset(buf, 0)).isEqualTo(8);

            List<LoggedRecord> decoded = RecordFrame.decode(buf, 0);
            assertThat(decoded).hasSize(1);
            assertThat(decoded.get(0).offset()).isEqualTo(7);
            assertThat(decoded.get(0).record()).isEqualTo(r);
            assertThat(decoded.get(0).key()).isEqualTo(r.key());
        }
    }

    @Test
    void nullAndEmptyKeysAndHeaderValuesStayDistinct() {
        WalRecord r =
                new WalRecord(
                        5,
                        null,
                        new byte[0],
                        List.of(new Header("a", null), new Header("b", new byte[0])));
        WalRecord back = RecordFrame.decode(encode(0, List.of(r)), 0).get(0).record();
        assertThat(back.key()).isNull();
        assertThat(back.value()).isEmpty();
        assertThat(back.headers().get(0).value()).isNull();
        assertThat(back.headers().get(1).value()).isNotNull().isEmpty();

        WalRecord emptyKey = WalRecord.of(5, new byte[0], new byte[0]);
        assertThat(RecordFrame.decode(encode(0, List.of(emptyKey)), 0).get(0).key())
                .isNotNull()
                .isEmpty();
        assertThat(RecordFrame.recordSize(emptyKey)).isEqualTo(RecordFrame.recordSize(r) - 14);
    }

    @Test
    void unicodeHeaderKeysAreSizedAndStoredAsUtf8() {
        for (String key : List.of("é", "ключ", "鍵", "🔑", "a🔑b", "\u0000")) {
            WalRecord r = new WalRecord(1, null, new byte[0], List.of(new Header(key, null)));
            int utf8 = key.getBytes(StandardCharsets.UTF_8).length;
            assertThat(RecordFrame.recordSize(r))
                    .as("size of a record with header key %s", key)
                    .isEqualTo(RecordFrame.RECORD_OVERHEAD + 2 + utf8 + 4);
            ByteBuffer buf = encode(3, List.of(r));
            assertThat(buf.position()).isEqualTo(RecordFrame.FRAME_OVERHEAD + 18 + 6 + utf8);
            assertThat(RecordFrame.decode(buf, 0).get(0).record().headers().get(0).key())
                    .isEqualTo(key);
        }
    }

    @Test
    void batchFrameRoundTripsASubRangeWithConsecutiveOffsets() {
        List<WalRecord> records = new ArrayList<>(variedRecords());
        records.addAll(v1FrameRecords());
        int from = 1;
        int to = records.size() - 1;
        int size = RecordFrame.frameSize(records, from, to);
        int expected = RecordFrame.FRAME_OVERHEAD;
        for (int i = from; i < to; i++) {
            expected += RecordFrame.recordSize(records.get(i));
        }
        assertThat(size).isEqualTo(expected);

        ByteBuffer buf = ByteBuffer.allocate(size + 10);
        buf.position(10);
        int written = RecordFrame.write(buf, 1_000_000_000_000L, records, from, to);
        assertThat(written).isEqualTo(size);
        assertThat(buf.position()).isEqualTo(10 + size);

        buf.position(3);
        assertThat(RecordFrame.check(buf, 10, 10 + size, MAX_FRAME)).isEqualTo(Check.VALID);
        assertThat(buf.position()).as("check must not move the position").isEqualTo(3);
        assertThat(RecordFrame.frameSize(buf, 10)).isEqualTo(size);
        assertThat(RecordFrame.recordCount(buf, 10)).isEqualTo(to - from);
        assertThat(RecordFrame.endOffset(buf, 10)).isEqualTo(1_000_000_000_000L + to - from);

        List<LoggedRecord> decoded = RecordFrame.decode(buf, 10);
        assertThat(decoded).hasSize(to - from);
        for (int i = 0; i < decoded.size(); i++) {
            assertThat(decoded.get(i).offset()).isEqualTo(1_000_000_000_000L + i);
            assertThat(decoded.get(i).record()).isEqualTo(records.get(from + i));
        }

        List<LoggedRecord> tail = new ArrayList<>();
        RecordFrame.decode(buf, 10, 1_000_000_000_002L, tail);
        assertThat(tail).extracting(LoggedRecord::offset).startsWith(1_000_000_000_002L);
        assertThat(tail).hasSize(to - from - 2);
        assertThat(tail.get(0).record()).isEqualTo(records.get(from + 2));
    }

    @Test
    void headerLimitsAreCheckedWhenSizingBeforeAnythingIsWritten() {
        // 21846 three-byte characters: under 65535 chars, over 65535 UTF-8 bytes.
        String wideKey = "鍵".repeat(21846);
        WalRecord wide = new WalRecord(1, null, new byte[0], List.of(new Header(wideKey, null)));
        assertThatThrownBy(() -> RecordFrame.recordSize(wide))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("65538");
        WalRecord many = new WalRecord(1, null, new byte[0], distinctHeaders(0x10000));
        assertThatThrownBy(() -> RecordFrame.recordSize(many))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("65536 headers");

        // The largest key and the most headers the format holds round-trip.
        WalRecord largest =
                new WalRecord(
                        1, null, new byte[0], List.of(new Header("k".repeat(0xFFFF), bytes("v"))));
        ByteBuffer buf = encode(0, List.of(largest));
        assertThat(buf.position()).isEqualTo(RecordFrame.FRAME_OVERHEAD + 18 + 6 + 0xFFFF + 1);
        assertThat(RecordFrame.decode(buf, 0).get(0).record()).isEqualTo(largest);
        WalRecord most = new WalRecord(1, null, new byte[0], distinctHeaders(0xFFFF));
        assertThat(RecordFrame.decode(encode(0, List.of(most)), 0).get(0).record()).isEqualTo(most);
    }

    @Test
    void emptyRangeIsRejected() {
        ByteBuffer buf = ByteBuffer.allocate(100);
        List<WalRecord> records = variedRecords();
        assertThatThrownBy(() -> RecordFrame.write(buf, 0, records, 2, 2))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyTruncationOfAValidFrameIsIncomplete() {
        for (List<WalRecord> records : List.of(List.of(variedRecords().get(3)), variedRecords())) {
            byte[] frame = encodedBytes(11, records);
            assertThat(check(frame)).isEqualTo(Check.VALID);
            for (int cut = 0; cut < frame.length; cut++) {
                byte[] prefix = Arrays.copyOf(frame, cut);
                assertThat(check(prefix))
                        .as("frame cut to %d bytes", cut)
                        .isEqualTo(Check.INCOMPLETE);
                // The same with the whole frame in the buffer but only part of it available.
                assertThat(RecordFrame.check(ByteBuffer.wrap(frame), 0, cut, MAX_FRAME))
                        .as("limit %d", cut)
                        .isEqualTo(Check.INCOMPLETE);
            }
        }
    }

    @Test
    void zeroOrUnknownMagicIsBadMagic() {
        byte[] frame = encodedBytes(0, variedRecords());
        for (int magic = 0; magic < 256; magic++) {
            if (magic == RecordFrame.MAGIC_V1) {
                continue;
            }
            byte[] damaged = frame.clone();
            damaged[RecordFrame.MAGIC_OFFSET] = (byte) magic;
            assertThat(check(damaged)).as("magic %d", magic).isEqualTo(Check.BAD_MAGIC);
            // Even when only the magic byte is available.
            assertThat(check(new byte[] {(byte) magic})).isEqualTo(Check.BAD_MAGIC);
        }
        assertThat(check(new byte[64])).as("unwritten (zero) space").isEqualTo(Check.BAD_MAGIC);
    }

    @Test
    void impossibleLengthsAreBadLength() {
        byte[] frame = encodedBytes(0, variedRecords());
        int minLength = RecordFrame.RECORDS_OFFSET - RecordFrame.LOG_OVERHEAD;
        for (int length :
                new int[] {
                    Integer.MIN_VALUE, -1, 0, 1, minLength - 1, MAX_FRAME, Integer.MAX_VALUE
                }) {
            byte[] damaged = frame.clone();
            ByteBuffer.wrap(damaged).putInt(RecordFrame.LENGTH_OFFSET, length);
            assertThat(check(damaged)).as("length %d", length).isEqualTo(Check.BAD_LENGTH);
        }
        // The maximum frame size is inclusive: a frame of exactly that size is valid.
        assertThat(RecordFrame.check(ByteBuffer.wrap(frame), 0, frame.length, frame.length))
                .isEqualTo(Check.VALID);
        assertThat(RecordFrame.check(ByteBuffer.wrap(frame), 0, frame.length, frame.length - 1))
                .isEqualTo(Check.BAD_LENGTH);
    }

    @Test
    void everySingleByteFlipAfterTheLengthIsBadCrc() {
        byte[] frame = encodedBytes(77, variedRecords());
        for (int pos = RecordFrame.CRC_OFFSET; pos < frame.length; pos++) {
            for (int mask : new int[] {0x01, 0x80, 0xFF, 0x5A}) {
                byte[] damaged = frame.clone();
                damaged[pos] ^= (byte) mask;
                assertThat(check(damaged))
                        .as("byte %d of %d flipped with %02x", pos, frame.length, mask)
                        .isEqualTo(Check.BAD_CRC);
            }
        }
    }

    @Test
    void decodeRejectsTrailingBytesInAFrameWithAValidChecksum() {
        List<WalRecord> two = variedRecords().subList(0, 2);
        byte[] frame = encodedBytes(0, two);
        ByteBuffer buf = ByteBuffer.wrap(frame);
        buf.putInt(RecordFrame.RECORD_COUNT_OFFSET, 1);
        resealCrc(frame);
        assertThat(check(frame)).isEqualTo(Check.VALID);
        assertThatThrownBy(() -> RecordFrame.decode(buf, 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("trailing bytes");
    }

    @Test
    void decodeRejectsRecordsRunningPastTheFrame() {
        byte[] frame = encodedBytes(0, variedRecords().subList(0, 2));
        ByteBuffer buf = ByteBuffer.wrap(frame);
        buf.putInt(RecordFrame.RECORD_COUNT_OFFSET, 3);
        resealCrc(frame);
        assertThat(check(frame)).isEqualTo(Check.VALID);
        assertThatThrownBy(() -> RecordFrame.decode(buf, 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("do not parse");

        byte[] oneRecord = encodedBytes(0, List.of(WalRecord.of(1, bytes("k"), bytes("v"))));
        int keyLengthAt = RecordFrame.RECORDS_OFFSET + 8;
        ByteBuffer.wrap(oneRecord).putInt(keyLengthAt, 1000);
        resealCrc(oneRecord);
        assertThatThrownBy(() -> RecordFrame.decode(ByteBuffer.wrap(oneRecord), 0))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void v1FrameFromTheFirstReleaseStillDecodes() {
        byte[] frame = HexFormat.of().parseHex(V1_FRAME_HEX);
        ByteBuffer buf = ByteBuffer.wrap(frame);

        assertThat(RecordFrame.check(buf, 0, frame.length, MAX_FRAME)).isEqualTo(Check.VALID);
        assertThat(RecordFrame.frameSize(buf, 0)).isEqualTo(frame.length).isEqualTo(87);
        assertThat(RecordFrame.baseOffset(buf, 0)).isEqualTo(42);
        assertThat(RecordFrame.recordCount(buf, 0)).isEqualTo(2);

        List<LoggedRecord> decoded = RecordFrame.decode(buf, 0);
        assertThat(decoded).extracting(LoggedRecord::offset).containsExactly(42L, 43L);
        assertThat(decoded).extracting(LoggedRecord::record).isEqualTo(v1FrameRecords());
        WalRecord first = decoded.get(0).record();
        assertThat(new String(first.key(), StandardCharsets.UTF_8)).isEqualTo("key");
        assertThat(first.headers().get(1).key()).isEqualTo("é");
        assertThat(first.headers().get(1).value()).isNull();
        assertThat(decoded.get(1).record().key()).isNull();
    }

    @Test
    void writerStillProducesTheV1Bytes() {
        assertThat(HexFormat.of().formatHex(encodedBytes(42, v1FrameRecords())))
                .isEqualTo(V1_FRAME_HEX);
    }

    @Test
    void checksumIsCrc32cOfEverythingAfterTheCrcField() {
        byte[] frame = HexFormat.of().parseHex(V1_FRAME_HEX);
        CRC32C crc = new CRC32C();
        crc.update(
                frame, RecordFrame.ATTRIBUTES_OFFSET, frame.length - RecordFrame.ATTRIBUTES_OFFSET);
        assertThat(ByteBuffer.wrap(frame).getInt(RecordFrame.CRC_OFFSET))
                .isEqualTo((int) crc.getValue());
    }

    /** Rewrites the CRC field so a deliberately inconsistent frame passes the checksum. */
    private static void resealCrc(byte[] frame) {
        CRC32C crc = new CRC32C();
        crc.update(
                frame, RecordFrame.ATTRIBUTES_OFFSET, frame.length - RecordFrame.ATTRIBUTES_OFFSET);
        ByteBuffer.wrap(frame).putInt(RecordFrame.CRC_OFFSET, (int) crc.getValue());
    }

    static List<Header> distinctHeaders(int count) {
        List<Header> headers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            headers.add(new Header("h" + i, null));
        }
        return headers;
    }
}
