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
package dev.floe.flink.sink.internal;

import dev.floe.flink.sink.FloeFencedException;
import dev.floe.wal.log.WalIoPool;
import dev.floe.wal.log.WalOptions;
import dev.floe.wal.log.WalStats;
import dev.floe.wal.log.WriteAheadLog;
import dev.floe.wal.manifest.Advertisement;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.PartitionClaim;
import dev.floe.wal.manifest.PartitionHead;
import dev.floe.wal.manifest.StreamConfig;
import dev.floe.wal.record.WalRecord;
import dev.floe.wal.tier.PartitionTiering;
import dev.floe.wal.tier.PartitionTieringFactory;
import dev.floe.wal.tier.parquet.ParquetObjectSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.flink.util.IOUtils;

/**
 * One partition owned by a sink writer: its claim (epoch), its local log and, when the writer
 * tiers, the tierer that turns the log into Parquet objects. The writer's {@link
 * dev.floe.wal.tier.BatchStager} stages the log. Appends and staging come from the writer's thread;
 * the maintenance thread reads positions and deletes old log segments. Thread-safe in that sense.
 */
final class PartitionWriter implements AutoCloseable {

    private final StreamConfig stream;
    private final ParquetObjectSchema values;
    private final int partition;
    private final PartitionClaim claim;
    private final WriteAheadLog wal;
    private final PartitionTiering tierer;
    private final String jobId;

    // Written by the writer thread, read by metrics.
    private volatile long stagedEnd;
    private volatile long firstUnstagedAppendNanos;

    private PartitionWriter(
            StreamConfig stream,
            ParquetObjectSchema values,
            int partition,
            PartitionClaim claim,
            WriteAheadLog wal,
            PartitionTiering tierer,
            String jobId,
            long start) {
        this.stream = stream;
        this.values = values;
        this.partition = partition;
        this.claim = claim;
        this.wal = wal;
        this.tierer = tierer;
        this.jobId = jobId;
        this.stagedEnd = start;
    }

    /**
     * Starts writing at {@code start}, which must be the partition's committed end under {@code
     * claim}: opens the log there, and starts tiering from it with {@code tiering} unless it is
     * null. Takes ownership of the claim.
     */
    static PartitionWriter start(
            StreamConfig stream,
            ParquetObjectSchema values,
            PartitionClaim claim,
            long start,
            Path walDir,
            WalOptions walOptions,
            WalIoPool walIo,
            PartitionTieringFactory tiering,
            String jobId) {
        int partition = claim.partition();
        WriteAheadLog wal = null;
        try {
            wal = LocalLogs.openAt(walDir, walOptions, start, walIo);
            PartitionTiering tierer =
                    tiering == null
                            ? null
                            : tiering.start(wal, stream, values, partition, claim.epoch(), start);
            return new PartitionWriter(stream, values, partition, claim, wal, tierer, jobId, start);
        } catch (RuntimeException e) {
            IOUtils.closeAllQuietly(wal, claim);
            throw e;
        }
    }

    int partition() {
        return partition;
    }

    long epoch() {
        return claim.epoch();
    }

    WriteAheadLog wal() {
        return wal;
    }

    /**
     * Where readers get this partition's records not yet in the bucket, to register under its
     * claim: the tail endpoint (or null) and the WAL directory.
     */
    Advertisement advertisement(String tailEndpoint) {
        return new Advertisement(
                claim,
                tailEndpoint,
                wal.directory().toAbsolutePath().toString(),
                wal.holder(),
                values.schemaVersion());
    }

    /** Appends {@code records}, at least one, in order. */
    void append(List<WalRecord> records) {
        if (firstUnstagedAppendNanos == 0) {
            firstUnstagedAppendNanos = System.nanoTime();
        }
        wal.append(records);
    }

    /** Tells the tierer where the next object boundary is: call before the writer seals. */
    void sealing() {
        if (tierer != null) {
            // Before the next append, so the tierer knows the boundary before it reads past it.
            tierer.sealed(wal.endOffset());
        }
    }

    /**
     * The committable that extends the partition by {@code staged}, what the writer's seal made
     * durable in the bucket for it (empty if nothing was appended).
     */
    Optional<FloeCommittable> staged(List<ObjectDescriptor> staged) {
        firstUnstagedAppendNanos = 0;
        if (staged.isEmpty()) {
            return Optional.empty();
        }
        long expectedEnd = stagedEnd;
        stagedEnd = staged.get(staged.size() - 1).endOffset();
        List<ObjectDescriptor> objects =
                staged.stream().map(o -> o.withSchemaVersion(values.schemaVersion())).toList();
        String commitId = jobId + "-" + partition + "-" + claim.epoch() + "-" + expectedEnd;
        return Optional.of(
                new FloeCommittable(
                        stream.name(), partition, claim.epoch(), expectedEnd, objects, commitId));
    }

    /** The position to checkpoint: everything below it has been handed to the committer. */
    FloeWriterState state() {
        return new FloeWriterState(stream.name(), partition, stagedEnd, claim.epoch());
    }

    long stagedEnd() {
        return stagedEnd;
    }

    /** The tierer that builds Parquet objects from this partition's log, if the writer tiers. */
    Optional<PartitionTiering> tierer() {
        return Optional.ofNullable(tierer);
    }

    /**
     * The first offset the local log must keep: records below the committed end are safe in the
     * bucket, unless tiering still reads them.
     */
    long retentionFloor(long committedEnd) {
        return tierer == null ? committedEnd : Math.min(committedEnd, tierer.floor());
    }

    /**
     * Throws {@link FloeFencedException} if {@code head}, the partition's current head, shows that
     * another writer has taken the partition.
     */
    void checkNotFenced(PartitionHead head) {
        if (head.epoch() > claim.epoch()) {
            throw new FloeFencedException(
                    "Another writer has taken "
                            + stream.name()
                            + "/"
                            + partition
                            + " (epoch "
                            + head.epoch()
                            + ", this writer has "
                            + claim.epoch()
                            + ", last commit "
                            + head.lastCommitId()
                            + "). Two jobs are writing the same stream: stop one of them.");
        }
    }

    /** Seconds since the oldest record not yet durable in the bucket was appended; 0 if none. */
    double uploadLagSeconds() {
        long since = firstUnstagedAppendNanos;
        return since == 0 ? 0 : (System.nanoTime() - since) / 1e9;
    }

    WalStats walStats() {
        return wal.stats();
    }

    @Override
    public void close() {
        IOUtils.closeAllQuietly(tierer, wal, claim);
    }
}
