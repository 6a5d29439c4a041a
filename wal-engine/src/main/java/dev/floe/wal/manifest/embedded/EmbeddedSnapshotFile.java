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
package dev.floe.wal.manifest.embedded;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.floe.wal.io.DirectoryLock;
import dev.floe.wal.manifest.ManifestException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The files of an embedded manifest directory: {@code manifest.json} (the latest snapshot, replaced
 * atomically: temp file, fsync, rename, fsync of the directory) and {@code manifest.lock} (an OS
 * file lock held while one process has the directory open). Writes happen on a thread of its own.
 * Not thread-safe: its owner serializes calls.
 */
final class EmbeddedSnapshotFile implements Closeable {

    static final String SNAPSHOT = "manifest.json";
    static final String LOCK = "manifest.lock";
    private static final String TEMP = "manifest.json.tmp";

    private static final ObjectMapper JSON =
            new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path dir;
    private final DirectoryLock lock;
    private final ExecutorService writer;

    private EmbeddedSnapshotFile(Path dir, DirectoryLock lock) {
        this.dir = dir;
        this.lock = lock;
        this.writer =
                Executors.newSingleThreadExecutor(
                        r -> {
                            Thread t = new Thread(r, "floe-embedded-manifest-" + dir.getFileName());
                            t.setDaemon(true);
                            return t;
                        });
    }

    /** Opens {@code dir} (creating it), taking its lock; fails if another process holds it. */
    static EmbeddedSnapshotFile open(Path dir) throws IOException {
        Files.createDirectories(dir);
        DirectoryLock lock =
                DirectoryLock.acquire(
                        dir,
                        LOCK,
                        holder ->
                                new ManifestException(
                                        "embedded manifest at "
                                                + dir
                                                + " is already open ("
                                                + holder
                                                + "); an embedded manifest has one writer process:"
                                                + " close the other store, or use etcd to share a"
                                                + " manifest between processes"));
        return new EmbeddedSnapshotFile(dir, lock);
    }

    Path dir() {
        return dir;
    }

    /** The last snapshot written, or {@link EmbeddedSnapshot#EMPTY} for a new directory. */
    EmbeddedSnapshot load() throws IOException {
        Path file = dir.resolve(SNAPSHOT);
        if (!Files.exists(file)) {
            return EmbeddedSnapshot.EMPTY;
        }
        EmbeddedSnapshot snapshot = JSON.readValue(file.toFile(), EmbeddedSnapshot.class);
        if (snapshot.format() != EmbeddedSnapshot.CURRENT_FORMAT) {
            throw new ManifestException(
                    "embedded manifest "
                            + file
                            + " has format "
                            + snapshot.format()
                            + ", this version reads format "
                            + EmbeddedSnapshot.CURRENT_FORMAT
                            + ": open it with the Floe version that wrote it");
        }
        return snapshot;
    }

    /**
     * Replaces the snapshot atomically and durably. The files are written on the store's own
     * thread: an interrupt of the caller (a Flink task being cancelled) would otherwise close the
     * channel mid-write and leave the store unusable for every other user in the process. The
     * caller waits for the write whatever interrupts it, and keeps its interrupt status.
     */
    void save(EmbeddedSnapshot snapshot) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(snapshot);
        Future<?> written =
                writer.submit(
                        () -> {
                            write(bytes);
                            return null;
                        });
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    written.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof IOException io) {
                        throw io;
                    }
                    throw new IOException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void write(byte[] bytes) throws IOException {
        Path temp = dir.resolve(TEMP);
        try (FileChannel ch =
                FileChannel.open(
                        temp,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                ch.write(buffer);
            }
            ch.force(true);
        }
        Files.move(
                temp,
                dir.resolve(SNAPSHOT),
                StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    @Override
    public void close() throws IOException {
        writer.shutdown();
        lock.close();
    }
}
