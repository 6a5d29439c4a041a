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
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link ObjectStore} in a local directory, the embedded default: each key is a file at that
 * relative path under the root. Thread-safe, and safe for several processes sharing the directory.
 *
 * <p>Create-only is atomic: the bytes go to a temporary file that is fsynced and then hard-linked
 * to the key's path, which fails if the path exists. Uploads in progress live under {@code
 * .uploads/<uploadId>/} (a {@code key} file and a {@code data} file) until they complete or are
 * aborted, so {@link #pendingUploads} finds those a crashed writer left behind. The top-level name
 * {@code .uploads} is therefore reserved. A key cannot also be a directory of other keys ({@code a}
 * and {@code a/b}), unlike in S3.
 */
public final class LocalDirectoryObjectStore implements ObjectStore {

    private static final Logger LOG = LoggerFactory.getLogger(LocalDirectoryObjectStore.class);

    static final String UPLOADS_DIR = ".uploads";
    static final String UPLOAD_KEY_FILE = "key";
    static final String UPLOAD_DATA_FILE = "data";
    private static final int LINK_ATTEMPTS = 10;

    private final Path root;
    private final Path uploads;
    private final String name;
    private volatile boolean closed;

    private LocalDirectoryObjectStore(Path root) {
        this.root = root;
        this.uploads = root.resolve(UPLOADS_DIR);
        this.name = "local directory " + root;
    }

    /**
     * Opens the store rooted at {@code root}, creating the directory if it does not exist.
     *
     * @throws ObjectStoreException if the directory cannot be created
     */
    public static LocalDirectoryObjectStore open(Path root) throws ObjectStoreException {
        if (root == null) {
            throw new IllegalArgumentException("Object store root directory must not be null");
        }
        Path absolute = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute.resolve(UPLOADS_DIR));
        } catch (IOException e) {
            throw new ObjectStoreException(
                    "Cannot create object store directory "
                            + absolute
                            + ": "
                            + e
                            + "; check that the path is a writable directory",
                    e);
        }
        return new LocalDirectoryObjectStore(absolute);
    }

    @Override
    public ObjectInfo putIfAbsent(String key, byte[] bytes) throws IOException {
        if (bytes == null) {
            throw new IllegalArgumentException("bytes for object " + key + " must not be null");
        }
        try (ObjectUpload upload = startUpload(key)) {
            upload.write(ByteBuffer.wrap(bytes));
            return upload.complete();
        }
    }

    @Override
    public ObjectUpload startUpload(String key) throws ObjectStoreException {
        ensureOpen();
        checkKey(key);
        String uploadId = UUID.randomUUID().toString();
        Path dir = uploads.resolve(uploadId);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(UPLOAD_KEY_FILE), key, StandardCharsets.UTF_8);
            FileChannel channel =
                    FileChannel.open(
                            dir.resolve(UPLOAD_DATA_FILE),
                            StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE);
            return new LocalObjectUpload(this, key, dir, channel);
        } catch (IOException e) {
            deleteUploadDir(dir);
            throw failure("start an upload of", key, e);
        }
    }

    /** Makes an upload's fsynced data file visible under its key, create-only. */
    ObjectInfo commit(String key, Path uploadDir) throws ObjectStoreException {
        ensureOpen();
        Path data = uploadDir.resolve(UPLOAD_DATA_FILE);
        Path target = pathOf(key);
        try {
            for (int attempt = 1; ; attempt++) {
                createParents(target);
                try {
                    Files.createLink(target, data);
                    break;
                } catch (FileAlreadyExistsException e) {
                    throw new ObjectAlreadyExistsException(name, key);
                } catch (NoSuchFileException e) {
                    if (!Files.exists(data)) {
                        throw new ObjectStoreException(
                                "Upload of "
                                        + key
                                        + " to "
                                        + name
                                        + " was aborted before it completed; start a new upload",
                                e);
                    }
                    if (attempt == LINK_ATTEMPTS) {
                        throw e;
                    }
                    // A concurrent delete pruned the parent directory we had just created.
                }
            }
            forceDirectory(target.getParent());
            ObjectInfo info = info(key, Files.readAttributes(target, BasicFileAttributes.class));
            deleteUploadDir(uploadDir);
            return info;
        } catch (ObjectStoreException e) {
            throw e;
        } catch (IOException e) {
            throw failure("complete", key, e);
        }
    }

    @Override
    public byte[] read(String key, long position, int length) throws ObjectStoreException {
        ObjectKeys.checkRange(position, length);
        try (FileChannel channel = openForRead(key)) {
            long available = Math.max(0, channel.size() - position);
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(length, available));
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, position + buffer.position()) < 0) {
                    break;
                }
            }
            return buffer.position() == buffer.capacity()
                    ? buffer.array()
                    : Arrays.copyOf(buffer.array(), buffer.position());
        } catch (ObjectStoreException e) {
            throw e;
        } catch (IOException e) {
            throw failure("read", key, e);
        }
    }

    @Override
    public InputStream open(String key, long position) throws ObjectStoreException {
        ObjectKeys.checkRange(position, 0);
        FileChannel channel = openForRead(key);
        try {
            channel.position(position);
            return Channels.newInputStream(channel);
        } catch (IOException e) {
            closeQuietly(channel);
            throw failure("open", key, e);
        }
    }

    @Override
    public Optional<ObjectInfo> head(String key) throws ObjectStoreException {
        ensureOpen();
        checkKey(key);
        try {
            BasicFileAttributes attributes =
                    Files.readAttributes(pathOf(key), BasicFileAttributes.class);
            return attributes.isRegularFile()
                    ? Optional.of(info(key, attributes))
                    : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw failure("stat", key, e);
        }
    }

    @Override
    public List<ObjectInfo> list(String prefix) throws ObjectStoreException {
        ensureOpen();
        ObjectKeys.checkPrefix(prefix);
        int lastSlash = prefix.lastIndexOf('/');
        Path start = lastSlash < 0 ? root : root.resolve(prefix.substring(0, lastSlash));
        List<ObjectInfo> result = new ArrayList<>();
        try {
            Files.walkFileTree(
                    start,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(
                                Path dir, BasicFileAttributes attributes) {
                            return dir.equals(uploads)
                                    ? FileVisitResult.SKIP_SUBTREE
                                    : FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(
                                Path file, BasicFileAttributes attributes) {
                            String key = keyOf(file);
                            if (attributes.isRegularFile() && key.startsWith(prefix)) {
                                result.add(info(key, attributes));
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e)
                                throws IOException {
                            if (e instanceof NoSuchFileException) {
                                return FileVisitResult.CONTINUE; // deleted while we walked
                            }
                            throw e;
                        }
                    });
        } catch (IOException e) {
            throw failure("list keys with prefix", prefix, e);
        }
        result.sort(Comparator.comparing(ObjectInfo::key, ObjectKeys.ORDER));
        return result;
    }

    @Override
    public void delete(Collection<String> keys) throws ObjectStoreException {
        ensureOpen();
        keys.forEach(this::checkKey);
        for (String key : keys) {
            Path path = pathOf(key);
            try {
                if (!Files.isDirectory(path) && Files.deleteIfExists(path)) {
                    pruneEmptyParents(path);
                }
            } catch (IOException e) {
                throw failure("delete", key, e);
            }
        }
    }

    @Override
    public List<PendingUpload> pendingUploads(String prefix) throws ObjectStoreException {
        ensureOpen();
        ObjectKeys.checkPrefix(prefix);
        List<PendingUpload> result = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(uploads)) {
            for (Path dir : (Iterable<Path>) dirs::iterator) {
                pendingUpload(dir)
                        .filter(upload -> upload.key().startsWith(prefix))
                        .ifPresent(result::add);
            }
        } catch (NoSuchFileException e) {
            return List.of(); // nothing was ever uploaded, or the directory was removed by hand
        } catch (IOException | UncheckedIOException e) {
            throw failure("list pending uploads with prefix", prefix, e);
        }
        result.sort(
                Comparator.comparing(PendingUpload::key, ObjectKeys.ORDER)
                        .thenComparing(PendingUpload::started));
        return result;
    }

    private Optional<PendingUpload> pendingUpload(Path dir) throws IOException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(dir, BasicFileAttributes.class);
            if (!attributes.isDirectory()) {
                return Optional.empty();
            }
            String key = Files.readString(dir.resolve(UPLOAD_KEY_FILE), StandardCharsets.UTF_8);
            return Optional.of(
                    new PendingUpload(
                            key,
                            dir.getFileName().toString(),
                            attributes.creationTime().toInstant()));
        } catch (NoSuchFileException e) {
            // Completed or aborted while we listed, or the writer died before naming its key.
            LOG.debug("Skipping upload directory {} without a key file", dir);
            return Optional.empty();
        }
    }

    @Override
    public void abort(PendingUpload upload) throws ObjectStoreException {
        ensureOpen();
        String id = upload.uploadId();
        if (id.isEmpty() || id.contains("/") || id.startsWith(".")) {
            throw new IllegalArgumentException(
                    "Upload id '" + id + "' for " + upload.key() + " was not issued by " + name);
        }
        deleteUploadDir(uploads.resolve(id));
    }

    @Override
    public String describe() {
        return name;
    }

    @Override
    public String location(String key) {
        return pathOf(checkKey(key)).toString();
    }

    @Override
    public String uri(String key) {
        return pathOf(checkKey(key)).toUri().toString();
    }

    @Override
    public void close() {
        closed = true;
    }

    void ensureOpen() throws ObjectStoreException {
        if (closed) {
            throw new ObjectStoreException("Object store " + name + " is closed");
        }
    }

    /** Deletes an upload's files; missing files are fine (already aborted or completed). */
    void deleteUploadDir(Path dir) {
        try {
            Files.deleteIfExists(dir.resolve(UPLOAD_DATA_FILE));
            Files.deleteIfExists(dir.resolve(UPLOAD_KEY_FILE));
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            LOG.warn("Cannot delete upload directory {} in {}; delete it by hand", dir, name, e);
        }
    }

    ObjectStoreException failure(String action, String key, Exception cause) {
        return new ObjectStoreException(
                "Cannot "
                        + action
                        + " "
                        + key
                        + " in "
                        + name
                        + ": "
                        + cause
                        + "; check the disk, its free space and the directory's permissions",
                cause);
    }

    private String checkKey(String key) {
        ObjectKeys.check(key);
        if (key.equals(UPLOADS_DIR) || key.startsWith(UPLOADS_DIR + "/")) {
            throw new IllegalArgumentException(
                    "Object key '" + key + "' is reserved: " + name + " keeps uploads there");
        }
        return key;
    }

    private Path pathOf(String key) {
        return root.resolve(key);
    }

    private String keyOf(Path file) {
        return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }

    private static ObjectInfo info(String key, BasicFileAttributes attributes) {
        return new ObjectInfo(key, attributes.size(), attributes.lastModifiedTime().toInstant());
    }

    private FileChannel openForRead(String key) throws ObjectStoreException {
        ensureOpen();
        checkKey(key);
        Path path = pathOf(key);
        try {
            if (Files.isDirectory(path)) {
                throw new ObjectNotFoundException(name, key);
            }
            return FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new ObjectNotFoundException(name, key);
        } catch (ObjectStoreException e) {
            throw e;
        } catch (IOException e) {
            throw failure("open", key, e);
        }
    }

    /** Creates the missing directories above {@code target}, each made durable in its parent. */
    private void createParents(Path target) throws IOException {
        Deque<Path> missing = new ArrayDeque<>();
        for (Path dir = target.getParent(); !Files.isDirectory(dir); dir = dir.getParent()) {
            missing.push(dir);
        }
        for (Path dir : missing) {
            try {
                Files.createDirectory(dir);
                forceDirectory(dir.getParent());
            } catch (FileAlreadyExistsException e) {
                if (!Files.isDirectory(dir)) {
                    throw new ObjectStoreException(
                            "Cannot create "
                                    + keyOf(target)
                                    + " in "
                                    + name
                                    + ": "
                                    + keyOf(dir)
                                    + " is an object, and a local directory cannot hold an object"
                                    + " under another object's key",
                            e);
                }
            }
        }
    }

    private void pruneEmptyParents(Path deleted) throws IOException {
        for (Path dir = deleted.getParent(); !dir.equals(root); dir = dir.getParent()) {
            try {
                Files.delete(dir);
            } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                return;
            }
        }
    }

    private static void forceDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("Ignoring failure to close {}", channel, e);
        }
    }
}
