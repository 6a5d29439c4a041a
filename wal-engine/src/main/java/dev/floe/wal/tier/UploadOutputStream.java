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
package dev.floe.wal.tier;

import dev.floe.wal.object.ObjectUpload;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/** An {@link OutputStream} that feeds a streaming upload. Not thread-safe. */
public final class UploadOutputStream extends OutputStream {

    private final ObjectUpload upload;

    public UploadOutputStream(ObjectUpload upload) {
        this.upload = upload;
    }

    @Override
    public void write(int b) throws IOException {
        upload.write(ByteBuffer.wrap(new byte[] {(byte) b}));
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        upload.write(ByteBuffer.wrap(bytes, offset, length));
    }
}
