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

import dev.floe.wal.format.RangeSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** A {@link RangeSource} over a file or a byte array that records every range it serves. */
final class RecordingRangeSource implements RangeSource {

    /** One served read: {@code [position, position + length)}. */
    record Range(long position, int length) {
        long end() {
            return position + length;
        }
    }

    private final byte[] bytes;
    private final Path file;
    private final List<Range> reads = new ArrayList<>();

    private RecordingRangeSource(byte[] bytes, Path file) {
        this.bytes = bytes;
        this.file = file;
    }

    static RecordingRangeSource of(byte[] bytes) {
        return new RecordingRangeSource(bytes, null);
    }

    static RecordingRangeSource of(Path file) {
        return new RecordingRangeSource(null, file);
    }

    @Override
    public synchronized byte[] read(long position, int length) throws IOException {
        int n = (int) Math.max(0, Math.min(length, size() - position));
        reads.add(new Range(position, n));
        if (bytes != null) {
            byte[] out = new byte[n];
            System.arraycopy(bytes, (int) position, out, 0, n);
            return out;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer out = ByteBuffer.allocate(n);
            while (out.hasRemaining()) {
                if (channel.read(out, position + out.position()) < 0) {
                    break;
                }
            }
            return out.array();
        }
    }

    @Override
    public long size() throws IOException {
        return bytes != null ? bytes.length : Files.size(file);
    }

    synchronized List<Range> reads() {
        return List.copyOf(reads);
    }

    synchronized void clear() {
        reads.clear();
    }
}
