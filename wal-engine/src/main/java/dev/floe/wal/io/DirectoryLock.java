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
package dev.floe.wal.io;

import java.io.Closeable;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * The exclusive lock that gives a directory one owner (a log's writer, an embedded manifest): an OS
 * file lock on a file in it, which also records who holds it. Released on close or when the process
 * dies. Thread-safe.
 *
 * <p>OS file locks belong to the process, and closing any channel to the locked file releases them.
 * So a second attempt from this JVM must not open the file at all: locks held here are also tracked
 * in memory and refused before the file is touched.
 */
public final class DirectoryLock implements Closeable {

    /** Lock files (real paths) locked by this JVM. */
    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

    private final Path heldKey;
    private final FileChannel channel;
    private final FileLock lock;
    private final String holder;

    private DirectoryLock(Path heldKey, FileChannel channel, FileLock lock, String holder) {
        this.heldKey = heldKey;
        this.channel = channel;
        this.lock = lock;
        this.holder = holder;
    }

    /**
     * Locks {@code dir} through the file {@code fileName} in it.
     *
     * @param alreadyOpen builds the error when someone holds the lock, from a description of the
     *     holder
     */
    public static DirectoryLock acquire(
            Path dir, String fileName, Function<String, ? extends RuntimeException> alreadyOpen)
            throws IOException {
        Path file = dir.resolve(fileName);
        Path heldKey = dir.toRealPath().resolve(fileName);
        if (!HELD_HERE.add(heldKey)) {
            throw alreadyOpen.apply("held by this process " + processName());
        }
        try {
            FileChannel channel =
                    FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw alreadyOpen.apply(holder(file));
            }
            // The process, and which of its acquisitions: a reopening writer records a new holder.
            String holder =
                    processName() + " #" + Long.toHexString(ThreadLocalRandom.current().nextLong());
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(holder.getBytes(StandardCharsets.UTF_8)), 0);
            return new DirectoryLock(heldKey, channel, lock, holder);
        } catch (IOException | RuntimeException e) {
            HELD_HERE.remove(heldKey);
            throw e;
        }
    }

    /**
     * Who holds this lock, as recorded in its file: this process's name ({@code pid@host}) and an
     * id of this acquisition.
     */
    public String holder() {
        return holder;
    }

    /**
     * The holder recorded in {@code dir}'s lock file {@code fileName}, or empty when there is none.
     * A reader that finds the holder a writer advertised sees that writer's directory; the record
     * outlives its holder, so it says nothing about whether the lock is still held.
     */
    public static Optional<String> recordedHolder(Path dir, String fileName) {
        try {
            String who = Files.readString(dir.resolve(fileName), StandardCharsets.UTF_8).trim();
            return who.isEmpty() ? Optional.empty() : Optional.of(who);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String processName() {
        return ManagementFactory.getRuntimeMXBean().getName();
    }

    private static String holder(Path file) {
        try {
            String who = Files.readString(file, StandardCharsets.UTF_8).trim();
            return who.isEmpty() ? "holder unknown" : "held by process " + who;
        } catch (IOException e) {
            return "holder unknown";
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
            HELD_HERE.remove(heldKey);
        }
    }
}
