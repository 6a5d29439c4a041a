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

/**
 * Emits a record as its element with the record's timestamp, and moves the split's position past
 * it. Used by the reader's main thread only.
 */
final class FloeRecordEmitter<T> implements RecordEmitter<LoggedRecord, T, FloeSplitState> {

    private final FloeDeserializer<T> deserializer;
    private final ReaderMetrics metrics;

    FloeRecordEmitter(FloeDeserializer<T> deserializer, ReaderMetrics metrics) {
        this.deserializer = deserializer;
        this.metrics = metrics;
    }

    @Override
    public void emitRecord(LoggedRecord record, SourceOutput<T> output, FloeSplitState split)
            throws Exception {
        if (split.admits(record.timestamp())) {
            T element = deserializer.deserialize(record);
            if (element != null) {
                output.collect(element, record.timestamp());
            }
        }
        split.advancedPast(record.offset());
        metrics.read(record);
    }
}
