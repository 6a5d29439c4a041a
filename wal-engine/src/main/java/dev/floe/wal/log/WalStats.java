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

/**
 * A snapshot of a log's counters and positions, for metrics. Immutable.
 *
 * @param startOffset first offset the log holds
 * @param endOffset offset the next append gets
 * @param writtenEnd offset below which records were handed to the operating system
 * @param durableEnd offset below which records are fsynced
 * @param segments number of segment files
 * @param bytesWritten bytes written to segment files since open
 * @param fsyncs fsyncs of segment data since open
 * @param fsyncNanosTotal time spent in those fsyncs
 * @param fsyncNanosMax longest of them
 * @param backlogBytes bytes appended but not yet released (0 without a backlog limit)
 * @param backpressureNanos time appends spent slowed down or blocked by the backlog limit
 */
public record WalStats(
        long startOffset,
        long endOffset,
        long writtenEnd,
        long durableEnd,
        int segments,
        long bytesWritten,
        long fsyncs,
        long fsyncNanosTotal,
        long fsyncNanosMax,
        long backlogBytes,
        long backpressureNanos) {}
