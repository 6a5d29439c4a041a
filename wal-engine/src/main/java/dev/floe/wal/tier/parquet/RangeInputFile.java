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
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * Parquet's {@link InputFile} over a {@link RangeSource}: each stream reads through its own
 * read-ahead buffer. The size is asked once. Thread-safe if the source is; each stream is not.
 */
final class RangeInputFile implements InputFile {

    private final RangeSource source;
    private final String objectName;
    private final long size;
    private final int readAheadBytes;

    RangeInputFile(RangeSource source, String objectName, int readAheadBytes) throws IOException {
        this.source = source;
        this.objectName = objectName;
        this.size = source.size();
        this.readAheadBytes = readAheadBytes;
    }

    @Override
    public long getLength() {
        return size;
    }

    @Override
    public SeekableInputStream newStream() {
        return new ReadAheadInputStream(source, objectName, size, readAheadBytes);
    }

    @Override
    public String toString() {
        return objectName;
    }
}
