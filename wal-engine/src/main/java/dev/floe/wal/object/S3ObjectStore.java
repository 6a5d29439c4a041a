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
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An {@link ObjectStore} in an S3 bucket (AWS S3, MinIO, S3Proxy) through the AWS SDK v2. Thread-
 * safe.
 *
 * <p>Create-only writes send {@code If-None-Match: *}, so a taken key fails atomically on the
 * server. Uploads larger than one part use multipart upload and are aborted on failure; smaller
 * ones are a single {@code PutObject}. Every upload carries a CRC32C checksum the server verifies.
 * {@link #open} checks the bucket at once, so a wrong endpoint, credentials or bucket fails at
 * startup with a message that says which.
 */
public final class S3ObjectStore implements ObjectStore {

    private static final Logger LOG = LoggerFactory.getLogger(S3ObjectStore.class);
    private static final int DELETE_BATCH = 1000;
    static final ChecksumAlgorithm CHECKSUM = ChecksumAlgorithm.CRC32_C;

    private final S3ObjectStoreConfig config;
    private final S3Client s3;
    private final String name;
    private final ExecutorService partSender =
            Executors.newCachedThreadPool(
                    r -> {
                        Thread t = new Thread(r, "floe-s3-parts");
                        t.setDaemon(true);
                        return t;
                    });

    private S3ObjectStore(S3ObjectStoreConfig config, S3Client s3) {
        this.config = config;
        this.s3 = s3;
        this.name =
                "s3://"
                        + config.bucket()
                        + (config.keyPrefix().isEmpty() ? "" : "/" + config.keyPrefix())
                        + config.endpoint()
                                .map(uri -> " at " + uri)
                                .orElse(" in AWS region " + config.region());
    }

    /**
     * Connects to the bucket and checks that it is there (creating it if so configured).
     *
     * @throws ObjectStoreException naming the endpoint and bucket, and whether the server, the
     *     credentials or the bucket is at fault
     */
    public static S3ObjectStore open(S3ObjectStoreConfig config) throws ObjectStoreException {
        if (config == null) {
            throw new IllegalArgumentException("S3 object store config must not be null");
        }
        S3ObjectStore store = new S3ObjectStore(config, S3Clients.create(config));
        try {
            store.checkBucket();
        } catch (ObjectStoreException | RuntimeException e) {
            store.close();
            throw e;
        }
        LOG.info("Opened object store {}", store.describe());
        return store;
    }

    private void checkBucket() throws ObjectStoreException {
        String bucket = "bucket " + config.bucket();
        try {
            s3.headBucket(r -> r.bucket(config.bucket()));
            return;
        } catch (SdkException e) {
            if (S3Errors.status(e) != S3Errors.NOT_FOUND) {
                throw S3Errors.translate(this, "check", bucket, e);
            }
            if (!config.createBucketIfMissing()) {
                throw S3Errors.noSuchBucket(this, "Cannot open " + name + ": ", e);
            }
        }
        try {
            s3.createBucket(
                    r -> {
                        r.bucket(config.bucket());
                        // AWS rejects an explicit us-east-1 but needs every other region named.
                        if (!S3ObjectStoreConfig.DEFAULT_REGION.equals(config.region())) {
                            r.createBucketConfiguration(c -> c.locationConstraint(config.region()));
                        }
                    });
            LOG.info("Created bucket {} for {}", config.bucket(), name);
        } catch (SdkException e) {
            if (!"BucketAlreadyOwnedByYou".equals(S3Errors.code(e))) {
                throw S3Errors.translate(this, "create", bucket, e);
            }
        }
    }

    S3ObjectStoreConfig config() {
        return config;
    }

    S3Client client() {
        return s3;
    }

    /** Threads that send multipart parts while the next part fills (one in flight per upload). */
    Executor partSender() {
        return partSender;
    }

    String fullKey(String key) {
        return config.keyPrefix() + key;
    }

    @Override
    public ObjectInfo putIfAbsent(String key, byte[] bytes) throws ObjectStoreException {
        ObjectKeys.check(key);
        if (bytes == null) {
            throw new IllegalArgumentException("bytes for object " + key + " must not be null");
        }
        return put(key, bytes, bytes.length);
    }

    /** Creates {@code key} from the first {@code length} bytes of {@code bytes}, create-only. */
    ObjectInfo put(String key, byte[] bytes, int length) throws ObjectStoreException {
        try {
            PutObjectResponse response =
                    s3.putObject(
                            r ->
                                    r.bucket(config.bucket())
                                            .key(fullKey(key))
                                            .ifNoneMatch("*")
                                            .checksumAlgorithm(CHECKSUM),
                            body(bytes, length));
            return new ObjectInfo(key, length, serverTime(response));
        } catch (SdkException e) {
            if (S3Errors.isKeyTaken(e)) {
                throw new ObjectAlreadyExistsException(name, key);
            }
            throw S3Errors.translate(this, "write", key, e);
        }
    }

    /** A request body over the array itself, re-readable for retries and without a copy. */
    static RequestBody body(byte[] bytes, int length) {
        return RequestBody.fromContentProvider(
                () -> new ByteArrayInputStream(bytes, 0, length),
                length,
                "application/octet-stream");
    }

    /** When the server answered, which S3 takes as the object's creation time. */
    static Instant serverTime(SdkResponse response) {
        return response.sdkHttpResponse()
                .firstMatchingHeader("Date")
                .flatMap(S3ObjectStore::parseHttpDate)
                .orElseGet(Instant::now);
    }

    private static Optional<Instant> parseHttpDate(String date) {
        try {
            return Optional.of(
                    ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    @Override
    public ObjectUpload startUpload(String key) {
        ObjectKeys.check(key);
        return new S3ObjectUpload(this, key, config.partSize());
    }

    @Override
    public byte[] read(String key, long position, int length) throws ObjectStoreException {
        ObjectKeys.check(key);
        ObjectKeys.checkRange(position, length);
        if (length == 0) {
            if (head(key).isEmpty()) {
                throw new ObjectNotFoundException(name, key);
            }
            return new byte[0];
        }
        long last = position + length - 1;
        try {
            ResponseBytes<GetObjectResponse> bytes =
                    s3.getObjectAsBytes(
                            r ->
                                    r.bucket(config.bucket())
                                            .key(fullKey(key))
                                            .range("bytes=" + position + "-" + last));
            return bytes.asByteArrayUnsafe();
        } catch (SdkException e) {
            if (S3Errors.status(e) == S3Errors.RANGE_NOT_SATISFIABLE) {
                return new byte[0]; // the object exists and ends before position
            }
            throw readFailure(key, e);
        }
    }

    @Override
    public InputStream open(String key, long position) throws ObjectStoreException {
        ObjectKeys.check(key);
        ObjectKeys.checkRange(position, 0);
        GetObjectRequest.Builder request =
                GetObjectRequest.builder().bucket(config.bucket()).key(fullKey(key));
        if (position > 0) {
            request.range("bytes=" + position + "-");
        }
        try {
            ResponseInputStream<GetObjectResponse> in = s3.getObject(request.build());
            return new S3ObjectInputStream(in, this, key);
        } catch (SdkException e) {
            if (S3Errors.status(e) == S3Errors.RANGE_NOT_SATISFIABLE) {
                return InputStream.nullInputStream();
            }
            throw readFailure(key, e);
        }
    }

    private ObjectStoreException readFailure(String key, SdkException e) {
        if (S3Errors.status(e) == S3Errors.NOT_FOUND && !"NoSuchBucket".equals(S3Errors.code(e))) {
            return new ObjectNotFoundException(name, key);
        }
        return S3Errors.translate(this, "read", key, e);
    }

    @Override
    public Optional<ObjectInfo> head(String key) throws ObjectStoreException {
        ObjectKeys.check(key);
        try {
            HeadObjectResponse response =
                    s3.headObject(r -> r.bucket(config.bucket()).key(fullKey(key)));
            return Optional.of(
                    new ObjectInfo(key, response.contentLength(), response.lastModified()));
        } catch (SdkException e) {
            if (S3Errors.status(e) == S3Errors.NOT_FOUND) {
                return Optional.empty();
            }
            throw S3Errors.translate(this, "stat", key, e);
        }
    }

    @Override
    public List<ObjectInfo> list(String prefix) throws ObjectStoreException {
        ObjectKeys.checkPrefix(prefix);
        List<ObjectInfo> result = new ArrayList<>();
        try {
            for (ListObjectsV2Response page :
                    s3.listObjectsV2Paginator(
                            r -> r.bucket(config.bucket()).prefix(fullKey(prefix)))) {
                for (S3Object object : page.contents()) {
                    result.add(
                            new ObjectInfo(
                                    stripPrefix(object.key()),
                                    object.size(),
                                    object.lastModified()));
                }
            }
        } catch (SdkException e) {
            throw S3Errors.translate(this, "list keys with prefix", "'" + prefix + "'", e);
        }
        result.sort(Comparator.comparing(ObjectInfo::key, ObjectKeys.ORDER));
        return result;
    }

    @Override
    public void delete(Collection<String> keys) throws ObjectStoreException {
        keys.forEach(ObjectKeys::check);
        List<ObjectIdentifier> batch = new ArrayList<>(Math.min(keys.size(), DELETE_BATCH));
        for (String key : keys) {
            batch.add(ObjectIdentifier.builder().key(fullKey(key)).build());
            if (batch.size() == DELETE_BATCH) {
                deleteBatch(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            deleteBatch(batch);
        }
    }

    private void deleteBatch(List<ObjectIdentifier> batch) throws ObjectStoreException {
        String what = batch.size() + " objects starting with " + stripPrefix(batch.get(0).key());
        DeleteObjectsResponse response;
        try {
            response =
                    s3.deleteObjects(
                            r ->
                                    r.bucket(config.bucket())
                                            .checksumAlgorithm(CHECKSUM)
                                            .delete(d -> d.objects(batch).quiet(true)));
        } catch (SdkException e) {
            throw S3Errors.translate(this, "delete", what, e);
        }
        List<S3Error> errors =
                response.errors().stream()
                        .filter(error -> !"NoSuchKey".equals(error.code()))
                        .toList();
        if (!errors.isEmpty()) {
            S3Error first = errors.get(0);
            throw new ObjectStoreException(
                    "Cannot delete "
                            + errors.size()
                            + " of "
                            + what
                            + " in "
                            + name
                            + ", first "
                            + stripPrefix(first.key())
                            + ": "
                            + first.code()
                            + " "
                            + first.message()
                            + "; check the credentials' permissions and retry");
        }
    }

    @Override
    public List<PendingUpload> pendingUploads(String prefix) throws ObjectStoreException {
        ObjectKeys.checkPrefix(prefix);
        List<PendingUpload> result = new ArrayList<>();
        try {
            for (ListMultipartUploadsResponse page :
                    s3.listMultipartUploadsPaginator(
                            r -> r.bucket(config.bucket()).prefix(fullKey(prefix)))) {
                for (MultipartUpload upload : page.uploads()) {
                    result.add(
                            new PendingUpload(
                                    stripPrefix(upload.key()),
                                    upload.uploadId(),
                                    upload.initiated()));
                }
            }
        } catch (SdkException e) {
            throw S3Errors.translate(
                    this, "list pending uploads with prefix", "'" + prefix + "'", e);
        }
        result.sort(
                Comparator.comparing(PendingUpload::key, ObjectKeys.ORDER)
                        .thenComparing(PendingUpload::started));
        return result;
    }

    @Override
    public void abort(PendingUpload upload) throws ObjectStoreException {
        abortMultipart(upload.key(), upload.uploadId());
    }

    void abortMultipart(String key, String uploadId) throws ObjectStoreException {
        ObjectKeys.check(key);
        try {
            s3.abortMultipartUpload(
                    r -> r.bucket(config.bucket()).key(fullKey(key)).uploadId(uploadId));
        } catch (SdkException e) {
            if (S3Errors.status(e) != S3Errors.NOT_FOUND) {
                throw S3Errors.translate(this, "abort upload " + uploadId + " of", key, e);
            }
        }
    }

    @Override
    public String describe() {
        return name;
    }

    @Override
    public String location(String key) {
        ObjectKeys.check(key);
        return "s3://" + config.bucket() + "/" + fullKey(key);
    }

    @Override
    public void close() {
        partSender.shutdownNow();
        s3.close();
    }

    private String stripPrefix(String fullKey) {
        return fullKey.startsWith(config.keyPrefix())
                ? fullKey.substring(config.keyPrefix().length())
                : fullKey;
    }
}
