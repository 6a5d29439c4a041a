package dev.floe.flink.sink.internal;

import dev.floe.flink.connection.FloeConnection;
import dev.floe.flink.sink.FloeFencedException;
import dev.floe.flink.sink.FloePartitioner;
import dev.floe.flink.sink.FloeRecordException;
import dev.floe.flink.sink.FloeRecordSerializer;
import dev.floe.flink.sink.FloeSinkOptions;
import dev.floe.flink.sink.InvalidRecordPolicy;
import dev.floe.wal.format.RecordFrame;
import dev.floe.wal.format.SegmentObjectOptions;
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.PartitionClaim;
import dev.floe.wal.manifest.StreamConfig;
import dev.floe.wal.record.WalRecord;
import dev.floe.wal.tail.TailServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.IOUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink writer of one subtask: owns the stream's partitions {@code p} with {@code p %
 * parallelism == subtask}, appends each element to its partition's log, and at each checkpoint
 * stages what was appended as segment objects and hands them to the committer. Used by the task's
 * thread only.
 */
@Internal
public final class FloeWriter<T>
        implements StatefulSinkWriter<T, FloeWriterState>,
                CommittingSinkWriter<T, FloeCommittable> {

    private static final Logger LOG = LoggerFactory.getLogger(FloeWriter.class);

    private final ReadableConfig config;
    private final FloeRecordSerializer<T> serializer;
    private final FloePartitioner<T> partitioner;
    private final boolean bySubtask;
    private final DeliveryGuarantee guarantee;
    private final InvalidRecordPolicy invalidRecords;
    private final int maxRecordBytes;
    private final int subtask;
    private final FloeConnection connection;
    private final StreamConfig stream;
    private final List<PartitionWriter> owned = new ArrayList<>();
    private final PartitionWriter[] byPartition;
    private final Maintenance maintenance;
    private final TailServer tail;
    private final WriterMetrics metrics;
    private final Counter recordsOut;
    private final Counter bytesOut;
    private final Counter recordsInvalid;

    private long elements;
    private int nextOwned;
    private boolean endOfInput;

    public FloeWriter(
            ReadableConfig config,
            FloeRecordSerializer<T> serializer,
            FloePartitioner<T> partitioner,
            boolean bySubtask,
            WriterInitContext context,
            Collection<FloeWriterState> restored)
            throws Exception {
        this.config = config;
        this.serializer = serializer;
        this.partitioner = partitioner;
        this.bySubtask = bySubtask;
        this.guarantee = config.get(FloeSinkOptions.DELIVERY_GUARANTEE);
        this.invalidRecords = config.get(FloeSinkOptions.INVALID_RECORDS);
        this.maxRecordBytes = (int) config.get(FloeSinkOptions.MAX_RECORD_SIZE).getBytes();
        this.subtask = context.getTaskInfo().getIndexOfThisSubtask();
        int parallelism = context.getTaskInfo().getNumberOfParallelSubtasks();
        serializer.open(context.asSerializationSchemaInitializationContext());

        this.connection = FloeConnection.open(config);
        Map<Integer, Long> starts;
        try {
            this.stream =
                    StreamDefinitions.resolve(
                            connection.manifest(), config, serializer, parallelism, bySubtask);
            this.byPartition = new PartitionWriter[stream.partitions()];
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
            startPartitions(starts, jobId);
            this.tail = config.get(FloeSinkOptions.TAIL_ENABLED) ? serveTail() : null;
            if (tail == null) {
                owned.forEach(p -> p.advertise(null));
            }
            this.maintenance =
                    new Maintenance(
                            connection.manifest(),
                            connection.stores(),
                            stream,
                            owned,
                            SinkSettings.tierOptions(config),
                            config.get(FloeSinkOptions.TIER_ENABLED),
                            subtask == 0,
                            config.get(FloeSinkOptions.TIER_INTERVAL));
        } catch (Exception e) {
            closePartitions();
            connection.close();
            throw e;
        }
        var group = context.metricGroup();
        this.recordsOut = group.getNumRecordsSendCounter();
        this.bytesOut = group.getNumBytesSendCounter();
        this.recordsInvalid = group.getNumRecordsOutErrorsCounter();
        this.metrics = new WriterMetrics(group.addGroup("floe"), owned, maintenance);
        LOG.info(
                "Floe sink subtask {} writes {} partitions {} of {} ({})",
                subtask,
                stream.name(),
                starts.keySet(),
                connection.describe(),
                guarantee);
    }

    private TailServer serveTail() throws IOException {
        TailServer server = TailEndpoints.start(config);
        try {
            String endpoint = TailEndpoints.advertised(config, server);
            for (PartitionWriter p : owned) {
                server.serve(stream.name(), p.partition(), p.wal());
                p.advertise(endpoint);
            }
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

    private void startPartitions(Map<Integer, Long> starts, String jobId) {
        ManifestStore manifest = connection.manifest();
        for (var entry : starts.entrySet()) {
            int p = entry.getKey();
            PartitionClaim claim =
                    manifest.acquire(
                            stream.name(),
                            p,
                            "job " + jobId + " subtask " + subtask,
                            config.get(FloeSinkOptions.LEASE_TTL));
            long start = claim.head().committedEnd();
            if (entry.getValue() != RestorePlan.COMMITTED_END && start != entry.getValue()) {
                claim.close();
                throw new FloeFencedException(
                        "Stream "
                                + stream.name()
                                + "/"
                                + p
                                + " moved to offset "
                                + start
                                + " while this writer restored it at "
                                + entry.getValue()
                                + ": another writer is committing to it. Stop the other job.");
            }
            PartitionWriter writer =
                    PartitionWriter.start(
                            stream,
                            claim,
                            start,
                            SinkSettings.walDirectory(config, stream.name(), p),
                            SinkSettings.walOptions(config),
                            connection.stores(),
                            SegmentObjectOptions.defaults(),
                            manifest,
                            jobId);
            owned.add(writer);
            byPartition[p] = writer;
        }
    }

    @Override
    public void write(T element, Context context) throws IOException, InterruptedException {
        elements++;
        if (element == null) {
            invalid("a null element", null);
            return;
        }
        WalRecord record;
        int size;
        try {
            record = serializer.serialize(element, context.timestamp());
            if (record == null) {
                invalid("an element the serializer turned into null", null);
                return;
            }
            size = RecordFrame.recordSize(record);
        } catch (Exception e) {
            invalid("an element the serializer failed on (" + e + ")", e);
            return;
        }
        if (size > maxRecordBytes) {
            invalid(
                    "a record of "
                            + size
                            + " bytes, over "
                            + FloeSinkOptions.MAX_RECORD_SIZE.key()
                            + " = "
                            + maxRecordBytes,
                    null);
            return;
        }
        PartitionWriter partition = partitionOf(element, record);
        long started = metrics.appending();
        partition.append(record);
        metrics.appended(started);
        recordsOut.inc();
        bytesOut.inc(size);
    }

    private PartitionWriter partitionOf(T element, WalRecord record) {
        if (bySubtask) {
            PartitionWriter w = owned.get(nextOwned);
            nextOwned = nextOwned + 1 == owned.size() ? 0 : nextOwned + 1;
            return w;
        }
        int p = partitioner.partition(element, record, stream.partitions());
        if (p < 0 || p >= byPartition.length || byPartition[p] == null) {
            throw new IllegalStateException(
                    "Element "
                            + elements
                            + " of subtask "
                            + subtask
                            + " belongs to partition "
                            + p
                            + " of "
                            + stream.name()
                            + ", which this subtask does not own: the partitioner must be"
                            + " deterministic and return a partition below "
                            + stream.partitions());
        }
        return byPartition[p];
    }

    private void invalid(String what, Exception cause) {
        String message =
                "Floe sink of "
                        + stream.name()
                        + ", subtask "
                        + subtask
                        + ": element "
                        + elements
                        + " is "
                        + what;
        if (invalidRecords == InvalidRecordPolicy.SKIP) {
            recordsInvalid.inc();
            LOG.warn("{}; skipped ({} = SKIP)", message, FloeSinkOptions.INVALID_RECORDS.key());
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
    }

    @Override
    public Collection<FloeCommittable> prepareCommit() throws IOException, InterruptedException {
        List<FloeCommittable> committables = new ArrayList<>();
        for (PartitionWriter p : owned) {
            p.stage().ifPresent(committables::add);
        }
        metrics.staged(committables);
        if (guarantee == DeliveryGuarantee.EXACTLY_ONCE) {
            return committables;
        }
        for (FloeCommittable c : committables) {
            if (CommitLoop.commit(
                            connection.manifest(),
                            c,
                            config.get(FloeSinkOptions.COMMIT_TIMEOUT),
                            () -> {})
                    == CommitLoop.Outcome.RETRY_LATER) {
                throw new IOException(c + " could not be committed: the manifest store is down");
            }
        }
        return List.of();
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
        try {
            if (endOfInput) {
                finishBoundedInput();
            }
        } finally {
            IOUtils.closeAllQuietly(maintenance, tail);
            closePartitions();
            connection.close();
        }
    }

    /** Waits for the last commits, then tiers everything (a bounded job ends tiered). */
    private void finishBoundedInput() throws InterruptedException {
        long deadline = System.nanoTime() + config.get(FloeSinkOptions.COMMIT_TIMEOUT).toNanos();
        for (PartitionWriter p : owned) {
            while (connection.manifest().head(stream.name(), p.partition()).committedEnd()
                    < p.stagedEnd()) {
                if (System.nanoTime() > deadline) {
                    LOG.warn(
                            "{}/{}: the last commit did not land before the writer closed;"
                                    + " tiering is left to the next writer",
                            stream.name(),
                            p.partition());
                    return;
                }
                Thread.sleep(20);
            }
        }
        maintenance.finish();
    }

    private void closePartitions() {
        IOUtils.closeAllQuietly(owned);
    }
}
