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

import dev.floe.flink.connection.FloeConnection;
import dev.floe.flink.sink.FloeFencedException;
import dev.floe.flink.sink.FloeRecordException;
import dev.floe.flink.sink.FloeRecordSerializer;
import dev.floe.flink.sink.FloeRouting;
import dev.floe.flink.sink.FloeSinkOptions;
import dev.floe.flink.sink.InvalidRecordPolicy;
import dev.floe.wal.error.RetriableFloeException;
import dev.floe.wal.format.RecordFrame;
import dev.floe.wal.format.SegmentObjectOptions;
import dev.floe.wal.log.WalIoPool;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.PartitionClaim;
import dev.floe.wal.manifest.PartitionHead;
import dev.floe.wal.manifest.StreamConfig;
import dev.floe.wal.record.WalRecord;
import dev.floe.wal.tail.TailServer;
import dev.floe.wal.tier.BatchStager;
import dev.floe.wal.tier.PartitionTieringFactory;
import dev.floe.wal.tier.TierOptions;
import dev.floe.wal.tier.parquet.ParquetObjectSchema;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.util.IOUtils;
import org.apache.flink.util.clock.RelativeClock;
import org.apache.flink.util.clock.SystemClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink writer of one subtask: owns the stream's partitions {@code p} with {@code p %
 * parallelism == subtask}, serializes each element once and appends it to its partition's log, and
 * at each checkpoint stages what was appended as segment objects and hands them to the committer.
 * An element it cannot serialize, write or route follows the invalid-record policy. Used by the
 * task's thread only.
 */
@Internal
public final class FloeWriter<T>
        implements StatefulSinkWriter<T, FloeWriterState>,
                CommittingSinkWriter<T, FloeCommittable> {

    private static final Logger LOG = LoggerFactory.getLogger(FloeWriter.class);

    /** Most WALs a writer opens at once when it starts. */
    private static final int WAL_OPEN_THREADS = 8;

    private final ReadableConfig config;
    private final FloeRecordSerializer<T> serializer;
    private final FloeRouting<T> routing;
    private final DeliveryGuarantee guarantee;
    private final InvalidRecordPolicy invalidRecords;
    private final int maxRecordBytes;
    private final int subtask;
    private final FloeConnection connection;
    private final StreamConfig stream;
    private final ParquetObjectSchema values;
    private final WalIoPool walIo;
    private final List<PartitionWriter> owned = new ArrayList<>();
    private final PartitionTieringFactory tiering;
    private final PartitionWriter[] byPartition;
    private final BatchStager stager;
    private final Maintenance maintenance;
    private final TailServer tail;
    private final PartitionChooser<T> chooser;
    private final WriterMetrics metrics;
    private final SkipWarnings skipWarnings;
    private final AppendBatch batch;
    private final ProcessingTimeService timers;
    private final long batchMaxWaitMillis;

    private long elements;
    private int nextOwned;
    private boolean endOfInput;
    private ScheduledFuture<?> batchTimer;
    private final List<CompletableFuture<Void>> tiersFinishing = new ArrayList<>();

    public FloeWriter(
            ReadableConfig config,
            FloeRecordSerializer<T> serializer,
            FloeRouting<T> routing,
            WriterInitContext context,
            Collection<FloeWriterState> restored)
            throws Exception {
        this(config, serializer, routing, context, restored, SystemClock.getInstance());
    }

    FloeWriter(
            ReadableConfig config,
            FloeRecordSerializer<T> serializer,
            FloeRouting<T> routing,
            WriterInitContext context,
            Collection<FloeWriterState> restored,
            RelativeClock clock)
            throws Exception {
        this.config = config;
        this.serializer = serializer;
        this.routing = routing;
        this.guarantee = config.get(FloeSinkOptions.DELIVERY_GUARANTEE);
        this.invalidRecords = config.get(FloeSinkOptions.INVALID_RECORDS);
        this.maxRecordBytes = (int) config.get(FloeSinkOptions.MAX_RECORD_SIZE).getBytes();
        this.subtask = context.getTaskInfo().getIndexOfThisSubtask();
        int parallelism = context.getTaskInfo().getNumberOfParallelSubtasks();
        serializer.open(context.asSerializationSchemaInitializationContext());
        int walIoThreads = SinkSettings.walIoThreads(config);

        this.connection = FloeConnection.open(config);
        this.walIo =
                WalIoPool.create(
                        "sink-" + subtask, walIoThreads, SinkSettings.walBufferMemory(config));
        Map<Integer, Long> starts;
        PartitionTieringFactory tiering = null;
        BatchStager stager = null;
        try {
            this.stream =
                    StreamDefinitions.resolve(
                            connection.manifest(),
                            config,
                            serializer,
                            parallelism,
                            !routing.movesElements());
            int version =
                    StreamDefinitions.valueSchema(connection.manifest(), stream, serializer)
                            .version();
            // Read after the version is registered, so that the history holds it.
            this.values =
                    ParquetObjectSchema.of(
                            connection.manifest().schemaHistory(stream.name()), version);
            this.byPartition = new PartitionWriter[stream.partitions()];
            this.chooser =
                    routing.movesElements()
                            ? new PartitionChooser<>(routing, stream.partitions())
                            : null;
            String jobId = context.getJobInfo().getJobId().toHexString();
            starts =
                    new RestorePlan(
                                    connection.manifest(),
                                    config,
                                    stream,
                                    subtask,
                                    parallelism,
                                    jobId,
                                    guarantee == DeliveryGuarantee.EXACTLY_ONCE
                                            ? context.getRestoredCheckpointId()
                                            : OptionalLong.empty())
                            .targets(restored);
            // One for tiering and maintenance: they commit to the same tables.
            TierOptions tierOptions = SinkSettings.tierOptions(config);
            tiering =
                    WalTiering.forWriter(
                            config, tierOptions, connection, stream.name(), subtask, starts.size());
            startPartitions(starts, jobId, tiering);
            stager = startStager();
            this.tail = config.get(FloeSinkOptions.TAIL_ENABLED) ? serveTail() : null;
            if (tail == null) {
                advertise(null);
            }
            this.maintenance =
                    new Maintenance(
                            connection.manifest(),
                            connection.stores(),
                            stream,
                            owned,
                            tierOptions,
                            SinkSettings.tiersInWriter(config),
                            subtask == 0,
                            config.get(FloeSinkOptions.TIER_INTERVAL));
        } catch (Exception e) {
            IOUtils.closeQuietly(stager);
            closePartitions();
            walIo.close();
            connection.close();
            throw e;
        }
        this.tiering = tiering;
        this.stager = stager;
        this.metrics = new WriterMetrics(context.metricGroup(), owned, stager, maintenance, clock);
        this.skipWarnings = new SkipWarnings(LOG::warn, clock, SkipWarnings.INTERVAL);
        this.batch = new AppendBatch(byPartition);
        this.timers = context.getProcessingTimeService();
        long maxWaitNanos = config.get(FloeSinkOptions.WAL_GROUP_COMMIT_MAX_WAIT).toNanos();
        this.batchMaxWaitMillis = Math.max(1, (maxWaitNanos + 999_999) / 1_000_000);
        LOG.info(
                "Floe sink subtask {} writes {} partitions {} of {} ({}, {} routing)",
                subtask,
                stream.name(),
                starts.keySet(),
                connection.describe(),
                guarantee,
                routing);
    }

    private TailServer serveTail() throws IOException {
        TailServer server = TailEndpoints.start(config);
        try {
            String endpoint = TailEndpoints.advertised(config, server);
            for (PartitionWriter p : owned) {
                server.serve(stream.name(), p.partition(), p.wal());
            }
            advertise(endpoint);
            LOG.info(
                    "Tail endpoint of {} partitions {} at {}",
                    stream.name(),
                    owned.stream().map(PartitionWriter::partition).toList(),
                    endpoint);
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** Registers where readers find each partition's records not yet in the bucket. */
    private void advertise(String tailEndpoint) {
        connection
                .manifest()
                .advertiseAll(owned.stream().map(p -> p.advertisement(tailEndpoint)).toList());
    }

    private BatchStager startStager() {
        List<BatchStager.StagedLog> logs = new ArrayList<>(owned.size());
        for (PartitionWriter p : owned) {
            logs.add(new BatchStager.StagedLog(p.partition(), p.wal(), p.epoch(), p.stagedEnd()));
        }
        return new BatchStager(
                connection.stores().segments(),
                stream.name(),
                logs,
                SegmentObjectOptions.defaults(),
                SinkSettings.sectionBytes(config),
                Clock.systemUTC());
    }

    private void startPartitions(
            Map<Integer, Long> starts, String jobId, PartitionTieringFactory tiering) {
        List<Integer> partitions = new ArrayList<>(starts.keySet());
        List<PartitionClaim> claims =
                connection
                        .manifest()
                        .acquireAll(
                                stream.name(),
                                partitions,
                                "job " + jobId + " subtask " + subtask,
                                config.get(FloeSinkOptions.LEASE_TTL));
        try {
            for (PartitionClaim claim : claims) {
                int p = claim.partition();
                long restoredAt = starts.get(p);
                long start = claim.head().committedEnd();
                if (restoredAt != RestorePlan.COMMITTED_END && start != restoredAt) {
                    throw new FloeFencedException(
                            "Stream "
                                    + stream.name()
                                    + "/"
                                    + p
                                    + " moved to offset "
                                    + start
                                    + " while this writer restored it at "
                                    + restoredAt
                                    + ": another writer is committing to it. Stop the other job.");
                }
            }
        } catch (RuntimeException e) {
            claims.forEach(PartitionClaim::close);
            throw e;
        }
        for (PartitionWriter writer : openLogs(claims, jobId, tiering)) {
            owned.add(writer);
            byPartition[writer.partition()] = writer;
        }
    }

    /**
     * Starts a partition writer for each claim, opening their WALs side by side (each open syncs
     * files and directories); if one fails, closes those that started, and the claims, and throws.
     */
    private List<PartitionWriter> openLogs(
            List<PartitionClaim> claims, String jobId, PartitionTieringFactory tiering) {
        List<CompletableFuture<PartitionWriter>> opening = new ArrayList<>();
        ExecutorService opener =
                Executors.newFixedThreadPool(
                        Math.max(1, Math.min(WAL_OPEN_THREADS, claims.size())),
                        r -> {
                            Thread t = new Thread(r, "floe-wal-open-" + stream.name());
                            t.setDaemon(true);
                            return t;
                        });
        try {
            for (PartitionClaim claim : claims) {
                opening.add(
                        CompletableFuture.supplyAsync(
                                () ->
                                        PartitionWriter.start(
                                                stream,
                                                values,
                                                claim,
                                                claim.head().committedEnd(),
                                                SinkSettings.walDirectory(
                                                        config, stream.name(), claim.partition()),
                                                SinkSettings.walOptions(config),
                                                walIo,
                                                tiering,
                                                jobId),
                                opener));
            }
            List<PartitionWriter> started = new ArrayList<>();
            RuntimeException failure = null;
            for (CompletableFuture<PartitionWriter> f : opening) {
                try {
                    started.add(f.join());
                } catch (CompletionException e) {
                    // A writer that failed to start closed its log and its claim.
                    if (failure == null) {
                        failure =
                                e.getCause() instanceof RuntimeException r
                                        ? r
                                        : new IllegalStateException(e.getCause());
                    }
                }
            }
            if (failure != null) {
                IOUtils.closeAllQuietly(started);
                throw failure;
            }
            return started;
        } finally {
            opener.shutdown();
        }
    }

    @Override
    public void write(T element, Context context) throws IOException, InterruptedException {
        elements++;
        if (element == null) {
            invalid("is a null element", null);
            return;
        }
        WalRecord record;
        int size;
        try {
            record = serializer.serialize(element, context.timestamp());
            if (record == null) {
                invalid("is an element the serializer turned into null", null);
                return;
            }
            size = RecordFrame.recordSize(record);
        } catch (Exception e) {
            invalid("is an element the serializer failed on (" + e + ")", e);
            return;
        }
        if (size > maxRecordBytes) {
            invalid(
                    "is a record of "
                            + size
                            + " bytes, over "
                            + FloeSinkOptions.MAX_RECORD_SIZE.key()
                            + " = "
                            + maxRecordBytes,
                    null);
            return;
        }
        PartitionWriter partition = partitionOf(element, record);
        if (partition == null) {
            return;
        }
        boolean wasEmpty = batch.isEmpty();
        boolean full = batch.add(partition.partition(), record, size);
        metrics.accepted(size);
        if (full) {
            appendBatch();
        } else if (wasEmpty && batchTimer == null) {
            batchTimer =
                    timers.registerTimer(
                            timers.getCurrentProcessingTime() + batchMaxWaitMillis,
                            now -> {
                                batchTimer = null;
                                appendBatch();
                            });
        }
    }

    /** Appends the records accepted since the last batch to their partitions' WALs. */
    private void appendBatch() {
        if (batch.isEmpty()) {
            return;
        }
        long started = metrics.appending();
        batch.appendAll();
        metrics.appended(started);
    }

    /** The partition to append to, or null when the element cannot be routed and is skipped. */
    private PartitionWriter partitionOf(T element, WalRecord record) {
        if (!routing.movesElements()) {
            PartitionWriter w = owned.get(nextOwned);
            nextOwned = nextOwned + 1 == owned.size() ? 0 : nextOwned + 1;
            return w;
        }
        int p;
        try {
            p = chooser.partition(element, record.key());
        } catch (PartitionChooser.UnroutableException e) {
            invalid("cannot be routed: " + e.getMessage(), e.getCause());
            return null;
        }
        if (byPartition[p] == null) {
            invalid(
                    "routed to partition "
                            + p
                            + ", which subtask "
                            + subtask
                            + " does not own: the partitioner (or the serializer's serializeKey)"
                            + " must be deterministic and agree with the record it serializes",
                    null);
        }
        return byPartition[p];
    }

    /**
     * Applies the invalid-record policy to the current element: skips it or fails the job.
     *
     * @param what what is wrong with the element, after "element N "
     */
    private void invalid(String what, Throwable cause) {
        String message =
                "Floe sink of "
                        + stream.name()
                        + ", subtask "
                        + subtask
                        + ": element "
                        + elements
                        + " "
                        + what;
        if (invalidRecords == InvalidRecordPolicy.SKIP) {
            metrics.skipped();
            skipWarnings.skipped(
                    () ->
                            message
                                    + "; skipped ("
                                    + FloeSinkOptions.INVALID_RECORDS.key()
                                    + " = SKIP)");
            return;
        }
        throw new FloeRecordException(
                message
                        + ". Records before it that a completed checkpoint covers stay committed. Set "
                        + FloeSinkOptions.INVALID_RECORDS.key()
                        + " = SKIP to drop such elements.",
                cause);
    }

    @Override
    public void flush(boolean endOfInput) {
        this.endOfInput |= endOfInput;
        appendBatch();
    }

    @Override
    public Collection<FloeCommittable> prepareCommit() throws IOException, InterruptedException {
        appendBatch();
        checkNotFenced();
        for (PartitionWriter p : owned) {
            p.sealing();
        }
        metrics.sealWaiting();
        Map<Integer, List<ObjectDescriptor>> staged;
        try {
            staged = awaitStaged(stager.seal());
        } finally {
            metrics.sealed();
        }
        List<FloeCommittable> committables = new ArrayList<>();
        for (PartitionWriter p : owned) {
            p.staged(staged.getOrDefault(p.partition(), List.of())).ifPresent(committables::add);
        }
        if (endOfInput) {
            // The last objects' final row groups are written while the last commit lands.
            tiersFinishing.clear();
            for (PartitionWriter p : owned) {
                p.tierer().ifPresent(t -> tiersFinishing.add(t.finish(p.stagedEnd())));
            }
        }
        metrics.staged(committables);
        if (guarantee == DeliveryGuarantee.EXACTLY_ONCE) {
            return committables;
        }
        for (CommitLoop.Ended e :
                CommitLoop.commitRound(
                        connection.manifest(),
                        committables,
                        CommitLoop.PAUSES.withBudget(config.get(FloeSinkOptions.COMMIT_TIMEOUT)),
                        () -> {})) {
            if (e.failure() != null) {
                throw e.failure();
            }
            if (e.outcome() == CommitLoop.Outcome.RETRY_LATER) {
                throw new IOException(
                        "the writer's commits could not be made: the manifest store is down");
            }
        }
        return List.of();
    }

    /**
     * Fails if another writer has taken one of the partitions. An unreachable manifest is the
     * committer's to wait out (the commit compares the epoch anyway), not a reason to fail here.
     */
    private void checkNotFenced() {
        Map<Integer, PartitionHead> heads;
        try {
            heads =
                    connection
                            .manifest()
                            .heads(
                                    stream.name(),
                                    owned.stream().map(PartitionWriter::partition).toList());
        } catch (RetriableFloeException e) {
            LOG.debug("Cannot read the heads of {}: {}", stream.name(), e.toString());
            return;
        }
        for (PartitionWriter p : owned) {
            p.checkNotFenced(heads.get(p.partition()));
        }
    }

    private Map<Integer, List<ObjectDescriptor>> awaitStaged(
            CompletableFuture<Map<Integer, List<ObjectDescriptor>>> sealing)
            throws InterruptedException {
        try {
            return sealing.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "staging "
                            + stream.name()
                            + " partitions "
                            + owned.stream().map(PartitionWriter::partition).toList()
                            + " failed: "
                            + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    @Override
    public List<FloeWriterState> snapshotState(long checkpointId) {
        List<FloeWriterState> states = new ArrayList<>(owned.size());
        for (PartitionWriter p : owned) {
            states.add(p.state());
        }
        return states;
    }

    @Override
    public void close() throws Exception {
        if (batchTimer != null) {
            batchTimer.cancel(false);
        }
        try {
            if (endOfInput) {
                finishBoundedInput();
            }
        } finally {
            IOUtils.closeAllQuietly(maintenance, tail, stager);
            closePartitions();
            walIo.close();
            connection.close();
        }
    }

    /** Waits for the last commits and their tiering: a bounded job ends with everything tiered. */
    private void finishBoundedInput() throws InterruptedException {
        long deadline = System.nanoTime() + config.get(FloeSinkOptions.COMMIT_TIMEOUT).toNanos();
        List<PartitionWriter> waiting = new ArrayList<>(owned);
        while (true) {
            Map<Integer, PartitionHead> heads =
                    connection
                            .manifest()
                            .heads(
                                    stream.name(),
                                    waiting.stream().map(PartitionWriter::partition).toList());
            waiting.removeIf(p -> heads.get(p.partition()).committedEnd() >= p.stagedEnd());
            if (waiting.isEmpty()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                LOG.warn(
                        "{} partitions {}: the last commit did not land before the writer closed;"
                                + " tiering is left to the next writer",
                        stream.name(),
                        waiting.stream().map(PartitionWriter::partition).toList());
                return;
            }
            Thread.sleep(20);
        }
        for (CompletableFuture<Void> tiered : tiersFinishing) {
            try {
                tiered.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                LOG.warn(
                        "Tiering of {} from the WAL stopped ({}); the rest is tiered from segment"
                                + " objects",
                        stream.name(),
                        e.getCause().getMessage());
            } catch (TimeoutException e) {
                LOG.warn(
                        "Tiering of {} from the WAL did not finish within {}; what is left is"
                                + " tiered by the next writer of its partitions",
                        stream.name(),
                        config.get(FloeSinkOptions.COMMIT_TIMEOUT));
            }
        }
        if (tiering != null) {
            tiering.awaitTableCommits();
        }
        maintenance.finish();
    }

    private void closePartitions() {
        IOUtils.closeAllQuietly(owned);
        IOUtils.closeQuietly(tiering);
    }
}
