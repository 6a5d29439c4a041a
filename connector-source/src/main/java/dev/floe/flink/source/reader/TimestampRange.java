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
package dev.floe.flink.source.reader;

import dev.floe.flink.source.FloeSourceOptions;
import dev.floe.wal.tier.parquet.ReadRequest;
import org.apache.flink.configuration.ReadableConfig;

/**
 * The record timestamps a source returns: {@code [from, until)} in epoch milliseconds, from {@link
 * FloeSourceOptions#FROM_TIMESTAMP} and {@link FloeSourceOptions#UNTIL_TIMESTAMP}. Parquet objects
 * skip the row groups outside it; every other record outside it is dropped when emitted. Immutable.
 *
 * @param from the smallest timestamp returned
 * @param until the timestamp after the largest one returned
 */
record TimestampRange(long from, long until) {

    /** The range {@code config} sets; unbounded at either end it leaves open. */
    static TimestampRange of(ReadableConfig config) {
        return new TimestampRange(
                config.getOptional(FloeSourceOptions.FROM_TIMESTAMP).orElse(Long.MIN_VALUE),
                config.getOptional(FloeSourceOptions.UNTIL_TIMESTAMP).orElse(Long.MAX_VALUE));
    }

    /** Whether the range leaves any timestamp out. */
    boolean filters() {
        return from != Long.MIN_VALUE || until != Long.MAX_VALUE;
    }

    boolean contains(long timestamp) {
        return timestamp >= from && timestamp < until;
    }

    /** {@code request} narrowed to this range, when it narrows anything. */
    ReadRequest narrow(ReadRequest request) {
        if (!filters()) {
            return request;
        }
        long lowest = Math.max(from, request.fromTimestamp());
        return request.withTimestamps(
                lowest, Math.max(lowest, Math.min(until, request.toTimestamp())));
    }
}
