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
package dev.floe.wal.tier.parquet;

import java.util.List;

/**
 * Which records of a Parquet object to read: those whose offset is in {@code [fromOffset,
 * toOffset)} and whose timestamp is in {@code [fromTimestamp, toTimestamp)}, with only the named
 * value fields of a typed stream. Immutable.
 *
 * @param fromOffset first offset wanted; default 0
 * @param toOffset offset after the last one wanted; default {@link Long#MAX_VALUE}
 * @param fromTimestamp smallest timestamp wanted (ms); default {@link Long#MIN_VALUE}
 * @param toTimestamp timestamp after the largest one wanted (ms); default {@link Long#MAX_VALUE}
 * @param valueFields value fields to read, in any order; null (the default) for the whole value
 */
public record ReadRequest(
        long fromOffset,
        long toOffset,
        long fromTimestamp,
        long toTimestamp,
        List<String> valueFields) {

    public ReadRequest {
        if (fromOffset < 0 || toOffset < fromOffset) {
            throw new IllegalArgumentException(
                    "need 0 <= fromOffset <= toOffset, got [" + fromOffset + ", " + toOffset + ")");
        }
        if (toTimestamp < fromTimestamp) {
            throw new IllegalArgumentException(
                    "need fromTimestamp <= toTimestamp, got ["
                            + fromTimestamp
                            + ", "
                            + toTimestamp
                            + ")");
        }
        valueFields = valueFields == null ? null : List.copyOf(valueFields);
    }

    /** Every record, whole. */
    public static ReadRequest all() {
        return new ReadRequest(0, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE, null);
    }

    /** The records with offsets in {@code [from, to)}. */
    public static ReadRequest offsets(long from, long to) {
        return all().withOffsets(from, to);
    }

    /** The records with timestamps in {@code [from, to)}. */
    public static ReadRequest timestamps(long from, long to) {
        return all().withTimestamps(from, to);
    }

    public ReadRequest withOffsets(long from, long to) {
        return new ReadRequest(from, to, fromTimestamp, toTimestamp, valueFields);
    }

    public ReadRequest withTimestamps(long from, long to) {
        return new ReadRequest(fromOffset, toOffset, from, to, valueFields);
    }

    /** Only these value fields; the returned values are Avro binary of the projected schema. */
    public ReadRequest withValueFields(List<String> fields) {
        return new ReadRequest(fromOffset, toOffset, fromTimestamp, toTimestamp, fields);
    }

    /** Whether a timestamp range narrows the request. */
    public boolean filtersTimestamps() {
        return fromTimestamp != Long.MIN_VALUE || toTimestamp != Long.MAX_VALUE;
    }

    boolean wants(long offset, long timestamp) {
        return offset >= fromOffset
                && offset < toOffset
                && timestamp >= fromTimestamp
                && timestamp < toTimestamp;
    }
}
