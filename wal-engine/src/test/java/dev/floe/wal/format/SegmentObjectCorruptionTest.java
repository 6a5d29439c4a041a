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

import dev.floe.wal.record.LoggedRecord;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class SegmentObjectCorruptionTest {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentObjectCorruptionTest.class);

    @ParameterizedTest
    @EnumSource(Compression.class)
    void aFlippedByteAnywhereInASmallObjectIsCaught(Compression compression) throws Exception {
        List<LoggedRecord> records = SegmentObjects.records(0, 60, new Random(1), 3_000);
        byte[] object = SegmentObjects.write(SegmentObjects.options(compression, 1024), records);
        long seed = new Random().nextLong();
        LOG.info("seed {} for {} positions of a {} object", seed, object.length, compression);
        Random random = new Random(seed);
        for (int position = 0; position < object.length; position++) {
            assertFlipIsCaught(object, position, 1 + random.nextInt(255), records, seed);
        }
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void aFlippedByteAtRandomPositionsOfALargerObjectIsCaught(Compression compression)
            throws Exception {
        List<LoggedRecord> records = SegmentObjects.records(500, 4_000, new Random(2), 50_000);
        byte[] object =
                SegmentObjects.write(SegmentObjects.options(compression, 16 * 1024), records);
        long seed = new Random().nextLong();
        LOG.info("seed {} for a {} byte {} object", seed, object.length, compression);
        Random random = new Random(seed);
        for (int i = 0; i < 400; i++) {
            int position = random.nextInt(object.length);
            assertFlipIsCaught(object, position, 1 + random.nextInt(255), records, seed);
        }
    }

    private static void assertFlipIsCaught(
            byte[] object, int position, int mask, List<LoggedRecord> records, long seed)
            throws Exception {
        SegmentObjectReader intact = SegmentObjectReader.open("intact", RangeSource.of(object));
        long indexPosition =
                intact.blocks().get(intact.blocks().size() - 1).position()
                        + intact.blocks().get(intact.blocks().size() - 1).compressedLength();
        byte[] damaged = object.clone();
        damaged[position] ^= (byte) mask;
        String what = "byte " + position + " xor " + mask + ", seed " + seed;

        assertThatThrownBy(
                        () -> {
                            SegmentObjectReader reader =
                                    SegmentObjectReader.open(
                                            "damaged.seg", RangeSource.of(damaged));
                            long start = records.get(0).offset();
                            reader.read(start, start + records.size());
                        })
                .as(what)
                .isInstanceOf(CorruptSegmentObjectException.class)
                .hasMessageContaining("damaged.seg")
                .satisfies(
                        e -> {
                            if (position >= SegmentObjectFormat.HEADER_SIZE
                                    && position < indexPosition) {
                                assertThat(e).as(what).hasMessageContaining("CRC32C of its");
                            } else if (position < SegmentObjectFormat.HEADER_SIZE) {
                                assertThat(e).as(what).hasMessageContaining("header");
                            }
                        });
    }

    @Test
    void everyTruncationIsAClearError() throws Exception {
        List<LoggedRecord> records = SegmentObjects.records(0, 200, new Random(3), 3_000);
        byte[] object =
                SegmentObjects.write(SegmentObjects.options(Compression.ZSTD, 1024), records);
        for (int length = 0; length < object.length; length++) {
            byte[] cut = Arrays.copyOf(object, length);
            assertThatThrownBy(() -> SegmentObjectReader.open("cut.seg", RangeSource.of(cut)))
                    .as("cut to %d of %d bytes", length, object.length)
                    .isInstanceOf(CorruptSegmentObjectException.class)
                    .hasMessageContaining("cut.seg")
                    .hasMessageContaining("truncated");
        }
    }

    @Test
    void aSourceShorterThanTheIndexSaysIsCaughtWhenReadingTheBlock() throws Exception {
        List<LoggedRecord> records = SegmentObjects.records(0, 200, new Random(4), 3_000);
        byte[] object =
                SegmentObjects.write(SegmentObjects.options(Compression.ZSTD, 1024), records);
        boolean[] cutReads = {false};
        RangeSource source =
                new RangeSource() {
                    @Override
                    public long size() {
                        return object.length;
                    }

                    @Override
                    public byte[] read(long position, int length) {
                        int end = (int) Math.min(position + length, object.length);
                        return Arrays.copyOfRange(
                                object, (int) position, cutReads[0] ? end - 1 : end);
                    }
                };
        SegmentObjectReader reader = SegmentObjectReader.open("short.seg", source);
        cutReads[0] = true;
        SegmentBlockInfo block = reader.blocks().get(3);
        assertThatThrownBy(() -> reader.read(block.firstOffset(), block.endOffset()))
                .isInstanceOf(CorruptSegmentObjectException.class)
                .hasMessageContaining("short.seg at byte " + block.position())
                .hasMessageContaining("truncated");
    }

    @Test
    void aNewerFormatVersionAsksForAnUpgrade() throws Exception {
        List<LoggedRecord> records = SegmentObjects.records(0, 10, new Random(5), 3_000);
        byte[] object = SegmentObjects.write(SegmentObjectOptions.defaults(), records);
        int footer = object.length - SegmentObjectFormat.FOOTER_SIZE;
        ByteBuffer buf = ByteBuffer.wrap(object);
        buf.putShort(footer + SegmentObjectFormat.FOOTER_VERSION_OFFSET, (short) 2);
        int indexPosition =
                (int) buf.getLong(footer + SegmentObjectFormat.FOOTER_INDEX_POSITION_OFFSET);
        CRC32C crc = new CRC32C();
        crc.update(
                object,
                indexPosition,
                footer + SegmentObjectFormat.FOOTER_CRC_OFFSET - indexPosition);
        buf.putInt(footer + SegmentObjectFormat.FOOTER_CRC_OFFSET, (int) crc.getValue());

        assertThatThrownBy(() -> SegmentObjectReader.open("v2.seg", RangeSource.of(object)))
                .isInstanceOf(CorruptSegmentObjectException.class)
                .hasMessageContaining("v2.seg")
                .hasMessageContaining("version 2")
                .hasMessageContaining("upgrade");
    }

    @Test
    void bytesThatAreNotASegmentObjectAreRejected() {
        byte[] noise = new byte[4096];
        new Random(6).nextBytes(noise);
        assertThatThrownBy(() -> SegmentObjectReader.open("noise.bin", RangeSource.of(noise)))
                .isInstanceOf(CorruptSegmentObjectException.class)
                .hasMessageContaining("noise.bin at byte " + (4096 - 8))
                .hasMessageContaining("not a segment object");
    }
}
