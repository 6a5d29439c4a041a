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
package dev.floe.wal.tier;

import dev.floe.wal.error.FloeErrors;
import dev.floe.wal.manifest.ObjectDescriptor;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far the tiering of one partition from its WAL got, and whether it still runs: the positions a
 * {@link PartitionTiering} reports, its pending {@link PartitionTiering#finish finish}, and what a
 * failed attempt means (retry, or stop). Thread-safe.
 */
final class TieringProgress {

    private static final Logger LOG = LoggerFactory.getLogger(TieringProgress.class);

    private final String name;
    private final long startOffset;

    private volatile long floor;
    private volatile long tieredEnd;
    private volatile long objectsTiered;
    private volatile boolean running = true;

    // Guarded by this.
    private long finishEnd = -1;
    private CompletableFuture<Void> finished;

    /**
     * @param name the partition, {@code stream/partition}, for messages
     */
    TieringProgress(String name, long startOffset) {
        this.name = name;
        this.startOffset = startOffset;
        this.floor = startOffset;
        this.tieredEnd = startOffset;
    }

    String name() {
        return name;
    }

    long startOffset() {
        return startOffset;
    }

    long floor() {
        return running ? floor : Long.MAX_VALUE;
    }

    /** Tiering may still read the WAL from {@code offset} on. */
    void floor(long offset) {
        floor = offset;
    }

    long tieredEnd() {
        return tieredEnd;
    }

    long objectsTiered() {
        return objectsTiered;
    }

    boolean isRunning() {
        return running;
    }

    /** A finish that completes once everything below {@code endOffset} is swapped in. */
    CompletableFuture<Void> finish(long endOffset) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (this) {
            finishEnd = endOffset;
            finished = done;
        }
        if (running) {
            completeIfReached();
        } else {
            stop();
        }
        return done;
    }

    /** Whether a finish is pending. */
    synchronized boolean finishing() {
        return finished != null;
    }

    /** Where the pending finish ends, or -1 if none is pending. */
    synchronized long finishEnd() {
        return finished != null ? finishEnd : -1;
    }

    /** Notes an object swapped into the manifest: everything below its end is tiered. */
    void swapped(ObjectDescriptor object) {
        tieredEnd = object.endOffset();
        objectsTiered++;
        completeIfReached();
    }

    /**
     * Decides what a failed attempt means: true to retry after {@code retryIn}; false when the
     * partition moved on without this writer or retrying cannot help, and tiering has stopped.
     *
     * @param offset where the failed attempt started reading, for the log
     */
    boolean retryAfter(Exception failure, long offset, Duration retryIn) {
        if (failure instanceof TieringFencedException) {
            LOG.info("Tiering of {} stops: {}", name, failure.getMessage());
        } else if (!FloeErrors.isRetriable(failure)) {
            LOG.error(
                    "Tiering {} from offset {} failed and retrying cannot help; the range is left"
                            + " to tiering from segment objects",
                    name,
                    offset,
                    failure);
        } else {
            LOG.warn(
                    "Tiering {} from offset {} failed ({}); retrying in {} ms",
                    name,
                    offset,
                    failure.toString(),
                    retryIn.toMillis());
            return true;
        }
        stop();
        return false;
    }

    /** Tiering stopped: {@link #isRunning()} turns false and a pending finish fails. */
    void stop() {
        running = false;
        CompletableFuture<Void> pending;
        synchronized (this) {
            pending = finished;
            finished = null;
        }
        if (pending != null) {
            pending.completeExceptionally(stoppedException());
        }
    }

    private void completeIfReached() {
        CompletableFuture<Void> done;
        synchronized (this) {
            if (finished == null || tieredEnd < finishEnd) {
                return;
            }
            done = finished;
            finished = null;
            finishEnd = -1;
        }
        done.complete(null);
    }

    private IllegalStateException stoppedException() {
        return new IllegalStateException(
                "tiering of " + name + " from the WAL stopped; see the log for why");
    }
}
