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
import dev.floe.wal.error.RetriableFloeException;
import dev.floe.wal.format.SegmentObjectOptions;
import dev.floe.wal.log.WalIoPool;
import dev.floe.wal.log.WalOptions;
import dev.floe.wal.log.WalStats;
import dev.floe.wal.log.WriteAheadLog;
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.PartitionClaim;
import dev.floe.wal.manifest.PartitionHead;
import dev.floe.wal.manifest.StreamConfig;
import dev.floe.wal.record.WalRecord;
import dev.floe.wal.tier.SegmentStager;
import dev.floe.wal.tier.StagerStats;
import dev.floe.wal.tier.StreamingTierer;
import dev.floe.wal.tier.TierOptions;
import dev.floe.wal.tier.TierStores;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.flink.util.IOUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One partition owned by a sink writer: its claim (epoch), its local log, the stager that turns the
 * log into segment objects and, when the writer tiers, the tierer that turns it into Parquet
 * objects. Appends and {@link #stage()} come from the writer's thread; the maintenance thread reads
 * positions and deletes old log segments. Thread-safe in that sense.
 */
final class PartitionWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionWriter.class);

    private final StreamConfig stream;
    private final int partition;
    private final PartitionClaim claim;
    private final WriteAheadLog wal;
    private final SegmentStager stager;
    private final StreamingTierer tierer;
    private final ManifestStore manifest;
    private final String jobId;

    // Written by the writer thread, read by metrics.
    private volatile long stagedEnd;
    private volatile long firstUnstagedAppendNanos;

    private PartitionWriter(
            StreamConfig stream,
            int partition,
            PartitionClaim claim,
            WriteAheadLog wal,
            SegmentStager stager,
            StreamingTierer tierer,
            ManifestStore manifest,
            String jobId,
            long start) {
        this.stream = stream;
        this.partition = partition;
        this.claim = claim;
        this.wal = wal;
        this.stager = stager;
        this.tierer = tierer;
        this.manifest = manifest;
        this.jobId = jobId;
        this.stagedEnd = start;
    }

    /**
     * Starts writing at {@code start}, which must be the partition's committed end under {@code
     * claim}: opens the log there and starts staging from it, and tiering too unless {@code
     * tierOptions} is null. Takes ownership of the claim.
     */
    static PartitionWriter start(
            StreamConfig stream,
            PartitionClaim claim,
            long start,
            Path walDir,
            WalOptions walOptions,
            WalIoPool walIo,
            TierStores stores,
            SegmentObjectOptions segmentOptions,
            TierOptions tierOptions,
            ManifestStore manifest,
            String jobId) {
        int partition = claim.partition();
        WriteAheadLog wal = null;
        SegmentStager stager = null;
        try {
            wal = LocalLogs.openAt(walDir, walOptions, start, walIo);
            stager =
                    new SegmentStager(
                            wal,
                            stores.segments(),
                            stream.name(),
                            partition,
                            claim.epoch(),
                            start,
                            segmentOptions);
            StreamingTierer tierer =
                    tierOptions == null
                            ? null
                            : new StreamingTierer(
                                    wal,
                                    manifest,
                                    stores.parquet(),
                                    stream,
                                    partition,
                                    claim.epoch(),
                                    start,
                                    tierOptions,
                                    Clock.systemUTC());
            return new PartitionWriter(
                    stream, partition, claim, wal, stager, tierer, manifest, jobId, start);
        } catch (RuntimeException e) {
            IOUtils.closeAllQuietly(stager, wal, claim);
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
     * Registers where readers get this partition's records not yet in the bucket, under its claim:
     * the tail endpoint (or null) and the WAL directory.
     */
    void advertise(String tailEndpoint) {
        claim.advertise(tailEndpoint, wal.directory().toAbsolutePath().toString(), wal.holder());
    }

    void append(WalRecord record) {
        if (firstUnstagedAppendNanos == 0) {
            firstUnstagedAppendNanos = System.nanoTime();
        }
        wal.append(record);
    }

    /**
     * Makes everything appended so far durable in the bucket as one segment object, and returns the
     * committable that extends the partition by it (empty if nothing was appended). Fails with
     * {@link FloeFencedException} if another writer has taken the partition.
     */
    Optional<FloeCommittable> stage() throws InterruptedException {
        return finishStage(startStage());
    }

    /**
     * The first half of {@link #stage()}: ends the segment object at the log's end and returns
     * while it uploads, so a writer can seal all its partitions before waiting for any.
     */
    CompletableFuture<Optional<ObjectDescriptor>> startStage() {
        checkNotFenced();
        if (tierer != null) {
            // Before the next append, so the tierer knows the boundary before it reads past it.
            tierer.sealed(wal.endOffset());
        }
        return stager.seal();
    }

    /** The second half of {@link #stage()}: waits for the object and returns its committable. */
    Optional<FloeCommittable> finishStage(CompletableFuture<Optional<ObjectDescriptor>> sealing)
            throws InterruptedException {
        Optional<ObjectDescriptor> staged;
        try {
            staged = sealing.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "staging "
                            + stream.name()
                            + "/"
                            + partition
                            + " from offset "
                            + stagedEnd
                            + " failed: "
                            + e.getCause().getMessage(),
                    e.getCause());
        }
        firstUnstagedAppendNanos = 0;
        if (staged.isEmpty()) {
            return Optional.empty();
        }
        ObjectDescriptor object = staged.get();
        long expectedEnd = stagedEnd;
        stagedEnd = object.endOffset();
        String commitId =
                jobId + "-" + partition + "-" + claim.epoch() + "-" + object.startOffset();
        return Optional.of(
                new FloeCommittable(
                        stream.name(),
                        partition,
                        claim.epoch(),
                        expectedEnd,
                        List.of(object),
                        commitId));
    }

    /** The position to checkpoint: everything below it has been handed to the committer. */
    FloeWriterState state() {
        return new FloeWriterState(stream.name(), partition, stagedEnd, claim.epoch());
    }

    long stagedEnd() {
        return stagedEnd;
    }

    /** The tierer that builds Parquet objects from this partition's log, if the writer tiers. */
    Optional<StreamingTierer> tierer() {
        return Optional.ofNullable(tierer);
    }

    /**
     * The first offset the local log must keep: records below the committed end are safe in the
     * bucket, unless tiering still reads them.
     */
    long retentionFloor(long committedEnd) {
        return tierer == null ? committedEnd : Math.min(committedEnd, tierer.floor());
    }

    void checkNotFenced() {
        PartitionHead head;
        try {
            head = manifest.head(stream.name(), partition);
        } catch (RetriableFloeException e) {
            // The commit compares the epoch anyway; an unreachable manifest is the committer's
            // to wait out, not a reason to fail the checkpoint here.
            LOG.debug("Cannot read the head of {}/{}: {}", stream.name(), partition, e.toString());
            return;
        }
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

    StagerStats stagerStats() {
        return stager.stats();
    }

    @Override
    public void close() {
        IOUtils.closeAllQuietly(tierer, stager, wal, claim);
    }
}
