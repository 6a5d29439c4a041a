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
package dev.floe.flink.source.testsuite;

import dev.floe.wal.format.SegmentObjectOptions;
import dev.floe.wal.format.SegmentObjectSummary;
import dev.floe.wal.format.SegmentObjectWriter;
import dev.floe.wal.manifest.CommitRequest;
import dev.floe.wal.manifest.CommitResult;
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.PartitionClaim;
import dev.floe.wal.object.ObjectInfo;
import dev.floe.wal.object.ObjectStore;
import dev.floe.wal.object.ObjectUpload;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.record.WalRecord;
import dev.floe.wal.tier.BucketLayout;
import dev.floe.wal.tier.ObjectDescriptors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.flink.connector.testframe.external.ExternalSystemSplitDataWriter;

/**
 * Writes the records of one "split" of Flink's source test suite (or of a unit test) into one
 * partition of a Floe stream, the way a sink's commit does: each {@link #writeRecords} call takes
 * the partition (a new writer epoch), writes the records as one segment object at the committed
 * end, completes its create-only upload and commits it in one manifest transaction. The manifest
 * and store belong to the caller. Not thread-safe.
 */
public final class FloeSplitDataWriter implements ExternalSystemSplitDataWriter<String> {

    private static final Duration LEASE = Duration.ofSeconds(30);

    private final ManifestStore manifest;
    private final ObjectStore store;
    private final String stream;
    private final int partition;

    public FloeSplitDataWriter(
            ManifestStore manifest, ObjectStore store, String stream, int partition) {
        this.manifest = manifest;
        this.store = store;
        this.partition = partition;
        this.stream = stream;
    }

    /** Commits {@code records} after what the partition holds, in the given order. */
    @Override
    public void writeRecords(List<String> records) {
        writeRecords(records, System.currentTimeMillis());
    }

    /** Commits {@code records}, each with {@code timestamp}, after what the partition holds. */
    public void writeRecords(List<String> records, long timestamp) {
        if (records.isEmpty()) {
            return;
        }
        try (PartitionClaim claim =
                manifest.acquire(stream, partition, "source-suite-writer", LEASE)) {
            long start = claim.head().committedEnd();
            ObjectDescriptor object = upload(records, start, claim.epoch(), timestamp);
            CommitResult result =
                    manifest.commit(
                            new CommitRequest(
                                    stream,
                                    partition,
                                    claim.epoch(),
                                    start,
                                    List.of(object),
                                    "source-suite-" + claim.epoch() + "-" + start));
            if (result.status() != CommitResult.Status.COMMITTED) {
                throw new IllegalStateException(
                        "Commit of "
                                + object.key()
                                + " to "
                                + stream
                                + "/"
                                + partition
                                + " at offset "
                                + start
                                + " was "
                                + result.status()
                                + "; head "
                                + result.head());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot write " + records.size() + " records to " + stream + "/" + partition,
                    e);
        }
    }

    /**
     * One segment object holding {@code records} from offset {@code start}, durable in the store.
     */
    private ObjectDescriptor upload(List<String> records, long start, long epoch, long timestamp)
            throws IOException {
        String key = BucketLayout.newSegmentKey(stream, partition, start, epoch);
        try (ObjectUpload upload = store.startUpload(key);
                SegmentObjectWriter writer =
                        new SegmentObjectWriter(
                                key, upload::write, SegmentObjectOptions.defaults())) {
            long offset = start;
            for (String value : records) {
                writer.append(
                        new LoggedRecord(
                                offset++,
                                WalRecord.of(
                                        timestamp, null, value.getBytes(StandardCharsets.UTF_8))));
            }
            SegmentObjectSummary summary = writer.finish();
            ObjectInfo info = upload.complete();
            return ObjectDescriptors.of(
                    ObjectDescriptor.Kind.SEGMENT, key, summary, info.size(), epoch);
        }
    }

    @Override
    public void close() {}

    @Override
    public String toString() {
        return "writer of " + stream + "/" + partition;
    }
}
