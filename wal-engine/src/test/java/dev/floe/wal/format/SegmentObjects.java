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

import dev.floe.wal.record.Header;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.record.WalRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Records, objects and sources for segment object tests. */
final class SegmentObjects {

    private static final String[] WORDS = {
        "click", "view", "purchase", "user", "session", "checkout", "cart", "search", "home"
    };

    private SegmentObjects() {}

    /**
     * A record of a varied shape: null and non-null keys, headers with null values, empty values,
     * text-like values of up to 300 bytes, and at every offset 7,777 modulo 20,000 a value of
     * {@code largeValueBytes}.
     */
    static WalRecord varied(Random random, long i, int largeValueBytes) {
        byte[] key =
                random.nextInt(4) == 0
                        ? null
                        : ("key-" + (i % 1000)).getBytes(StandardCharsets.UTF_8);
        List<Header> headers = new ArrayList<>();
        if (random.nextInt(5) == 0) {
            headers.add(Header.of("trace", "t-" + random.nextInt(100_000)));
            if (random.nextBoolean()) {
                headers.add(new Header("nothing", null));
                headers.add(new Header("ünïcode", new byte[0]));
            }
        }
        byte[] value;
        if (i % 20_000 == 7_777) {
            value = text(random, largeValueBytes);
        } else if (random.nextInt(10) == 0) {
            value = new byte[0];
        } else {
            value = text(random, random.nextInt(300));
        }
        long timestamp = 1_700_000_000_000L + i * 3 + random.nextInt(1_000) - 500;
        return new WalRecord(timestamp, key, value, headers);
    }

    /** A record of about {@code size} bytes of JSON-like text, as an event stream carries. */
    static WalRecord event(Random random, long i, int size) {
        StringBuilder b = new StringBuilder(size + 64);
        b.append("{\"id\":").append(i).append(",\"user\":\"user-").append(random.nextInt(10_000));
        b.append("\",\"event\":\"").append(WORDS[random.nextInt(WORDS.length)]);
        b.append("\",\"amount\":").append(random.nextInt(100_000) / 100.0).append(",\"note\":\"");
        while (b.length() < size - 2) {
            b.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
        }
        b.setLength(size - 2);
        b.append("\"}");
        return WalRecord.of(
                1_700_000_000_000L + i,
                ("user-" + i % 10_000).getBytes(StandardCharsets.UTF_8),
                b.toString().getBytes(StandardCharsets.UTF_8));
    }

    static byte[] text(Random random, int length) {
        byte[] bytes = new byte[length];
        int i = 0;
        while (i < length) {
            byte[] word = WORDS[random.nextInt(WORDS.length)].getBytes(StandardCharsets.UTF_8);
            for (int j = 0; j < word.length && i < length; j++) {
                bytes[i++] = word[j];
            }
            if (i < length) {
                bytes[i++] = (byte) ('0' + random.nextInt(10));
            }
        }
        return bytes;
    }

    static List<LoggedRecord> records(long start, int count, Random random, int largeValueBytes) {
        List<LoggedRecord> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(new LoggedRecord(start + i, varied(random, start + i, largeValueBytes)));
        }
        return records;
    }

    /** Writes the records as one object and returns its bytes. */
    static byte[] write(SegmentObjectOptions options, List<LoggedRecord> records)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SegmentObjectWriter writer =
                new SegmentObjectWriter("test.seg", ByteSink.of(out), options)) {
            for (LoggedRecord r : records) {
                writer.append(r);
            }
            writer.finish();
        }
        return out.toByteArray();
    }

    static SegmentObjectOptions options(Compression compression, int blockTargetBytes) {
        return SegmentObjectOptions.builder()
                .compression(compression)
                .blockTargetBytes(blockTargetBytes)
                .build();
    }

    /** A source over bytes in memory that counts and remembers its reads. Not thread-safe. */
    static final class CountingSource implements RangeSource {
        final byte[] bytes;
        final List<long[]> reads = new ArrayList<>();

        CountingSource(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public byte[] read(long position, int length) {
            reads.add(new long[] {position, length});
            int from = (int) Math.min(position, bytes.length);
            return Arrays.copyOfRange(bytes, from, Math.min(from + length, bytes.length));
        }

        int count() {
            return reads.size();
        }

        void reset() {
            reads.clear();
        }
    }
}
