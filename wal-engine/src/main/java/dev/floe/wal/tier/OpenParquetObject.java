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
package dev.floe.wal.tier;

import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.object.ObjectInfo;
import dev.floe.wal.object.ObjectStore;
import dev.floe.wal.object.ObjectUpload;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.tier.parquet.ParquetObjectOptions;
import dev.floe.wal.tier.parquet.ParquetObjectSchema;
import dev.floe.wal.tier.parquet.ParquetObjectSummary;
import dev.floe.wal.tier.parquet.ParquetObjectWriter;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Parquet object being written to a multipart upload as records arrive: row groups go out as
 * parts while the object grows, so finishing it sends only the last row group and the footer. It
 * holds one partition's records, or, {@link #startShared shared}, several partitions' one after the
 * other. Not thread-safe: one tiering thread.
 */
final class OpenParquetObject {

    private static final Logger LOG = LoggerFactory.getLogger(OpenParquetObject.class);

    private final String key;
    private final long start;
    private final long epoch;
    private final long openedNanos = System.nanoTime();
    private final ObjectUpload upload;
    private final ParquetObjectWriter writer;
    private final int schemaVersion;

    private OpenParquetObject(
            String key,
            long start,
            long epoch,
            ObjectUpload upload,
            ParquetObjectWriter writer,
            int schemaVersion) {
        this.key = key;
        this.start = start;
        this.epoch = epoch;
        this.upload = upload;
        this.writer = writer;
        this.schemaVersion = schemaVersion;
    }

    /**
     * Starts the object of {@code stream}/{@code partition} whose first record is {@code start}.
     */
    static OpenParquetObject start(
            ObjectStore store,
            String stream,
            int partition,
            long start,
            long epoch,
            ParquetObjectSchema schema,
            ParquetObjectOptions options)
            throws IOException {
        String key = BucketLayout.newParquetKey(stream, partition, start, epoch);
        ObjectUpload upload = store.startUpload(key);
        try {
            ParquetObjectWriter writer =
                    ParquetObjectWriter.open(
                            new UploadOutputStream(upload), key, schema, partition, options);
            return new OpenParquetObject(key, start, epoch, upload, writer, schema.schemaVersion());
        } catch (IOException | RuntimeException e) {
            abortQuietly(upload, key);
            throw e;
        }
    }

    long start() {
        return start;
    }

    void write(LoggedRecord record) throws IOException {
        writer.write(record);
    }

    /**
     * Starts a shared object of {@code stream}, which holds several partitions' records: call
     * {@link #startPartition} before each partition's, in increasing partition order.
     */
    static OpenParquetObject startShared(
            ObjectStore store,
            String stream,
            long epoch,
            ParquetObjectSchema schema,
            ParquetObjectOptions options,
            Clock clock)
            throws IOException {
        String key = BucketLayout.newSharedParquetKey(stream, clock.millis(), epoch);
        ObjectUpload upload = store.startUpload(key);
        try {
            ParquetObjectWriter writer =
                    ParquetObjectWriter.openShared(
                            new UploadOutputStream(upload), key, schema, options);
            return new OpenParquetObject(key, -1, epoch, upload, writer, schema.schemaVersion());
        } catch (IOException | RuntimeException e) {
            abortQuietly(upload, key);
            throw e;
        }
    }

    /** Ends the current partition's records in a shared object and starts {@code partition}'s. */
    void startPartition(int partition) throws IOException {
        writer.startPartition(partition);
    }

    /** Bytes written so far, including the row group still buffered. */
    long dataSize() throws IOException {
        return writer.dataSize();
    }

    long ageNanos() {
        return System.nanoTime() - openedNanos;
    }

    /** Writes the footer and completes the upload; the object then exists but is not committed. */
    ObjectDescriptor finish() throws IOException {
        ParquetObjectSummary summary = writer.finish();
        ObjectInfo info = upload.complete();
        return ObjectDescriptors.of(ObjectDescriptor.Kind.PARQUET, key, summary, info.size(), epoch)
                .withSchemaVersion(schemaVersion);
    }

    /**
     * Writes the footer of a shared object and completes the upload; the object then exists but is
     * not committed.
     *
     * @param epochs the writer epoch of each partition, for its descriptor
     * @return the descriptor of each partition's records, in partition order
     */
    Map<Integer, ObjectDescriptor> finishShared(IntToLongFunction epochs) throws IOException {
        Map<Integer, ParquetObjectSummary> summaries = writer.finishShared();
        ObjectInfo info = upload.complete();
        Map<Integer, ObjectDescriptor> descriptors = new LinkedHashMap<>();
        summaries.forEach(
                (partition, summary) ->
                        descriptors.put(
                                partition,
                                ObjectDescriptors.of(
                                                ObjectDescriptor.Kind.PARQUET,
                                                key,
                                                summary,
                                                info.size(),
                                                epochs.applyAsLong(partition))
                                        .withSchemaVersion(schemaVersion)));
        return descriptors;
    }

    /** Abandons the object: nothing of it stays in the bucket (an orphan if the abort fails). */
    void abort() {
        writer.close();
        abortQuietly(upload, key);
    }

    private static void abortQuietly(ObjectUpload upload, String key) {
        try {
            upload.abort();
        } catch (IOException | RuntimeException e) {
            LOG.debug("Abort of {} failed; the orphan cleaner will remove it", key, e);
        }
    }
}
