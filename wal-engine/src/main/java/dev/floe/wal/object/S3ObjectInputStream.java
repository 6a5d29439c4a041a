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
package dev.floe.wal.object;

import java.io.FilterInputStream;
import java.io.IOException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * An object's bytes as the SDK streams them, with SDK failures (such as a checksum mismatch) turned
 * into {@link ObjectStoreException}s that name the object. Not thread-safe.
 */
final class S3ObjectInputStream extends FilterInputStream {

    private final S3ObjectStore store;
    private final String key;
    private boolean ended;

    S3ObjectInputStream(ResponseInputStream<?> in, S3ObjectStore store, String key) {
        super(in);
        this.store = store;
        this.key = key;
    }

    @Override
    public int read() throws IOException {
        try {
            int b = super.read();
            ended = b < 0;
            return b;
        } catch (SdkException e) {
            throw S3Errors.translate(store, "read", key, e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            int n = super.read(b, off, len);
            ended = n < 0;
            return n;
        } catch (SdkException e) {
            throw S3Errors.translate(store, "read", key, e);
        }
    }

    @Override
    public long skip(long n) throws IOException {
        try {
            return super.skip(n);
        } catch (SdkException e) {
            throw S3Errors.translate(store, "read", key, e);
        }
    }

    @Override
    public void close() throws IOException {
        if (!ended) {
            // Abort rather than drain: closing early must not read the rest of a large object.
            ((ResponseInputStream<?>) in).abort();
        }
        super.close();
    }
}
