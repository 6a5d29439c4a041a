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

import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.object.ObjectStore;
import dev.floe.wal.record.WalRecord;
import dev.floe.wal.testing.TestStreams;
import dev.floe.wal.tier.TierStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.connector.testframe.external.ExternalSystemSplitDataWriter;

/**
 * Writes the records of one "split" of Flink's source test suite (or of a unit test) into one
 * partition of a Floe stream, the way a sink's commit does: each {@link #writeRecords} call takes
 * the partition (a new writer epoch), writes the records as one segment object at the committed end
 * and commits it in one manifest transaction ({@link TestStreams#commit}). The manifest and store
 * belong to the caller. Not thread-safe.
 */
public final class FloeSplitDataWriter implements ExternalSystemSplitDataWriter<String> {

    private final TestStreams streams;
    private final String stream;
    private final int partition;

    public FloeSplitDataWriter(
            ManifestStore manifest, ObjectStore store, String stream, int partition) {
        this.streams = new TestStreams(manifest, TierStores.single(store));
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
        List<WalRecord> values =
                records.stream()
                        .map(v -> WalRecord.of(timestamp, null, v.getBytes(StandardCharsets.UTF_8)))
                        .toList();
        try {
            streams.commit(stream, partition, values);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot write " + records.size() + " records to " + stream + "/" + partition,
                    e);
        }
    }

    @Override
    public void close() {}

    @Override
    public String toString() {
        return "writer of " + stream + "/" + partition;
    }
}
