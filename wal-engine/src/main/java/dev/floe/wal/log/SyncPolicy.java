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

/** When the log forces appended records to disk. */
public enum SyncPolicy {
    /**
     * Group commit: fsync once the oldest unsynced record has waited {@code max-wait} or {@code
     * max-bytes} are pending, covering every record appended until then.
     */
    GROUP,
    /** Every append returns only after an fsync covering it (concurrent appends share one). */
    ALWAYS,
    /**
     * Leave durability to the operating system: the log fsyncs only in {@link WriteAheadLog#sync()}
     * and when it seals a segment, not when it closes. {@link WriteAheadLog#checkpointAsync()} only
     * hands records to the system, for logs whose checkpoints are made durable elsewhere (a sink's,
     * in the bucket).
     */
    NONE
}
