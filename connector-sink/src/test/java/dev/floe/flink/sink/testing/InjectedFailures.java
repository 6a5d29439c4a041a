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
package dev.floe.flink.sink.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Job failures at random points of a MiniCluster job (which runs in the test's JVM, so the plan is
 * shared through a static registry): the mapper throws after a random number of records, a given
 * number of times, optionally deleting the sink's WAL directory first (a lost TaskManager disk).
 * The seed is logged and taken from {@code -Dfloe.test.seed}. Thread-safe.
 */
public final class InjectedFailures {

    private static final Logger LOG = LoggerFactory.getLogger(InjectedFailures.class);
    private static final ConcurrentHashMap<Integer, InjectedFailures> PLANS =
            new ConcurrentHashMap<>();
    private static final AtomicInteger IDS = new AtomicInteger();

    private final int id = IDS.incrementAndGet();
    private final long seed;
    private final Random random;
    private final int planned;
    private final int spread;
    private final AtomicInteger injected = new AtomicInteger();
    private final AtomicLong seen = new AtomicLong();
    private volatile long nextFailureAt;

    /** Whether a checkpoint completed since the last failure: the next one waits for it. */
    private volatile boolean checkpointedSinceFailure;

    private InjectedFailures(long seed, int planned, int spread) {
        this.seed = seed;
        this.random = new Random(seed);
        this.planned = planned;
        this.spread = spread;
        this.nextFailureAt = nextGap();
        PLANS.put(id, this);
        LOG.info("Injecting {} failures with seed {} (-Dfloe.test.seed={})", planned, seed, seed);
    }

    private long nextGap() {
        // At most `gap` apart, so every planned failure falls within the job's records.
        int gap = spread / (planned + 1);
        return gap / 2 + random.nextInt(gap / 2);
    }

    /** {@code planned} failures spread over about {@code records} records. */
    public static InjectedFailures random(int planned, int records) {
        String fixed = System.getProperty("floe.test.seed");
        long seed = fixed != null ? Long.parseLong(fixed) : System.nanoTime();
        return new InjectedFailures(seed, planned, records);
    }

    public int injected() {
        return injected.get();
    }

    /**
     * A mapper that passes numbers through as strings and fails as planned. A failure waits for a
     * checkpoint to complete after the previous one: a subtask that fails again before that can
     * leave Flink's source coordinator stuck on a checkpoint its restarted gateway never saw.
     */
    public MapFunction<Long, String> mapper(Path walToDelete) {
        return new FailingMapper(id, walToDelete == null ? null : walToDelete.toString());
    }

    private static final class FailingMapper
            implements MapFunction<Long, String>, CheckpointListener {

        private final int planId;
        private final String wal;

        FailingMapper(int planId, String wal) {
            this.planId = planId;
            this.wal = wal;
        }

        @Override
        public String map(Long value) throws Exception {
            PLANS.get(planId).maybeFail(wal);
            if (value % 40 == 0) {
                Thread.sleep(1);
            }
            return String.valueOf(value);
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            PLANS.get(planId).checkpointedSinceFailure = true;
        }
    }

    private void maybeFail(String wal) {
        long n = seen.incrementAndGet();
        if (injected.get() >= planned || n < nextFailureAt || !checkpointedSinceFailure) {
            return;
        }
        synchronized (this) {
            if (injected.get() >= planned || n < nextFailureAt || !checkpointedSinceFailure) {
                return;
            }
            int count = injected.incrementAndGet();
            nextFailureAt = n + nextGap();
            checkpointedSinceFailure = false;
            if (wal != null) {
                deleteRecursively(Path.of(wal));
            }
            throw new IllegalStateException(
                    "Injected failure " + count + " of " + planned + " (seed " + seed + ")");
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder())
                    .filter(p -> !p.equals(dir))
                    .forEach(
                            p -> {
                                try {
                                    Files.deleteIfExists(p);
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not delete all of {}: {}", dir, e.toString());
        }
    }

    @Override
    public String toString() {
        return "failures with seed " + seed + ": " + injected.get() + " of " + planned;
    }
}
