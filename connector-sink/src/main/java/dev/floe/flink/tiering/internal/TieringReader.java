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
import dev.floe.flink.tiering.TieredObject;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.tier.GarbageCollector;
import dev.floe.wal.tier.TierOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subtask of the tiering job: a thread of its own tiers the subtask's partitions one after the
 * other every {@link FloeTieringOptions#INTERVAL} (subtask 0 then deletes replaced objects whose
 * grace has passed), and the task thread emits one {@link TieredObject} per Parquet object
 * committed. A failed round of a partition is logged, counted and retried at the next. The task
 * thread calls every method; the tiering thread only runs rounds.
 */
@Internal
public final class TieringReader implements SourceReader<TieredObject, TieringSplit> {

    private static final Logger LOG = LoggerFactory.getLogger(TieringReader.class);

    private final Configuration config;
    private final SourceReaderContext context;
    private final boolean bounded;
    private final Duration interval;
    private final TierOptions tierOptions;
    private final String owner;
    private final Map<String, PartitionTierer> partitions = new ConcurrentSkipListMap<>();
    private final Queue<TieredObject> tiered = new ConcurrentLinkedQueue<>();
    private final Object availability = new Object();
    private final Counter failedRounds;
    private CompletableFuture<Void> available = new CompletableFuture<>();
    private volatile boolean noMoreSplits;
    private volatile boolean closing;
    private FloeConnection connection;
    private ScheduledExecutorService worker;

    public TieringReader(Configuration config, SourceReaderContext context) {
        this.config = config;
        this.context = context;
        this.bounded = config.get(FloeTieringOptions.BOUNDED);
        this.interval = config.get(FloeTieringOptions.INTERVAL);
        this.tierOptions = TieringSettings.tierOptions(config);
        // The process (pid@host) and a random id: a restarted subtask is another owner.
        this.owner =
                "tiering subtask "
                        + context.getIndexOfSubtask()
                        + " in "
                        + ManagementFactory.getRuntimeMXBean().getName()
                        + " #"
                        + UUID.randomUUID().toString().substring(0, 8);
        var metrics = context.metricGroup().addGroup("floe");
        this.failedRounds = metrics.counter("tieringFailures");
        metrics.gauge(
                "partitionsClaimed",
                (Gauge<Long>)
                        () ->
                                partitions.values().stream()
                                        .filter(PartitionTierer::holdsClaim)
                                        .count());
    }

    @Override
    public void start() {
        try {
            connection = FloeConnection.open(config);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start Floe tiering: " + e.getMessage(), e);
        }
        int subtask = context.getIndexOfSubtask();
        worker =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "floe-tiering-" + subtask);
                            t.setDaemon(true);
                            return t;
                        });
        long millis = interval.toMillis();
        worker.scheduleWithFixedDelay(this::round, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void addSplits(List<TieringSplit> splits) {
        for (TieringSplit split : splits) {
            partitions.computeIfAbsent(
                    split.splitId(),
                    id ->
                            new PartitionTierer(
                                    split,
                                    connection.manifest(),
                                    connection.stores(),
                                    tierOptions,
                                    owner,
                                    config.get(FloeTieringOptions.LEASE_TTL),
                                    bounded,
                                    Clock.systemUTC()));
        }
        LOG.info("{} tiers {}", owner, partitions.keySet());
        worker.execute(this::round);
    }

    @Override
    public void notifyNoMoreSplits() {
        noMoreSplits = true;
        signal();
    }

    @Override
    public InputStatus pollNext(ReaderOutput<TieredObject> output) {
        // Read before polling: a partition is finished only after its objects are queued.
        boolean ended = ended();
        TieredObject next = tiered.poll();
        if (next != null) {
            output.collect(next);
            return InputStatus.MORE_AVAILABLE;
        }
        return ended ? InputStatus.END_OF_INPUT : InputStatus.NOTHING_AVAILABLE;
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        synchronized (availability) {
            if (!tiered.isEmpty() || ended()) {
                return CompletableFuture.completedFuture(null);
            }
            if (available.isDone()) {
                available = new CompletableFuture<>();
            }
            return available;
        }
    }

    @Override
    public List<TieringSplit> snapshotState(long checkpointId) {
        return partitions.values().stream().map(PartitionTierer::split).toList();
    }

    private boolean ended() {
        return noMoreSplits && partitions.isEmpty();
    }

    private void signal() {
        synchronized (availability) {
            available.complete(null);
        }
    }

    /**
     * Tiers each partition once; runs on the tiering thread. Finished partitions leave only after
     * the round's deletion of replaced objects, so a bounded job ends with those deleted too.
     */
    private void round() {
        List<PartitionTierer> finished = new ArrayList<>();
        for (PartitionTierer p : partitions.values()) {
            if (closing) {
                return;
            }
            try {
                List<ObjectDescriptor> objects = p.run();
                for (ObjectDescriptor o : objects) {
                    tiered.add(TieredObject.of(p.split().stream(), p.split().partition(), o));
                }
                if (p.finished()) {
                    finished.add(p);
                } else if (!objects.isEmpty()) {
                    signal();
                }
            } catch (Exception e) {
                if (closing) {
                    return;
                }
                failedRounds.inc();
                LOG.warn("{} failed, trying again in {}: {}", p, interval, e.toString());
            }
        }
        if (context.getIndexOfSubtask() == 0 && !closing) {
            try {
                new GarbageCollector(connection.manifest(), connection.stores(), Clock.systemUTC())
                        .collect();
            } catch (Exception e) {
                if (closing) {
                    return;
                }
                failedRounds.inc();
                LOG.warn("Deleting replaced objects failed, trying again later: {}", e.toString());
            }
        }
        for (PartitionTierer p : finished) {
            p.close();
            partitions.remove(p.split().splitId());
            LOG.info("{} finished: no segment object left and no writer", p);
        }
        if (!finished.isEmpty()) {
            signal();
        }
    }

    @Override
    public void close() throws Exception {
        closing = true;
        try {
            if (worker != null) {
                worker.shutdownNow();
                if (!worker.awaitTermination(30, TimeUnit.SECONDS)) {
                    LOG.warn("{}: the tiering thread did not stop within 30 s", owner);
                }
            }
        } finally {
            partitions.values().forEach(PartitionTierer::close);
            if (connection != null) {
                connection.close();
            }
        }
    }
}
