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

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads batches from a source on a background thread, a few batches ahead of the consumer, so
 * reading and decoding overlap with what the consumer does with them. Memory is bounded by the
 * number of batches ahead. One consumer thread; close it when done (which also closes the source's
 * resource, on the reading thread's behalf, after that thread has stopped).
 *
 * @param <T> what a batch holds
 */
final class ReadAhead<T> implements AutoCloseable {

    /** Where batches come from; called on the background thread only. */
    interface Source<T> {
        /** The next batch: empty if nothing is there yet, null after the last one. */
        List<T> next() throws IOException, InterruptedException;
    }

    private final List<T> end = List.of();
    private final BlockingQueue<List<T>> batches;
    private final Thread thread;
    private final AutoCloseable resource;
    private volatile Throwable failure;

    ReadAhead(String name, int ahead, Source<T> source, AutoCloseable resource) {
        this.batches = new ArrayBlockingQueue<>(ahead);
        this.resource = resource;
        this.thread = new Thread(() -> readAll(source), name);
        thread.setDaemon(true);
        thread.start();
    }

    private void readAll(Source<T> source) {
        try {
            for (List<T> batch = source.next(); batch != null; batch = source.next()) {
                if (!batch.isEmpty()) {
                    batches.put(batch);
                }
            }
            batches.put(end);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            failure = e;
            batches.offer(end);
        }
    }

    /**
     * The next batch, waiting up to {@code timeout}: empty if none came in time, null after the
     * last one.
     *
     * @throws IOException if the source failed
     */
    List<T> poll(Duration timeout) throws IOException {
        List<T> batch;
        try {
            batch = batches.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading ahead");
        }
        if (batch == null) {
            return List.of();
        }
        if (batch == end) {
            Throwable failed = failure;
            if (failed instanceof IOException io) {
                throw io;
            }
            if (failed != null) {
                throw new IOException("Reading ahead failed: " + failed, failed);
            }
            return null;
        }
        return batch;
    }

    @Override
    public void close() throws IOException {
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (resource != null) {
            try {
                resource.close();
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            }
        }
    }
}
