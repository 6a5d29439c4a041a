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
package dev.floe.wal.log;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Callers waiting for offsets to become durable, and listeners told of every advance. Futures and
 * listeners run on a thread of the log's IO pool, so they must be quick. Thread-safe.
 */
final class DurabilityWaiters {

    private final TreeMap<Long, List<CompletableFuture<Long>>> waiting = new TreeMap<>();
    private final List<LongConsumer> listeners = new CopyOnWriteArrayList<>();
    private Throwable failure;

    /** A future completed with the durable end offset once {@code offset} is below it. */
    CompletableFuture<Long> register(long offset, LongSupplier durableEnd) {
        CompletableFuture<Long> future = new CompletableFuture<>();
        synchronized (this) {
            if (failure != null) {
                future.completeExceptionally(failure);
                return future;
            }
            waiting.computeIfAbsent(offset, k -> new ArrayList<>(1)).add(future);
        }
        complete(durableEnd.getAsLong());
        return future;
    }

    void addListener(LongConsumer listener) {
        listeners.add(listener);
    }

    /** Completes every waiter for an offset below {@code durableEnd}. */
    void complete(long durableEnd) {
        List<CompletableFuture<Long>> done = new ArrayList<>();
        synchronized (this) {
            Map<Long, List<CompletableFuture<Long>>> head = waiting.headMap(durableEnd, false);
            head.values().forEach(done::addAll);
            head.clear();
        }
        for (CompletableFuture<Long> f : done) {
            f.complete(durableEnd);
        }
    }

    void notifyListeners(long durableEnd) {
        for (LongConsumer listener : listeners) {
            listener.accept(durableEnd);
        }
    }

    /** Fails waiters for offsets at or after {@code from} (their records were truncated). */
    void failFrom(long from, Throwable cause) {
        List<CompletableFuture<Long>> failed = new ArrayList<>();
        synchronized (this) {
            Map<Long, List<CompletableFuture<Long>>> tail = waiting.tailMap(from, true);
            tail.values().forEach(failed::addAll);
            tail.clear();
        }
        failed.forEach(f -> f.completeExceptionally(cause));
    }

    /** Fails every current and future waiter. */
    void failAll(Throwable cause) {
        synchronized (this) {
            failure = cause;
        }
        failFrom(Long.MIN_VALUE, cause);
    }
}
