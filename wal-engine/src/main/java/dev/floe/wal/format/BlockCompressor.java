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

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Compresses the blocks of one object into a reused output buffer, and decompresses blocks. Holds a
 * native Zstandard context until closed. Not thread-safe.
 */
final class BlockCompressor implements AutoCloseable {

    private final Compression compression;
    private final ZstdCompressCtx zstd;
    private byte[] out = new byte[0];

    BlockCompressor(Compression compression, int zstdLevel) {
        this.compression = compression;
        this.zstd =
                compression == Compression.ZSTD ? new ZstdCompressCtx().setLevel(zstdLevel) : null;
    }

    /**
     * The compressed form of the first {@code length} bytes of {@code block}; valid until the next
     * call. For {@link Compression#NONE}, a view of the block itself.
     */
    ByteBuffer compress(byte[] block, int length) {
        if (zstd == null) {
            return ByteBuffer.wrap(block, 0, length);
        }
        int bound = (int) Zstd.compressBound(length);
        if (out.length < bound) {
            out = new byte[bound];
        }
        int size = zstd.compressByteArray(out, 0, out.length, block, 0, length);
        return ByteBuffer.wrap(out, 0, size);
    }

    /**
     * Decompresses a block that must expand to exactly {@code uncompressedLength} bytes.
     *
     * @throws IllegalStateException if it does not
     */
    static byte[] decompress(
            Compression compression, byte[] block, int from, int uncompressedLength) {
        int length = block.length - from;
        if (compression == Compression.NONE) {
            if (length != uncompressedLength) {
                throw new IllegalStateException(
                        "stored block has " + length + " bytes, expected " + uncompressedLength);
            }
            return from == 0 ? block : Arrays.copyOfRange(block, from, block.length);
        }
        byte[] result = new byte[uncompressedLength];
        int size;
        try (ZstdDecompressCtx ctx = new ZstdDecompressCtx()) {
            size = ctx.decompressByteArray(result, 0, result.length, block, from, length);
        } catch (ZstdException e) {
            throw new IllegalStateException("zstd cannot decompress it: " + e.getMessage(), e);
        }
        if (size != uncompressedLength) {
            throw new IllegalStateException(
                    "it decompresses to " + size + " bytes, expected " + uncompressedLength);
        }
        return result;
    }

    @Override
    public void close() {
        if (zstd != null) {
            zstd.close();
        }
    }
}
