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

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * An upload into an {@link InMemoryObjectStore}: bytes collect in memory and become an object on
 * {@link #complete()}. Not thread-safe: one writer thread.
 */
final class InMemoryObjectUpload implements ObjectUpload {

    private final InMemoryObjectStore store;
    private final PendingUpload pending;
    private ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private boolean completed;

    InMemoryObjectUpload(InMemoryObjectStore store, PendingUpload pending) {
        this.store = store;
        this.pending = pending;
    }

    @Override
    public void write(ByteBuffer bytes) throws ObjectStoreException {
        ensureWritable();
        byte[] chunk = new byte[bytes.remaining()];
        bytes.get(chunk);
        buffer.writeBytes(chunk);
    }

    @Override
    public long size() {
        return buffer == null ? 0 : buffer.size();
    }

    @Override
    public ObjectInfo complete() throws ObjectStoreException {
        ensureWritable();
        byte[] bytes = buffer.toByteArray();
        buffer = null;
        if (!store.finishUpload(pending)) {
            throw aborted();
        }
        ObjectInfo info = store.create(pending.key(), bytes);
        completed = true;
        return info;
    }

    @Override
    public void abort() {
        if (!completed) {
            buffer = null;
            store.finishUpload(pending);
        }
    }

    private void ensureWritable() throws ObjectStoreException {
        store.ensureOpen();
        if (completed) {
            throw new IllegalStateException(
                    "Upload of "
                            + pending.key()
                            + " to "
                            + store.describe()
                            + " already completed");
        }
        if (buffer == null) {
            throw aborted();
        }
    }

    private ObjectStoreException aborted() {
        return new ObjectStoreException(
                "Upload "
                        + pending.uploadId()
                        + " of "
                        + pending.key()
                        + " to "
                        + store.describe()
                        + " was aborted or failed; start a new upload");
    }
}
