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
package dev.floe.flink.source.enumerator;

import dev.floe.flink.connection.FloeConnection;
import dev.floe.flink.source.FloeSourceOptions;
import dev.floe.flink.source.split.FloeSplit;
import dev.floe.wal.manifest.StreamConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.util.FlinkRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans one split per partition from the manifest when the job first starts, and assigns the split
 * of partition {@code p} to reader {@code p % parallelism} once that reader is there. An unbounded
 * source reading all partitions looks for partitions added to the stream every {@link
 * FloeSourceOptions#PARTITION_DISCOVERY_INTERVAL} and reads them from their earliest offset. Splits
 * handed back by a failed reader go to its successor. Used by the enumerator thread, except the
 * discovery's manifest read.
 */
@Internal
public final class FloeEnumerator implements SplitEnumerator<FloeSplit, FloeEnumeratorState> {

    private static final Logger LOG = LoggerFactory.getLogger(FloeEnumerator.class);

    private final SplitEnumeratorContext<FloeSplit> context;
    private final ReadableConfig config;
    private final List<FloeSplit> unassigned;
    // Readers told there are no more splits: each is told once per registration, since an event
    // to a reader that has finished meanwhile is lost and fails the job.
    private final Set<Integer> toldNoMoreSplits = new HashSet<>();
    private final boolean bounded;
    private boolean planned;
    private int partitions;
    private FloeConnection connection;
    private volatile int pendingSplits;

    public FloeEnumerator(
            SplitEnumeratorContext<FloeSplit> context,
            ReadableConfig config,
            FloeEnumeratorState state) {
        this.context = context;
        this.config = config;
        this.unassigned = new ArrayList<>(state.unassigned());
        this.planned = state.planned();
        this.partitions = state.partitions();
        this.bounded = FloeSourceOptions.stopMode(config) != FloeSourceOptions.StopMode.UNBOUNDED;
        context.metricGroup()
                .addGroup("floe")
                .gauge("splitsPending", (Gauge<Integer>) () -> pendingSplits);
    }

    @Override
    public void start() {
        try {
            connection = FloeConnection.open(config);
            StreamConfig stream = SplitPlanner.stream(connection.manifest(), config);
            if (!planned) {
                unassigned.addAll(SplitPlanner.plan(connection.manifest(), stream, config));
                planned = true;
                partitions = stream.partitions();
                LOG.info("Planned {}", unassigned);
            } else if (partitions == FloeEnumeratorState.UNKNOWN_PARTITIONS) {
                partitions = stream.partitions();
            }
        } catch (IOException | RuntimeException e) {
            throw new FlinkRuntimeException(
                    "Cannot plan the Floe source of "
                            + config.get(FloeSourceOptions.STREAM)
                            + ": "
                            + e.getMessage(),
                    e);
        }
        Duration every = config.get(FloeSourceOptions.PARTITION_DISCOVERY_INTERVAL);
        if (!bounded
                && config.getOptional(FloeSourceOptions.PARTITIONS).isEmpty()
                && every.toMillis() > 0) {
            context.callAsync(
                    () -> SplitPlanner.stream(connection.manifest(), config),
                    this::addPartitions,
                    every.toMillis(),
                    every.toMillis());
        }
        assignPending();
    }

    /** Plans the partitions {@code stream} has beyond those planned so far. */
    private void addPartitions(StreamConfig stream, Throwable failure) {
        if (failure != null) {
            LOG.warn(
                    "Cannot look for new partitions of stream {}; trying again in {}: {}",
                    config.get(FloeSourceOptions.STREAM),
                    config.get(FloeSourceOptions.PARTITION_DISCOVERY_INTERVAL),
                    failure.toString());
            return;
        }
        if (stream.partitions() <= partitions) {
            return;
        }
        List<FloeSplit> added = SplitPlanner.planAdded(connection.manifest(), stream, partitions);
        LOG.info(
                "Stream {} grew from {} to {} partitions: reading {}",
                stream.name(),
                partitions,
                stream.partitions(),
                added);
        partitions = stream.partitions();
        unassigned.addAll(added);
        assignPending();
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        assignPending();
    }

    @Override
    public void addSplitsBack(List<FloeSplit> splits, int subtaskId) {
        unassigned.addAll(splits);
        assignPending();
    }

    @Override
    public void addReader(int subtaskId) {
        toldNoMoreSplits.remove(subtaskId);
        assignPending();
    }

    private void assignPending() {
        pendingSplits = unassigned.size();
        int parallelism = context.currentParallelism();
        Iterator<FloeSplit> it = unassigned.iterator();
        while (it.hasNext()) {
            FloeSplit split = it.next();
            int owner = split.partition() % parallelism;
            if (context.registeredReaders().containsKey(owner)) {
                context.assignSplit(split, owner);
                it.remove();
            }
        }
        pendingSplits = unassigned.size();
        if (bounded && planned) {
            for (int reader : context.registeredReaders().keySet()) {
                if (unassigned.stream().noneMatch(s -> s.partition() % parallelism == reader)
                        && toldNoMoreSplits.add(reader)) {
                    context.signalNoMoreSplits(reader);
                }
            }
        }
    }

    @Override
    public FloeEnumeratorState snapshotState(long checkpointId) {
        return new FloeEnumeratorState(planned, partitions, unassigned);
    }

    @Override
    public void close() throws IOException {
        if (connection != null) {
            connection.close();
        }
    }
}
