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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.operators.ProcessingTimeService;

/**
 * Processing time that moves only when a test says so: timers fire on {@link #advance}, on the
 * calling thread, as Flink fires them on the task thread. Not thread-safe.
 */
public final class ManualTimers implements ProcessingTimeService {

    private long now;
    private final List<Timer> timers = new ArrayList<>();

    @Override
    public long getCurrentProcessingTime() {
        return now;
    }

    @Override
    public ScheduledFuture<?> registerTimer(long timestamp, ProcessingTimeCallback callback) {
        Timer timer = new Timer(timestamp, callback);
        timers.add(timer);
        return timer;
    }

    /** Timers registered and not yet fired or cancelled. */
    public int pending() {
        return (int) timers.stream().filter(t -> !t.isDone()).count();
    }

    /** Moves time on by {@code millis} and fires every timer due by then, in time order. */
    public void advance(long millis) throws Exception {
        now += millis;
        while (true) {
            Timer due =
                    timers.stream()
                            .filter(t -> !t.isDone() && t.timestamp <= now)
                            .min((a, b) -> Long.compare(a.timestamp, b.timestamp))
                            .orElse(null);
            if (due == null) {
                break;
            }
            timers.remove(due);
            due.complete(null);
            due.callback.onProcessingTime(now);
        }
        timers.removeIf(Timer::isDone);
    }

    private final class Timer extends CompletableFuture<Void> implements ScheduledFuture<Void> {
        final long timestamp;
        final ProcessingTimeCallback callback;

        Timer(long timestamp, ProcessingTimeCallback callback) {
            this.timestamp = timestamp;
            this.callback = callback;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(timestamp - now, TimeUnit.MILLISECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(
                    getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }
    }
}
