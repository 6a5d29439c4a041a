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

import dev.floe.wal.format.RangeSource;
import dev.floe.wal.tier.parquet.RecordingRangeSource.Range;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ReadAheadInputStreamTest {

    private static final int SIZE = 10_000;
    private static final int READ_AHEAD = 1_000;

    private final byte[] object = bytes();
    private final RecordingRangeSource source = RecordingRangeSource.of(object);
    private final ReadAheadInputStream in =
            new ReadAheadInputStream(source, "obj", SIZE, READ_AHEAD);

    private static byte[] bytes() {
        byte[] b = new byte[SIZE];
        for (int i = 0; i < SIZE; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    private byte[] readAt(long position, int length) throws IOException {
        in.seek(position);
        byte[] out = new byte[length];
        in.readFully(out);
        assertThat(in.getPos()).isEqualTo(position + length);
        return out;
    }

    @Test
    void aReadNearTheEndFetchesTheLastWindowSoTheFooterTakesOneRequest() throws IOException {
        assertThat(readAt(SIZE - 8, 8)).isEqualTo(Arrays.copyOfRange(object, SIZE - 8, SIZE));
        assertThat(readAt(SIZE - 600, 592))
                .isEqualTo(Arrays.copyOfRange(object, SIZE - 600, SIZE - 8));

        assertThat(source.reads()).containsExactly(new Range(SIZE - READ_AHEAD, READ_AHEAD));
    }

    @Test
    void smallReadsAreServedFromTheWindowAndLargeOnesGoDirect() throws IOException {
        assertThat(readAt(100, 10)).isEqualTo(Arrays.copyOfRange(object, 100, 110));
        assertThat(readAt(500, 700)).isEqualTo(Arrays.copyOfRange(object, 500, 1_200));
        assertThat(readAt(3_000, 2_500)).isEqualTo(Arrays.copyOfRange(object, 3_000, 5_500));

        assertThat(source.reads())
                .containsExactly(
                        new Range(100, READ_AHEAD),
                        new Range(1_100, READ_AHEAD),
                        new Range(3_000, 2_500));
    }

    @Test
    void byteBuffersAndSingleBytesReadTheSameBytes() throws IOException {
        in.seek(42);
        assertThat(in.read()).isEqualTo(object[42] & 0xff);
        ByteBuffer direct = ByteBuffer.allocateDirect(1_500);
        in.readFully(direct);
        direct.flip();
        byte[] copy = new byte[1_500];
        direct.get(copy);
        assertThat(copy).isEqualTo(Arrays.copyOfRange(object, 43, 1_543));

        in.seek(SIZE - 3);
        ByteBuffer heap = ByteBuffer.allocate(10);
        assertThat(in.read(heap)).isEqualTo(3);
        assertThat(in.read(heap)).isEqualTo(-1);
        assertThat(in.read()).isEqualTo(-1);
    }

    @Test
    void readingPastTheEndNamesTheObject() throws IOException {
        in.seek(SIZE - 4);
        assertThatThrownBy(() -> in.readFully(new byte[5]))
                .isInstanceOf(EOFException.class)
                .hasMessageContaining("obj")
                .hasMessageContaining("size is " + SIZE);
        assertThatThrownBy(() -> in.seek(SIZE + 1)).isInstanceOf(EOFException.class);
    }

    @Test
    void aSourceThatReturnsTooFewBytesIsReported() {
        RangeSource truncated =
                new RangeSource() {
                    @Override
                    public byte[] read(long position, int length) {
                        return new byte[length / 2];
                    }

                    @Override
                    public long size() {
                        return SIZE;
                    }
                };
        ReadAheadInputStream stream = new ReadAheadInputStream(truncated, "cut", SIZE, READ_AHEAD);
        assertThatThrownBy(() -> stream.readFully(new byte[10]))
                .isInstanceOf(EOFException.class)
                .hasMessageContaining("cut")
                .hasMessageContaining("truncated");
    }
}
