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
package dev.floe.flink.sink.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The peaks of this JVM (where a MiniCluster runs its TaskManager) from {@link #start()} to {@link
 * #stop()}: live threads (the JVM's own peak count, reset at the start), heap used (sampled every
 * {@code 50 ms}) and heap used just after a garbage collection (from the collectors' notifications:
 * what survived, an upper bound of the live data). One measurement per instance; thread-safe.
 */
final class JvmPeaks {

    private static final Duration SAMPLE = Duration.ofMillis(50);
    private static final Duration SETTLED = Duration.ofSeconds(1);
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(15);

    /** The peaks measured. */
    record Figures(
            int threadsAtStart, int peakThreads, long peakHeapBytes, long peakHeapAfterGcBytes) {}

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Set<String> heapPools =
            ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP)
                    .map(MemoryPoolMXBean::getName)
                    .collect(Collectors.toUnmodifiableSet());
    private final AtomicLong peakHeap = new AtomicLong();
    private final AtomicLong peakHeapAfterGc = new AtomicLong();
    private final NotificationListener afterGc = this::collected;
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final ScheduledExecutorService sampler =
            Executors.newSingleThreadScheduledExecutor(
                    r -> {
                        Thread t = new Thread(r, "jvm-peaks");
                        t.setDaemon(true);
                        return t;
                    });
    private int threadsAtStart;

    private JvmPeaks() {}

    /** Starts measuring; the sampling thread exists before the thread peak is reset. */
    static JvmPeaks start() {
        JvmPeaks peaks = new JvmPeaks();
        peaks.sampler.submit(() -> {});
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(peaks.afterGc, null, null);
                peaks.emitters.add(emitter);
            }
        }
        peaks.threads.resetPeakThreadCount();
        peaks.threadsAtStart = peaks.threads.getThreadCount();
        peaks.sampler.scheduleAtFixedRate(
                peaks::sample, 0, SAMPLE.toMillis(), TimeUnit.MILLISECONDS);
        return peaks;
    }

    /**
     * Waits until the live thread count has not changed for {@code 1 s} (the threads of an ended
     * job have exited), at most {@code 15 s}.
     */
    static void awaitThreadsSettled() throws InterruptedException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        int count = threads.getThreadCount();
        long since = System.nanoTime();
        while (System.nanoTime() - since < SETTLED.toNanos() && System.nanoTime() < deadline) {
            Thread.sleep(SAMPLE.toMillis());
            int now = threads.getThreadCount();
            if (now != count) {
                count = now;
                since = System.nanoTime();
            }
        }
    }

    /** Stops measuring and returns the peaks. */
    Figures stop() throws InterruptedException {
        sample();
        int peakThreads = threads.getPeakThreadCount();
        sampler.shutdownNow();
        sampler.awaitTermination(10, TimeUnit.SECONDS);
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(afterGc);
            } catch (ListenerNotFoundException e) {
                // Not added: nothing to remove.
            }
        }
        return new Figures(threadsAtStart, peakThreads, peakHeap.get(), peakHeapAfterGc.get());
    }

    private void sample() {
        peakHeap.accumulateAndGet(
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
    }

    private void collected(Notification notification, Object handback) {
        if (!notification
                .getType()
                .equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long used = 0;
        for (var pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                used += pool.getValue().getUsed();
            }
        }
        peakHeapAfterGc.accumulateAndGet(used, Math::max);
    }
}
