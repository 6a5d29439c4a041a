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

import dev.floe.flink.source.FloeDeserializer;
import dev.floe.flink.source.split.FloeSplitState;
import dev.floe.wal.record.LoggedRecord;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.apache.flink.util.Collector;

/**
 * Emits the elements of a record with the record's timestamp, unless the timestamp is outside the
 * range the source reads, and moves the split's position past it. Used by the reader's main thread
 * only.
 */
final class FloeRecordEmitter<T> implements RecordEmitter<LoggedRecord, T, FloeSplitState> {

    private final FloeDeserializer<T> deserializer;
    private final ReaderMetrics metrics;
    private final TimestampRange timestamps;
    private final TimestampedCollector<T> collector = new TimestampedCollector<>();

    /**
     * @param timestamps records outside it are dropped
     */
    FloeRecordEmitter(
            FloeDeserializer<T> deserializer, ReaderMetrics metrics, TimestampRange timestamps) {
        this.deserializer = deserializer;
        this.metrics = metrics;
        this.timestamps = timestamps;
    }

    @Override
    public void emitRecord(LoggedRecord record, SourceOutput<T> output, FloeSplitState split)
            throws Exception {
        long timestamp = record.timestamp();
        if (split.admits(timestamp) && timestamps.contains(timestamp)) {
            collector.output = output;
            collector.timestamp = timestamp;
            deserializer.deserialize(record, split.partition(), collector);
        }
        split.advancedPast(record.offset());
        metrics.read(record);
    }

    /** Sends elements to the split's output with the timestamp of the record they came from. */
    private static final class TimestampedCollector<T> implements Collector<T> {
        SourceOutput<T> output;
        long timestamp;

        @Override
        public void collect(T element) {
            output.collect(element, timestamp);
        }

        @Override
        public void close() {}
    }
}
