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

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * An {@link ObjectStore} held in memory, for unit tests: the same create-only and upload semantics
 * as the real stores, with times from an injected {@link Clock}. Thread-safe.
 */
public final class InMemoryObjectStore implements ObjectStore {

    private record StoredObject(byte[] bytes, ObjectInfo info) {}

    private final Clock clock;
    private final String name;
    private final NavigableMap<String, StoredObject> objects =
            new ConcurrentSkipListMap<>(ObjectKeys.ORDER);
    private final Map<String, PendingUpload> uploads = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** A store whose objects are stamped with the system UTC clock. */
    public InMemoryObjectStore() {
        this(Clock.systemUTC());
    }

    /** A store whose objects and uploads are stamped with {@code clock}. */
    public InMemoryObjectStore(Clock clock) {
        if (clock == null) {
            throw new IllegalArgumentException("clock must not be null");
        }
        this.clock = clock;
        this.name = "memory://" + Integer.toHexString(System.identityHashCode(this));
    }

    @Override
    public ObjectInfo putIfAbsent(String key, byte[] bytes) throws ObjectStoreException {
        ensureOpen();
        ObjectKeys.check(key);
        if (bytes == null) {
            throw new IllegalArgumentException("bytes for object " + key + " must not be null");
        }
        return create(key, bytes.clone());
    }

    ObjectInfo create(String key, byte[] ownedBytes) throws ObjectStoreException {
        ensureOpen();
        ObjectInfo info = new ObjectInfo(key, ownedBytes.length, clock.instant());
        if (objects.putIfAbsent(key, new StoredObject(ownedBytes, info)) != null) {
            throw new ObjectAlreadyExistsException(name, key);
        }
        return info;
    }

    @Override
    public ObjectUpload startUpload(String key) throws ObjectStoreException {
        ensureOpen();
        ObjectKeys.check(key);
        PendingUpload pending =
                new PendingUpload(key, UUID.randomUUID().toString(), clock.instant());
        uploads.put(pending.uploadId(), pending);
        return new InMemoryObjectUpload(this, pending);
    }

    /** Removes a pending upload; false if it was already completed or aborted. */
    boolean finishUpload(PendingUpload upload) {
        return uploads.remove(upload.uploadId(), upload);
    }

    @Override
    public byte[] read(String key, long position, int length) throws ObjectStoreException {
        ObjectKeys.checkRange(position, length);
        byte[] bytes = get(key).bytes();
        if (position >= bytes.length) {
            return new byte[0];
        }
        int start = (int) position;
        return Arrays.copyOfRange(
                bytes, start, (int) Math.min(bytes.length, start + (long) length));
    }

    @Override
    public InputStream open(String key, long position) throws ObjectStoreException {
        ObjectKeys.checkRange(position, 0);
        byte[] bytes = get(key).bytes();
        int start = (int) Math.min(position, bytes.length);
        return new ByteArrayInputStream(bytes, start, bytes.length - start);
    }

    @Override
    public Optional<ObjectInfo> head(String key) throws ObjectStoreException {
        ensureOpen();
        ObjectKeys.check(key);
        return Optional.ofNullable(objects.get(key)).map(StoredObject::info);
    }

    @Override
    public List<ObjectInfo> list(String prefix) throws ObjectStoreException {
        ensureOpen();
        ObjectKeys.checkPrefix(prefix);
        List<ObjectInfo> result = new ArrayList<>();
        for (StoredObject object : objects.tailMap(prefix, true).values()) {
            if (!object.info().key().startsWith(prefix)) {
                break;
            }
            result.add(object.info());
        }
        return result;
    }

    @Override
    public void delete(Collection<String> keys) throws ObjectStoreException {
        ensureOpen();
        keys.forEach(ObjectKeys::check);
        keys.forEach(objects::remove);
    }

    @Override
    public List<PendingUpload> pendingUploads(String prefix) throws ObjectStoreException {
        ensureOpen();
        ObjectKeys.checkPrefix(prefix);
        return uploads.values().stream()
                .filter(upload -> upload.key().startsWith(prefix))
                .sorted(
                        Comparator.comparing(PendingUpload::key, ObjectKeys.ORDER)
                                .thenComparing(PendingUpload::started))
                .toList();
    }

    @Override
    public void abort(PendingUpload upload) throws ObjectStoreException {
        ensureOpen();
        uploads.remove(upload.uploadId());
    }

    @Override
    public String describe() {
        return name;
    }

    @Override
    public String location(String key) {
        ObjectKeys.check(key);
        return name + "/" + key;
    }

    @Override
    public void close() {
        closed = true;
    }

    private StoredObject get(String key) throws ObjectStoreException {
        ensureOpen();
        ObjectKeys.check(key);
        StoredObject object = objects.get(key);
        if (object == null) {
            throw new ObjectNotFoundException(name, key);
        }
        return object;
    }

    void ensureOpen() throws ObjectStoreException {
        if (closed) {
            throw new ObjectStoreException("Object store " + name + " is closed");
        }
    }
}
