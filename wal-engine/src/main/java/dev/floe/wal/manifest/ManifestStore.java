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
 * The metadata of Floe streams: stream definitions, each partition's head (committed end, writer
 * epoch, last commit id), the descriptors of the objects that make up a partition, tiering claims,
 * consumer positions, the queue of superseded objects awaiting deletion, and each stream's pointer
 * to its Iceberg table's metadata. Every change to a partition is one compare-and-set transaction.
 * Implementations are thread-safe.
 *
 * <p>Failures name the store, stream and partition. A {@link ManifestException} is final (a missing
 * stream, a refused request); a store that does not answer fails with a {@link
 * dev.floe.wal.error.RetriableFloeException}, and a commit whose outcome cannot be learned with a
 * {@link CommitStateUnknownException}, also retriable.
 */
public interface ManifestStore
        extends StreamCatalog,
                PartitionCommits,
                TieringClaims,
                ConsumerRegistry,
                DeletionQueue,
                TablePointers,
                AutoCloseable {

    /** Where this store is, for messages. */
    String describe();

    /**
     * The definition of {@code stream}.
     *
     * @throws ManifestException if the stream does not exist
     */
    default StreamConfig requireStream(String stream) {
        return stream(stream)
                .orElseThrow(
                        () ->
                                new ManifestException(
                                        "stream "
                                                + stream
                                                + " does not exist in "
                                                + describe()
                                                + ": create it first"));
    }

    /** The namespace this store holds the streams of. */
    String namespace();

    @Override
    void close();
}
