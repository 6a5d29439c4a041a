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

import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.PartitionHead;
import dev.floe.wal.manifest.StreamConfig;
import dev.floe.wal.tier.GarbageCollector;
import dev.floe.wal.tier.PartitionTiering;
import dev.floe.wal.tier.TableCommits;
import dev.floe.wal.tier.TierOptions;
import dev.floe.wal.tier.TierStores;
import dev.floe.wal.tier.Tierer;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background work of one sink writer's partitions, on one thread: tiering committed segment
 * objects into Parquet where the partition's {@link PartitionTiering} does not (below where it
 * started, or after it stopped), deleting local log segments below the committed end and below what
 * tiering still reads, reconciling the stream's table when it starts, and (on one subtask) deleting
 * superseded objects whose grace has passed and reconciling the table every minute. A failed round
 * is logged and retried at the next; a fenced partition stops being tiered. Thread-safe.
 */
final class Maintenance implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);

    private final ManifestStore manifest;
    private final TierStores stores;
    private final StreamConfig stream;
    private final List<PartitionWriter> partitions;
    private final TierOptions tierOptions;
    private final boolean tierEnabled;
    private final boolean collectGarbage;
    private final ScheduledExecutorService executor;
    private final AtomicLong objectsTiered = new AtomicLong();
    private final AtomicLong failedRounds = new AtomicLong();
    private volatile boolean closing;

    /** How often the garbage-collecting writer reconciles the stream's table with the manifest. */
    static final Duration RECONCILE_INTERVAL = Duration.ofMinutes(1);

    private final TableCommits tableCommits;
    private long lastReconcile = System.nanoTime();

    /** Per partition, an offset below which nothing is left to tier. Maintenance thread only. */
    private final Map<Integer, Long> settledBelow = new HashMap<>();

    Maintenance(
            ManifestStore manifest,
            TierStores stores,
            StreamConfig stream,
            List<PartitionWriter> partitions,
            TierOptions tierOptions,
            boolean tierEnabled,
            boolean collectGarbage,
            Duration interval) {
        this.manifest = manifest;
        this.stores = stores;
        this.stream = stream;
        this.partitions = List.copyOf(partitions);
        this.tierOptions = tierOptions;
        this.tierEnabled = tierEnabled;
        this.collectGarbage = collectGarbage;
        this.tableCommits = tierOptions.tableCommits().open(manifest, stores.parquet());
        this.executor =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "floe-maintenance-" + stream.name());
                            t.setDaemon(true);
                            return t;
                        });
        if (tierEnabled) {
            // Now rather than at the first swap, which comes with many others when a bounded job
            // ends, and would race the other writers' table commits then.
            executor.execute(() -> tableCommits.maintain(stream.name()));
        }
        long millis = Math.max(1, interval.toMillis());
        executor.scheduleWithFixedDelay(
                () -> runRound(false), millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Runs one round now, tiering everything committed regardless of size and age, and waits for it
     * (the end of a bounded job).
     */
    void finish() throws InterruptedException {
        var done = executor.submit(() -> runRound(true));
        try {
            done.get();
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.warn("Final tiering of {} failed: {}", stream.name(), e.getCause().toString());
        }
    }

    /** Parquet objects swapped in by this writer, from segment objects or from the WAL. */
    long objectsTiered() {
        long fromWal = 0;
        for (PartitionWriter p : partitions) {
            fromWal += p.tierer().map(PartitionTiering::objectsTiered).orElse(0L);
        }
        return objectsTiered.get() + fromWal;
    }

    long failedRounds() {
        return failedRounds.get();
    }

    private void runRound(boolean force) {
        Map<Integer, PartitionHead> heads = Map.of();
        try {
            heads =
                    manifest.heads(
                            stream.name(),
                            partitions.stream().map(PartitionWriter::partition).toList());
        } catch (Exception e) {
            if (closing) {
                return;
            }
            failedRounds.incrementAndGet();
            LOG.warn(
                    "Background work on {} failed, retrying in the next round: cannot read its"
                            + " heads: {}",
                    stream.name(),
                    e.toString());
        }
        for (PartitionWriter p : partitions) {
            PartitionHead head = heads.get(p.partition());
            if (head == null) {
                continue;
            }
            try {
                maintain(p, head, force);
            } catch (Exception e) {
                if (closing) {
                    return;
                }
                failedRounds.incrementAndGet();
                LOG.warn(
                        "Background work on {}/{} failed, retrying in the next round: {}",
                        stream.name(),
                        p.partition(),
                        e.toString());
            }
        }
        // One writer does these for all: the others' own swaps reach the table through their
        // tiering, and at the end of a bounded job they would only race it.
        if (collectGarbage) {
            try {
                new GarbageCollector(manifest, stores, Clock.systemUTC()).collect();
            } catch (Exception e) {
                failedRounds.incrementAndGet();
                LOG.warn("Deleting superseded objects failed, retrying later: {}", e.toString());
            }
            reconcileTable(force);
        }
    }

    /**
     * Brings the stream's table to the manifest once per {@link #RECONCILE_INTERVAL}, and at the
     * end of a bounded job; the table's commits log their own failures.
     */
    private void reconcileTable(boolean force) {
        long now = System.nanoTime();
        if (force || now - lastReconcile >= RECONCILE_INTERVAL.toNanos()) {
            lastReconcile = now;
            tableCommits.maintain(stream.name());
        }
    }

    /** Local retention first, so a tiering problem never lets the log grow. */
    private void maintain(PartitionWriter p, PartitionHead head, boolean force) throws IOException {
        if (head.epoch() != p.epoch()) {
            return;
        }
        p.wal().deleteBefore(p.retentionFloor(head.committedEnd()));
        if (!tierEnabled) {
            return;
        }
        long upTo =
                p.tierer()
                        .filter(PartitionTiering::isRunning)
                        .map(PartitionTiering::startOffset)
                        .orElse(Long.MAX_VALUE);
        if (settledBelow.getOrDefault(p.partition(), -1L) == upTo) {
            return;
        }
        if (upTo == 0) {
            // Its tierer tiers it all from the WAL: no segment objects to look for below.
            settledBelow.put(p.partition(), upTo);
            return;
        }
        Tierer tierer =
                new Tierer(
                        manifest,
                        stores,
                        stream,
                        p.partition(),
                        p.epoch(),
                        tierOptions,
                        Clock.systemUTC());
        objectsTiered.addAndGet(tierer.tier(head, force, upTo).size());
        // Below where a running tierer started nothing new is committed: once that range holds no
        // segment objects, later rounds need not read it again.
        if (upTo != Long.MAX_VALUE
                && (upTo == 0
                        || manifest.objects(stream.name(), p.partition(), 0, upTo).stream()
                                .noneMatch(o -> o.kind() == ObjectDescriptor.Kind.SEGMENT))) {
            settledBelow.put(p.partition(), upTo);
        }
    }

    @Override
    public void close() {
        closing = true;
        executor.shutdownNow();
        try {
            executor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
