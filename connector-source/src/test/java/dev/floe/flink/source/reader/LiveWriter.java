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
package dev.floe.flink.source.reader;

import dev.floe.wal.log.WalOptions;
import dev.floe.wal.log.WriteAheadLog;
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.PartitionClaim;
import dev.floe.wal.record.WalRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A partition's writer as a read-uncommitted reader sees it: it holds the partition's claim and
 * appends to its WAL from the committed end without committing, the way a sink writer does between
 * checkpoints. Not thread-safe.
 */
final class LiveWriter implements AutoCloseable {

    private final PartitionClaim claim;
    private final WriteAheadLog wal;

    private LiveWriter(PartitionClaim claim, WriteAheadLog wal) {
        this.claim = claim;
        this.wal = wal;
    }

    /**
     * Takes the partition and opens the WAL in {@code walDir} at its committed end, dropping what a
     * previous writer left there beyond it.
     */
    static LiveWriter start(ManifestStore manifest, String stream, int partition, Path walDir) {
        PartitionClaim claim = manifest.acquire(stream, partition, "live", Duration.ofMinutes(1));
        long committed = claim.head().committedEnd();
        WriteAheadLog wal = WriteAheadLog.open(walDir, WalOptions.defaults(), committed);
        if (wal.endOffset() > committed) {
            wal.truncateTo(committed);
        }
        return new LiveWriter(claim, wal);
    }

    /** Appends one record per value and makes them durable in the WAL. */
    void append(String... values) {
        for (String v : values) {
            wal.append(WalRecord.of(0, null, v.getBytes(StandardCharsets.UTF_8)));
        }
        wal.sync();
    }

    /** Registers the WAL directory, and {@code tailEndpoint} unless null, for readers. */
    void advertise(String tailEndpoint) {
        claim.advertise(tailEndpoint, wal.directory().toAbsolutePath().toString(), wal.holder());
    }

    WriteAheadLog wal() {
        return wal;
    }

    @Override
    public void close() {
        wal.close();
        claim.close();
    }
}
