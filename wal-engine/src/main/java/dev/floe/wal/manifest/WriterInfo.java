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
 * Who writes a partition now, as registered under the writer's lease: its name, its epoch and, once
 * it serves them, where readers get the records not yet in the bucket: its tail endpoint ({@code
 * host:port}), and its WAL directory with the process holding it, for readers that see the same
 * files. Immutable.
 *
 * @param owner the writer's name
 * @param epoch the epoch it took
 * @param tailEndpoint {@code host:port} of its tail endpoint, or null
 * @param walDirectory the absolute path of the partition's WAL directory, or null
 * @param walHolder the holder recorded in that directory's lock file while this writer holds it
 *     ({@link dev.floe.wal.log.WriteAheadLog#holder()}), or null
 * @param schemaVersion the version of the stream's value schema the writer writes ({@link
 *     SchemaHistory}); 1 in registrations of writers from before schema histories
 */
public record WriterInfo(
        String owner,
        long epoch,
        String tailEndpoint,
        String walDirectory,
        String walHolder,
        int schemaVersion) {

    public WriterInfo {
        if (schemaVersion < SchemaVersion.INITIAL) {
            // 0: registered before writers named their schema version.
            schemaVersion = SchemaVersion.INITIAL;
        }
    }

    /** A writer of schema version 1. */
    public WriterInfo(
            String owner, long epoch, String tailEndpoint, String walDirectory, String walHolder) {
        this(owner, epoch, tailEndpoint, walDirectory, walHolder, SchemaVersion.INITIAL);
    }

    /** A writer that serves no tail yet. */
    public static WriterInfo of(String owner, long epoch) {
        return new WriterInfo(owner, epoch, null, null, null);
    }
}
