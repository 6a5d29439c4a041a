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
package dev.floe.flink.tiering.internal;

import dev.floe.flink.connection.FloeConnection;
import dev.floe.flink.tiering.FloeTieringOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.util.FlinkRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the partitions of the streams to tier from the manifest and hands each to one reader, in
 * turn, so that every subtask gets about as many. A bounded job lists them once, at its first
 * start; an unbounded one again every {@link FloeTieringOptions#DISCOVERY_INTERVAL}, picking up new
 * streams and partitions. Splits handed back by a failed reader go to its successor. Used by the
 * enumerator thread, except the discovery's manifest read.
 */
@Internal
public final class TieringEnumerator
        implements SplitEnumerator<TieringSplit, TieringEnumeratorState> {

    private static final Logger LOG = LoggerFactory.getLogger(TieringEnumerator.class);

    private final SplitEnumeratorContext<TieringSplit> context;
    private final ReadableConfig config;
    private final boolean bounded;
    private final Set<TieringSplit> known;
    // Unassigned splits and the subtask each waits for.
    private final Map<TieringSplit, Integer> pending = new LinkedHashMap<>();
    // Readers told there are no more splits, once per registration.
    private final Set<Integer> toldNoMoreSplits = new HashSet<>();
    private boolean discovered;
    private int nextOwner;
    private FloeConnection connection;

    public TieringEnumerator(
            SplitEnumeratorContext<TieringSplit> context,
            ReadableConfig config,
            TieringEnumeratorState state) {
        this.context = context;
        this.config = config;
        this.bounded = config.get(FloeTieringOptions.BOUNDED);
        this.known = new LinkedHashSet<>(state.known());
        this.discovered = state.discovered();
        state.unassigned().forEach(this::await);
    }

    @Override
    public void start() {
        try {
            connection = FloeConnection.open(config);
        } catch (IOException | RuntimeException e) {
            throw new FlinkRuntimeException("Cannot start Floe tiering: " + e.getMessage(), e);
        }
        if (bounded) {
            if (!discovered) {
                try {
                    add(discover());
                } catch (RuntimeException e) {
                    throw new FlinkRuntimeException(
                            "Cannot list the partitions to tier: " + e.getMessage(), e);
                }
                discovered = true;
            }
            assignPending();
        } else {
            long every = config.get(FloeTieringOptions.DISCOVERY_INTERVAL).toMillis();
            context.callAsync(this::discover, this::discovered, 0, every);
        }
    }

    private List<TieringSplit> discover() {
        return StreamDiscovery.partitions(
                connection.manifest(), TieringSettings.streams(config), bounded);
    }

    private void discovered(List<TieringSplit> splits, Throwable failure) {
        if (failure != null) {
            LOG.warn(
                    "Cannot list the partitions to tier; trying again in {}: {}",
                    config.get(FloeTieringOptions.DISCOVERY_INTERVAL),
                    failure.toString());
            return;
        }
        add(splits);
        discovered = true;
        assignPending();
    }

    private void add(List<TieringSplit> splits) {
        List<TieringSplit> added = new ArrayList<>();
        for (TieringSplit split : splits) {
            if (known.add(split)) {
                await(split);
                added.add(split);
            }
        }
        if (!added.isEmpty()) {
            LOG.info("Tiering {}", added);
        }
    }

    private void await(TieringSplit split) {
        pending.put(split, nextOwner++);
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        assignPending();
    }

    @Override
    public void addSplitsBack(List<TieringSplit> splits, int subtaskId) {
        for (TieringSplit split : splits) {
            pending.put(split, subtaskId);
        }
        assignPending();
    }

    @Override
    public void addReader(int subtaskId) {
        toldNoMoreSplits.remove(subtaskId);
        assignPending();
    }

    private void assignPending() {
        int parallelism = context.currentParallelism();
        Iterator<Map.Entry<TieringSplit, Integer>> it = pending.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<TieringSplit, Integer> e = it.next();
            int owner = e.getValue() % parallelism;
            if (context.registeredReaders().containsKey(owner)) {
                context.assignSplit(e.getKey(), owner);
                it.remove();
            }
        }
        if (bounded && discovered) {
            for (int reader : context.registeredReaders().keySet()) {
                if (pending.values().stream().noneMatch(o -> o % parallelism == reader)
                        && toldNoMoreSplits.add(reader)) {
                    context.signalNoMoreSplits(reader);
                }
            }
        }
    }

    @Override
    public TieringEnumeratorState snapshotState(long checkpointId) {
        return new TieringEnumeratorState(
                discovered, List.copyOf(known), List.copyOf(pending.keySet()));
    }

    @Override
    public void close() {
        if (connection != null) {
            connection.close();
        }
    }
}
