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

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Compresses Parquet pages with Zstandard in one call per page, into reused buffers: the page is
 * gathered into one array, then compressed by a native context kept for the whole object. Each
 * result is valid until the next call, as Parquet's page writers expect. Holds the context until
 * {@link #release()}. Not thread-safe.
 */
final class ZstdPageCompressor implements BytesInputCompressor {

    private final ZstdCompressCtx zstd;
    private final PageBuffer page = new PageBuffer();
    private byte[] compressed = new byte[0];

    ZstdPageCompressor(int level) {
        this.zstd = new ZstdCompressCtx().setLevel(level);
    }

    @Override
    public BytesInput compress(BytesInput bytes) throws IOException {
        page.count = 0;
        page.ensure(bytes.size());
        bytes.writeAllTo(page);
        int bound = (int) Zstd.compressBound(page.count);
        if (compressed.length < bound) {
            compressed = new byte[bound];
        }
        int size =
                zstd.compressByteArray(compressed, 0, compressed.length, page.bytes, 0, page.count);
        return BytesInput.from(compressed, 0, size);
    }

    @Override
    public CompressionCodecName getCodecName() {
        return CompressionCodecName.ZSTD;
    }

    @Override
    public void release() {
        zstd.close();
    }

    /** A growable array that a page's parts are written into. */
    private static final class PageBuffer extends OutputStream {
        private byte[] bytes = new byte[0];
        private int count;

        void ensure(long size) {
            if (bytes.length < size) {
                bytes = Arrays.copyOf(bytes, Math.toIntExact(Math.max(size, bytes.length * 2L)));
            }
        }

        @Override
        public void write(int b) {
            ensure(count + 1L);
            bytes[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure((long) count + len);
            System.arraycopy(b, off, bytes, count, len);
            count += len;
        }
    }
}
