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

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * Parquet's {@link OutputFile} over a caller's {@link OutputStream}, such as an object store's
 * streaming upload: bytes pass through a small buffer and the stream counts its position. The sink
 * is flushed when Parquet closes the file but never closed: its owner completes or aborts it. Can
 * be created once. Not thread-safe.
 */
public final class SinkOutputFile implements OutputFile {

    private final Stream stream;
    private final String objectName;
    private boolean created;

    public SinkOutputFile(OutputStream sink, String objectName, int bufferBytes) {
        this.stream = new Stream(Objects.requireNonNull(sink, "sink"), bufferBytes);
        this.objectName = objectName;
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
        if (created) {
            throw new IOException("object " + objectName + " is already being written");
        }
        created = true;
        return stream;
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
        return create(blockSizeHint);
    }

    @Override
    public boolean supportsBlockSize() {
        return false;
    }

    @Override
    public long defaultBlockSize() {
        return 0;
    }

    @Override
    public String getPath() {
        return objectName;
    }

    /** Bytes handed to the stream so far, including any still buffered. */
    long position() {
        return stream.position;
    }

    /** Drops buffered bytes and sends nothing more to the sink: the object is being abandoned. */
    void discard() {
        stream.discarding = true;
        stream.count = 0;
    }

    private static final class Stream extends PositionOutputStream {
        private final OutputStream sink;
        private final byte[] buffer;
        private int count;
        private long position;
        private boolean discarding;

        Stream(OutputStream sink, int bufferBytes) {
            this.sink = sink;
            this.buffer = new byte[bufferBytes];
        }

        @Override
        public long getPos() {
            return position;
        }

        @Override
        public void write(int b) throws IOException {
            if (count == buffer.length) {
                drain();
            }
            buffer[count++] = (byte) b;
            position++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, bytes.length);
            if (length >= buffer.length) {
                drain();
                send(bytes, offset, length);
            } else {
                if (length > buffer.length - count) {
                    drain();
                }
                System.arraycopy(bytes, offset, buffer, count, length);
                count += length;
            }
            position += length;
        }

        @Override
        public void flush() throws IOException {
            drain();
            if (!discarding) {
                sink.flush();
            }
        }

        @Override
        public void close() throws IOException {
            flush();
        }

        private void drain() throws IOException {
            if (count > 0) {
                send(buffer, 0, count);
                count = 0;
            }
        }

        private void send(byte[] bytes, int offset, int length) throws IOException {
            if (!discarding) {
                sink.write(bytes, offset, length);
            }
        }
    }
}
