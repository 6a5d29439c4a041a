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

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * A streaming upload to an {@link S3ObjectStore}. Bytes fill one part buffer (grown on demand up to
 * the part size); a full buffer is sent as a multipart part in the background while the next one
 * fills, with at most one part in flight, so memory stays at two parts whatever the object's size.
 * The multipart upload is created only when the first part is sent: an object of at most one part
 * is a single create-only {@code PutObject}. Any failure aborts the multipart upload. Not
 * thread-safe: one writer thread.
 */
final class S3ObjectUpload implements ObjectUpload {

    private static final Logger LOG = LoggerFactory.getLogger(S3ObjectUpload.class);
    private static final int MAX_PARTS = 10_000;
    private static final int INITIAL_BUFFER = 64 << 10;

    private enum State {
        OPEN,
        COMPLETED,
        FAILED
    }

    private final S3ObjectStore store;
    private final String key;
    private final int partSize;
    private final List<CompletedPart> parts = new ArrayList<>();
    private byte[] buffer = new byte[0];
    private byte[] spare;
    private CompletableFuture<CompletedPart> inFlight;
    private int filled;
    private long size;
    private String uploadId;
    private State state = State.OPEN;

    S3ObjectUpload(S3ObjectStore store, String key, int partSize) {
        this.store = store;
        this.key = key;
        this.partSize = partSize;
    }

    @Override
    public void write(ByteBuffer bytes) throws ObjectStoreException {
        ensureOpen();
        while (bytes.hasRemaining()) {
            if (filled == partSize) {
                sendPart();
            }
            int n = Math.min(bytes.remaining(), partSize - filled);
            ensureCapacity(filled + n);
            bytes.get(buffer, filled, n);
            filled += n;
            size += n;
        }
    }

    @Override
    public long size() {
        return size;
    }

    /** Bytes of part buffer this upload holds, never more than the part size. */
    int bufferCapacity() {
        return buffer.length;
    }

    @Override
    public ObjectInfo complete() throws ObjectStoreException {
        ensureOpen();
        try {
            ObjectInfo info =
                    uploadId == null ? store.put(key, buffer, filled) : completeMultipart();
            state = State.COMPLETED;
            buffer = null;
            return info;
        } catch (ObjectStoreException | RuntimeException e) {
            fail(e);
            throw e;
        }
    }

    private ObjectInfo completeMultipart() throws ObjectStoreException {
        sendPart();
        awaitInFlight();
        try {
            CompleteMultipartUploadResponse response =
                    store.client()
                            .completeMultipartUpload(
                                    r ->
                                            r.bucket(store.config().bucket())
                                                    .key(store.fullKey(key))
                                                    .uploadId(uploadId)
                                                    .ifNoneMatch("*")
                                                    .multipartUpload(m -> m.parts(parts)));
            return new ObjectInfo(key, size, S3ObjectStore.serverTime(response));
        } catch (SdkException e) {
            if (S3Errors.isKeyTaken(e)) {
                throw new ObjectAlreadyExistsException(store.describe(), key);
            }
            throw S3Errors.translate(store, "complete upload " + uploadId + " of", key, e);
        }
    }

    /**
     * Aborts the multipart upload. On an open upload a failure to reach the server is thrown; after
     * a failed write or complete (which already tried to abort) another attempt is made and a
     * failure only logged, since {@link ObjectStore#pendingUploads} finds the upload later.
     */
    @Override
    public void abort() throws ObjectStoreException {
        if (state == State.COMPLETED) {
            return;
        }
        boolean afterFailure = state == State.FAILED;
        state = State.FAILED;
        buffer = null;
        spare = null;
        if (inFlight != null) {
            inFlight.handle((part, error) -> null).join();
            inFlight = null;
        }
        if (uploadId == null) {
            return;
        }
        try {
            store.abortMultipart(key, uploadId);
            uploadId = null;
        } catch (ObjectStoreException e) {
            if (!afterFailure) {
                throw e;
            }
            LOG.warn(
                    "Cannot abort the upload {} of {} to {} after it failed; pendingUploads()"
                            + " lists it for a later abort: {}",
                    uploadId,
                    key,
                    store.describe(),
                    e.getMessage());
        }
    }

    private void sendPart() throws ObjectStoreException {
        try {
            if (uploadId == null) {
                uploadId =
                        store.client()
                                .createMultipartUpload(
                                        r ->
                                                r.bucket(store.config().bucket())
                                                        .key(store.fullKey(key))
                                                        .checksumAlgorithm(S3ObjectStore.CHECKSUM))
                                .uploadId();
                LOG.debug(
                        "Started multipart upload {} of {} to {}", uploadId, key, store.describe());
            }
            awaitInFlight();
            int partNumber = parts.size() + 1;
            if (partNumber > MAX_PARTS) {
                throw new ObjectStoreException(
                        "Upload of "
                                + key
                                + " to "
                                + store.describe()
                                + " exceeds S3's "
                                + MAX_PARTS
                                + " parts of "
                                + partSize
                                + " bytes; raise partSize");
            }
            byte[] part = buffer;
            int length = filled;
            inFlight =
                    CompletableFuture.supplyAsync(
                            () -> uploadPart(partNumber, part, length), store.partSender());
            buffer = spare != null ? spare : new byte[Math.min(partSize, buffer.length)];
            spare = part;
            filled = 0;
        } catch (SdkException e) {
            ObjectStoreException failure =
                    S3Errors.translate(store, "upload part " + (parts.size() + 1) + " of", key, e);
            fail(failure);
            throw failure;
        } catch (ObjectStoreException e) {
            fail(e);
            throw e;
        }
    }

    private CompletedPart uploadPart(int partNumber, byte[] part, int length) {
        UploadPartResponse response =
                store.client()
                        .uploadPart(
                                r ->
                                        r.bucket(store.config().bucket())
                                                .key(store.fullKey(key))
                                                .uploadId(uploadId)
                                                .partNumber(partNumber)
                                                .checksumAlgorithm(S3ObjectStore.CHECKSUM),
                                S3ObjectStore.body(part, length));
        return CompletedPart.builder()
                .partNumber(partNumber)
                .eTag(response.eTag())
                .checksumCRC32C(response.checksumCRC32C())
                .build();
    }

    /** Waits for the part in flight, if any, and records it. */
    private void awaitInFlight() throws ObjectStoreException {
        if (inFlight == null) {
            return;
        }
        try {
            parts.add(inFlight.join());
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            ObjectStoreException failure =
                    cause instanceof SdkException sdk
                            ? S3Errors.translate(
                                    store, "upload part " + (parts.size() + 1) + " of", key, sdk)
                            : new ObjectStoreException(
                                    "Upload of part "
                                            + (parts.size() + 1)
                                            + " of "
                                            + key
                                            + " to "
                                            + store.describe()
                                            + " failed: "
                                            + cause,
                                    cause);
            inFlight = null;
            fail(failure);
            throw failure;
        }
        inFlight = null;
    }

    /** Marks the upload failed and aborts it, keeping an abort failure with {@code cause}. */
    private void fail(Exception cause) {
        if (state != State.OPEN) {
            return;
        }
        try {
            abort();
        } catch (ObjectStoreException e) {
            cause.addSuppressed(e);
        }
    }

    private void ensureCapacity(int needed) {
        if (needed > buffer.length) {
            int capacity = Math.max(INITIAL_BUFFER, buffer.length);
            while (capacity < needed) {
                capacity = Math.min(partSize, capacity * 2);
            }
            buffer = Arrays.copyOf(buffer, capacity);
        }
    }

    private void ensureOpen() throws ObjectStoreException {
        if (state == State.COMPLETED) {
            throw new IllegalStateException(
                    "Upload of " + key + " to " + store.describe() + " already completed");
        }
        if (state == State.FAILED) {
            throw new ObjectStoreException(
                    "Upload of "
                            + key
                            + " to "
                            + store.describe()
                            + " was aborted or failed; start a new upload");
        }
    }
}
