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
