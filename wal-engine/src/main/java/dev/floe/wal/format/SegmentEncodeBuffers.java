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

import java.nio.ByteBuffer;

/**
 * A block buffer, a frame buffer and a compression context that {@link SegmentObjectWriter}s borrow
 * one after another, so writing many small segment objects (the sections of a batch object)
 * allocates neither per object. Holds a native Zstandard context until closed. Not thread-safe: one
 * writer at a time.
 */
public final class SegmentEncodeBuffers implements AutoCloseable {

    final ByteBuffer block;
    final ByteBuffer frameRecords = ByteBuffer.allocate(SegmentObjectWriter.FRAME_TARGET_BYTES);
    final BlockCompressor compressor;

    public SegmentEncodeBuffers(SegmentObjectOptions options) {
        this.block = ByteBuffer.allocate(options.blockTargetBytes());
        this.compressor = new BlockCompressor(options.compression(), options.zstdLevel());
    }

    @Override
    public void close() {
        compressor.close();
    }
}
