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

import dev.floe.wal.record.Header;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.record.WalRecord;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pins the version 1 layout: bytes written by this version must always decode the same way. */
class SegmentObjectFormatTest {

    private static final List<LoggedRecord> RECORDS =
            List.of(
                    new LoggedRecord(
                            100, WalRecord.of(1_700_000_000_000L, bytes("k1"), bytes("hello"))),
                    new LoggedRecord(
                            101,
                            new WalRecord(
                                    1_700_000_000_005L,
                                    null,
                                    new byte[0],
                                    List.of(Header.of("h", "v")))),
                    new LoggedRecord(
                            102,
                            new WalRecord(
                                    1_699_999_999_999L,
                                    bytes("k3"),
                                    bytes("world"),
                                    List.of(new Header("n", null)))));

    /** The three records, uncompressed, as written by version 1. */
    private static final String NONE_V1 =
            // header: magic FLOESEG1, version 1
            "464c4f4553454731"
                    + "0001"
                    // block 0 at 10: one frame of three records from offset 100, 105 bytes
                    + "01"
                    + "0000000000000064"
                    + "0000005c"
                    + "657f1fbb"
                    + "00"
                    + "00000003"
                    + "0000018bcfe56800"
                    + "00000002"
                    + "6b31"
                    + "00000005"
                    + "68656c6c6f"
                    + "0000"
                    + "0000018bcfe56805"
                    + "ffffffff"
                    + "00000000"
                    + "0001"
                    + "0001"
                    + "68"
                    + "00000001"
                    + "76"
                    + "0000018bcfe567ff"
                    + "00000002"
                    + "6b33"
                    + "00000005"
                    + "776f726c64"
                    + "0001"
                    + "0001"
                    + "6e"
                    + "ffffffff"
                    // index at 115: first offset 100, 3 records, position 10, 105 bytes stored,
                    // 105 bytes of frames, min and max timestamp, CRC32C
                    + "0000000000000064"
                    + "00000003"
                    + "000000000000000a"
                    + "00000069"
                    + "00000069"
                    + "0000018bcfe567ff"
                    + "0000018bcfe56805"
                    + "cd07ba2a"
                    // footer at 163: version 1, no compression, attributes, 1 block, 3 records,
                    // offsets [100, 103), min and max timestamp, index at 115 of 48 bytes,
                    // footer length 76, CRC32C, magic
                    + "0001"
                    + "00"
                    + "00"
                    + "00000001"
                    + "0000000000000003"
                    + "0000000000000064"
                    + "0000000000000067"
                    + "0000018bcfe567ff"
                    + "0000018bcfe56805"
                    + "0000000000000073"
                    + "00000030"
                    + "0000004c"
                    + "c5df51b0"
                    + "464c4f4553454731";

    /** The same records compressed with zstd level 3 by version 1. */
    private static final String ZSTD_V1 =
            "464c4f4553454731"
                    + "0001"
                    + "28b52ffd2069ad020084030100640000005c657f1fbb030000018bcfe568026b31000000056865"
                    + "6c6c6f05ffffffff00010001017667026b33776f726c646effffffff0b004485b62a2667b83d07"
                    + "2b15246628cf0b332dbd188f69cf00b0"
                    + "0000000000000064"
                    + "00000003"
                    + "000000000000000a"
                    + "0000005e"
                    + "00000069"
                    + "0000018bcfe567ff"
                    + "0000018bcfe56805"
                    + "dea21b31"
                    + "0001"
                    + "01"
                    + "00"
                    + "00000001"
                    + "0000000000000003"
                    + "0000000000000064"
                    + "0000000000000067"
                    + "0000018bcfe567ff"
                    + "0000018bcfe56805"
                    + "0000000000000068"
                    + "00000030"
                    + "0000004c"
                    + "99940e75"
                    + "464c4f4553454731";

    @Test
    void theWriterProducesThePinnedUncompressedBytes() throws Exception {
        byte[] object = SegmentObjects.write(options(Compression.NONE), RECORDS);
        assertThat(HexFormat.of().formatHex(object)).isEqualTo(NONE_V1);
    }

    @Test
    void pinnedUncompressedBytesDecode() throws Exception {
        assertDecodes(NONE_V1, Compression.NONE);
    }

    @Test
    void pinnedZstdBytesDecode() throws Exception {
        assertDecodes(ZSTD_V1, Compression.ZSTD);
    }

    @Test
    void theConstantsDescribeOneConsistentLayout() {
        assertThat(SegmentObjectFormat.header().remaining())
                .isEqualTo(SegmentObjectFormat.HEADER_SIZE);
        assertThat(SegmentObjectFormat.ENTRY_CRC_OFFSET + 4)
                .isEqualTo(SegmentObjectFormat.INDEX_ENTRY_SIZE);
        assertThat(SegmentObjectFormat.FOOTER_MAGIC_OFFSET + SegmentObjectFormat.MAGIC_LENGTH)
                .isEqualTo(SegmentObjectFormat.FOOTER_SIZE);
        assertThat(SegmentObjectFormat.FOOTER_CRC_OFFSET)
                .isEqualTo(SegmentObjectFormat.FOOTER_LENGTH_OFFSET + 4);
    }

    private static void assertDecodes(String hex, Compression compression) throws Exception {
        byte[] object = HexFormat.of().parseHex(hex);
        SegmentObjectReader reader = SegmentObjectReader.open("pinned.seg", RangeSource.of(object));

        assertThat(reader.read(100, 103)).isEqualTo(RECORDS);
        assertThat(reader.read(101, 102)).containsExactly(RECORDS.get(1));
        assertThat(reader.summary())
                .isEqualTo(
                        new SegmentObjectSummary(
                                100,
                                103,
                                3,
                                1_699_999_999_999L,
                                1_700_000_000_005L,
                                1,
                                object.length,
                                105,
                                compression));
        assertThat(reader.blocks()).hasSize(1);
        assertThat(reader.blocks().get(0).position()).isEqualTo(10);
    }

    private static SegmentObjectOptions options(Compression compression) {
        return SegmentObjectOptions.builder().compression(compression).build();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
