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

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * An upload into a {@link LocalDirectoryObjectStore}: bytes go straight to a file under {@code
 * .uploads/<uploadId>/}, so no more than the caller's buffer is held in memory. Not thread-safe:
 * one writer thread.
 */
final class LocalObjectUpload implements ObjectUpload {

    private enum State {
        OPEN,
        COMPLETED,
        ABORTED
    }

    private final LocalDirectoryObjectStore store;
    private final String key;
    private final Path dir;
    private final FileChannel channel;
    private long size;
    private State state = State.OPEN;

    LocalObjectUpload(LocalDirectoryObjectStore store, String key, Path dir, FileChannel channel) {
        this.store = store;
        this.key = key;
        this.dir = dir;
        this.channel = channel;
    }

    @Override
    public void write(ByteBuffer bytes) throws ObjectStoreException {
        ensureOpen();
        try {
            while (bytes.hasRemaining()) {
                size += channel.write(bytes);
            }
        } catch (IOException e) {
            abort();
            throw store.failure("write", key, e);
        }
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public ObjectInfo complete() throws ObjectStoreException {
        ensureOpen();
        try {
            channel.force(true);
            channel.close();
            ObjectInfo info = store.commit(key, dir);
            state = State.COMPLETED;
            return info;
        } catch (ObjectStoreException e) {
            abort();
            throw e;
        } catch (IOException e) {
            abort();
            throw store.failure("complete", key, e);
        }
    }

    @Override
    public void abort() {
        if (state != State.OPEN) {
            return;
        }
        state = State.ABORTED;
        try {
            channel.close();
        } catch (IOException e) {
            // The file is deleted next; nothing of it is kept.
        }
        store.deleteUploadDir(dir);
    }

    private void ensureOpen() throws ObjectStoreException {
        store.ensureOpen();
        if (state == State.COMPLETED) {
            throw new IllegalStateException(
                    "Upload of " + key + " to " + store.describe() + " already completed");
        }
        if (state == State.ABORTED) {
            throw new ObjectStoreException(
                    "Upload "
                            + dir.getFileName()
                            + " of "
                            + key
                            + " to "
                            + store.describe()
                            + " was aborted or failed; start a new upload");
        }
    }
}
