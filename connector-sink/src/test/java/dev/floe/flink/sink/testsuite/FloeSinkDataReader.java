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
package dev.floe.flink.sink.testsuite;

import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.StreamConfig;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.tier.CommittedReader;
import dev.floe.wal.tier.TierStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.connector.testframe.external.ExternalSystemDataReader;

/**
 * Reads back what a sink committed to a Floe stream, as UTF-8 strings: each {@link #poll} returns
 * the records committed since the previous one, partition by partition, read from the bucket with
 * the engine's {@link CommittedReader}. The manifest and stores belong to the caller. Not
 * thread-safe.
 */
final class FloeSinkDataReader implements ExternalSystemDataReader<String> {

    private static final long IDLE_MILLIS = 50;

    private final ManifestStore manifest;
    private final TierStores stores;
    private final String stream;
    private long[] next = new long[0];

    FloeSinkDataReader(ManifestStore manifest, TierStores stores, String stream) {
        this.manifest = manifest;
        this.stores = stores;
        this.stream = stream;
    }

    /** Waits up to {@code timeout} for newly committed records and returns them (maybe none). */
    @Override
    public List<String> poll(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> records = readCommitted();
            if (!records.isEmpty() || System.nanoTime() >= deadline) {
                return records;
            }
            try {
                Thread.sleep(IDLE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return records;
            }
        }
    }

    private List<String> readCommitted() {
        List<String> out = new ArrayList<>();
        Optional<StreamConfig> config = manifest.stream(stream);
        if (config.isEmpty()) {
            return out;
        }
        if (next.length != config.get().partitions()) {
            long[] grown = new long[config.get().partitions()];
            System.arraycopy(next, 0, grown, 0, Math.min(next.length, grown.length));
            next = grown;
        }
        for (int p = 0; p < next.length; p++) {
            long end = manifest.head(stream, p).committedEnd();
            if (end <= next[p]) {
                continue;
            }
            try {
                List<LoggedRecord> records =
                        new CommittedReader(manifest, stores, stream, p).read(next[p], end);
                for (LoggedRecord r : records) {
                    out.add(new String(r.value(), StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "Cannot read " + stream + "/" + p + " [" + next[p] + ", " + end + ")", e);
            }
            next[p] = end;
        }
        return out;
    }

    @Override
    public void close() {}
}
