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
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A bucket of immutable objects, the narrow view of S3 that Floe needs. Keys are never overwritten:
 * every write is create-only. Implementations are thread-safe.
 *
 * <p>Errors are {@link ObjectStoreException}s whose messages name the store ({@link #describe()})
 * and the key; {@link ObjectAlreadyExistsException} when a create-only write finds the key taken.
 */
public interface ObjectStore extends AutoCloseable {

    /**
     * Creates an object from bytes held in memory (small objects: descriptors, footers, tests).
     *
     * @throws ObjectAlreadyExistsException if an object with this key exists
     */
    ObjectInfo putIfAbsent(String key, byte[] bytes) throws IOException;

    /**
     * Starts a streaming, create-only upload with bounded memory: bytes are sent in parts as they
     * are written, and the object appears only when {@link ObjectUpload#complete()} returns.
     */
    ObjectUpload startUpload(String key) throws IOException;

    /** Reads {@code length} bytes from {@code position}; fewer only at the end of the object. */
    byte[] read(String key, long position, int length) throws IOException;

    /** Streams the object from {@code position} to its end. */
    InputStream open(String key, long position) throws IOException;

    /** The object's size and time, or empty if there is no such object. */
    Optional<ObjectInfo> head(String key) throws IOException;

    /** Every object whose key starts with {@code prefix}, in key order. */
    List<ObjectInfo> list(String prefix) throws IOException;

    /** Deletes objects; keys that do not exist are ignored. */
    void delete(Collection<String> keys) throws IOException;

    /** Uploads started under {@code prefix} and neither completed nor aborted. */
    List<PendingUpload> pendingUploads(String prefix) throws IOException;

    /** Aborts an upload found by {@link #pendingUploads}, freeing its parts. */
    void abort(PendingUpload upload) throws IOException;

    /** Where this store is, for messages: for example {@code s3://bucket at http://host:9000}. */
    String describe();

    /**
     * Where a tool outside Floe finds the object under {@code key}: an absolute file path for a
     * local directory, an {@code s3://bucket/key} URL for S3 (with the store's key prefix). Does
     * not check that the object exists.
     */
    String location(String key);

    /**
     * The URI engines open the object under {@code key} with, as Iceberg metadata names it: a
     * {@code file:} URI for a local directory, the {@link #location} otherwise. Does not check that
     * the object exists.
     */
    default String uri(String key) {
        return location(key);
    }

    @Override
    void close() throws IOException;
}
