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
package dev.floe.wal.manifest;

/**
 * Ownership of a partition by one writer: the epoch it commits with and the head when it was taken.
 * Closing it releases the lease (the epoch stays, so the writer stays fenced). Thread-safe.
 */
public interface PartitionClaim extends AutoCloseable {

    String stream();

    int partition();

    /** The epoch this writer commits with. */
    long epoch();

    /** The partition's head right after the epoch was raised. */
    PartitionHead head();

    /**
     * Registers where readers get the records not yet in the bucket, with the claim, under its
     * lease: the writer's tail endpoint ({@code host:port}) and its WAL directory with the holder
     * recorded in its lock file (each may be null), and the version of the stream's value schema
     * the writer writes, which readers of its tail resolve values from.
     */
    void advertise(String tailEndpoint, String walDirectory, String walHolder, int schemaVersion);

    /** {@link #advertise(String, String, String, int)} for a writer of schema version 1. */
    default void advertise(String tailEndpoint, String walDirectory, String walHolder) {
        advertise(tailEndpoint, walDirectory, walHolder, SchemaVersion.INITIAL);
    }

    /** Whether the lease is still alive (kept alive in the background until closed or lost). */
    boolean isAlive();

    @Override
    void close();
}
