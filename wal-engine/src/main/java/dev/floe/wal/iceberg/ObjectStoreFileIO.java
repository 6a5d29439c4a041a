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
package dev.floe.wal.iceberg;

import dev.floe.wal.object.ObjectAlreadyExistsException;
import dev.floe.wal.object.ObjectInfo;
import dev.floe.wal.object.ObjectNotFoundException;
import dev.floe.wal.object.ObjectStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.NotFoundException;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.PositionOutputStream;
import org.apache.iceberg.io.SeekableInputStream;
import org.slf4j.LoggerFactory;

/**
 * Iceberg's {@link FileIO} over one of Floe's object stores, so Iceberg reads and writes through
 * the same store (S3 or a local directory) as Floe. Locations are the URIs engines open ({@link
 * ObjectStore#uri}): {@code s3://bucket/key} or {@code file:///path}; only locations in this store
 * are accepted. Files are written whole when their stream closes (metadata, manifests and delete
 * files are small), create-only. Thread-safe as the store is; not serializable for engines, which
 * open the locations with their own file systems.
 */
public final class ObjectStoreFileIO implements FileIO {

    private static final String PROBE = "probe";

    private final transient ObjectStore store;
    private final String base;

    public ObjectStoreFileIO(ObjectStore store) {
        this.store = store;
        String probe = store.uri(PROBE);
        this.base = probe.substring(0, probe.length() - PROBE.length());
    }

    /** The location of the object under {@code key}. */
    public String location(String key) {
        return store.uri(key);
    }

    /**
     * The key of the object at {@code location}.
     *
     * @throws IllegalArgumentException if the location is not in this store
     */
    public String key(String location) {
        if (!location.startsWith(base) || location.length() == base.length()) {
            throw new IllegalArgumentException(
                    "location "
                            + location
                            + " is not in "
                            + store.describe()
                            + " (its locations start with "
                            + base
                            + ")");
        }
        return location.substring(base.length());
    }

    /** Whether {@code location} names an object of this store. */
    public boolean contains(String location) {
        return location.startsWith(base) && location.length() > base.length();
    }

    @Override
    public InputFile newInputFile(String location) {
        return new ObjectInputFile(location, key(location), -1);
    }

    @Override
    public InputFile newInputFile(String location, long length) {
        return new ObjectInputFile(location, key(location), length);
    }

    @Override
    public OutputFile newOutputFile(String location) {
        return new ObjectOutputFile(location, key(location));
    }

    @Override
    public void deleteFile(String location) {
        try {
            store.delete(List.of(key(location)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + location + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the files {@code files}, ignoring failures (they become orphans). */
    void deleteFiles(List<? extends org.apache.iceberg.ContentFile<?>> files) {
        if (files.isEmpty()) {
            return;
        }
        try {
            store.delete(files.stream().map(f -> key(f.location())).toList());
        } catch (IOException | RuntimeException e) {
            LoggerFactory.getLogger(ObjectStoreFileIO.class)
                    .debug("Could not delete {}: {}", files, e.toString());
        }
    }

    /** No properties: engines open the locations with their own file systems and settings. */
    @Override
    public java.util.Map<String, String> properties() {
        return java.util.Map.of();
    }

    /** Does not close the store, which its owner closes. */
    @Override
    public void close() {}

    private final class ObjectInputFile implements InputFile {
        private final String location;
        private final String key;
        private long length;

        ObjectInputFile(String location, String key, long length) {
            this.location = location;
            this.key = key;
            this.length = length;
        }

        @Override
        public long getLength() {
            if (length < 0) {
                length = info().orElseThrow(() -> notFound(null)).size();
            }
            return length;
        }

        @Override
        public SeekableInputStream newStream() {
            return new ObjectInputStream(key, getLength());
        }

        @Override
        public String location() {
            return location;
        }

        @Override
        public boolean exists() {
            return info().isPresent();
        }

        private Optional<ObjectInfo> info() {
            try {
                return store.head(key);
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "cannot read " + location + ": " + e.getMessage(), e);
            }
        }

        private NotFoundException notFound(Exception cause) {
            NotFoundException e = new NotFoundException("no object at %s", location);
            if (cause != null) {
                e.initCause(cause);
            }
            return e;
        }
    }

    /** Reads through a buffer filled by ranged reads. Not thread-safe. */
    private final class ObjectInputStream extends SeekableInputStream {
        private static final int CHUNK = 1 << 20;

        private final String key;
        private final long length;
        private long position;
        private byte[] buffer = new byte[0];
        private long bufferStart;

        ObjectInputStream(String key, long length) {
            this.key = key;
            this.length = length;
        }

        @Override
        public long getPos() {
            return position;
        }

        @Override
        public void seek(long newPos) throws IOException {
            if (newPos < 0) {
                throw new IOException("cannot seek to " + newPos + " in " + key);
            }
            position = newPos;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (position >= length) {
                return -1;
            }
            if (position < bufferStart || position >= bufferStart + buffer.length) {
                int want = (int) Math.min(Math.max(len, CHUNK), length - position);
                try {
                    buffer = store.read(key, position, want);
                } catch (ObjectNotFoundException e) {
                    throw new NotFoundException(e, "no object at %s", location(key));
                }
                bufferStart = position;
                if (buffer.length == 0) {
                    return -1;
                }
            }
            int from = (int) (position - bufferStart);
            int n = Math.min(len, buffer.length - from);
            System.arraycopy(buffer, from, b, off, n);
            position += n;
            return n;
        }

        @Override
        public void close() {
            buffer = new byte[0];
        }
    }

    private final class ObjectOutputFile implements OutputFile {
        private final String location;
        private final String key;

        ObjectOutputFile(String location, String key) {
            this.location = location;
            this.key = key;
        }

        @Override
        public PositionOutputStream create() {
            return new ObjectOutputStream(key, false);
        }

        @Override
        public PositionOutputStream createOrOverwrite() {
            return new ObjectOutputStream(key, true);
        }

        @Override
        public String location() {
            return location;
        }

        @Override
        public InputFile toInputFile() {
            return new ObjectInputFile(location, key, -1);
        }
    }

    /** Collects the bytes and writes the object on close. Not thread-safe. */
    private final class ObjectOutputStream extends PositionOutputStream {
        private final String key;
        private final boolean overwrite;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private boolean closed;

        ObjectOutputStream(String key, boolean overwrite) {
            this.key = key;
            this.overwrite = overwrite;
        }

        @Override
        public long getPos() {
            return bytes.size();
        }

        @Override
        public void write(int b) {
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            byte[] content = bytes.toByteArray();
            try {
                store.putIfAbsent(key, content);
            } catch (ObjectAlreadyExistsException e) {
                if (!overwrite) {
                    throw new AlreadyExistsException(e, "%s exists", location(key));
                }
                store.delete(List.of(key));
                store.putIfAbsent(key, content);
            }
        }
    }
}
