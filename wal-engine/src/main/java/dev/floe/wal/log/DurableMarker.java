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
package dev.floe.wal.log;

import java.io.Closeable;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The file {@code wal.durable}: the offset below which every record is known to be fsynced, shared
 * through a memory mapping so readers in other processes can stop at durable data. The writer
 * updates it only after the fsync it describes, so it never runs ahead of the disk, and creates it
 * only when it first records an offset above 0: readers read a missing marker as 0, so a new log
 * costs one file less to open. One writer thread; readers in any process.
 */
final class DurableMarker implements Closeable {

    static final String FILE_NAME = "wal.durable";
    private static final int SIZE = Long.BYTES;

    private final Path dir;
    private FileChannel channel;
    private MappedByteBuffer map;

    private DurableMarker(Path dir, FileChannel channel, MappedByteBuffer map) {
        this.dir = dir;
        this.channel = channel;
        this.map = map;
    }

    /** The writer's marker: the existing file, or none until an offset above 0 is recorded. */
    static DurableMarker forWriter(Path dir) throws IOException {
        DurableMarker marker = new DurableMarker(dir, null, null);
        if (Files.exists(dir.resolve(FILE_NAME))) {
            marker.create();
        }
        return marker;
    }

    private void create() throws IOException {
        channel =
                FileChannel.open(
                        dir.resolve(FILE_NAME),
                        StandardOpenOption.CREATE,
                        StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
        map = channel.map(FileChannel.MapMode.READ_WRITE, 0, SIZE);
    }

    /** A read-only view, or null when no writer has created the marker yet. */
    static DurableMarker forReader(Path dir) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(dir.resolve(FILE_NAME), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return null;
        }
        if (channel.size() < SIZE) {
            channel.close();
            return null;
        }
        return new DurableMarker(dir, channel, channel.map(FileChannel.MapMode.READ_ONLY, 0, SIZE));
    }

    long get() {
        return map == null ? 0 : map.getLong(0);
    }

    void set(long durableEnd) throws IOException {
        if (map == null) {
            if (durableEnd == 0) {
                return;
            }
            create();
        }
        map.putLong(0, durableEnd);
    }

    /** Sets and forces the value; used when it moves backwards (truncation). */
    void setAndForce(long durableEnd) throws IOException {
        set(durableEnd);
        if (map != null) {
            map.force();
        }
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}
