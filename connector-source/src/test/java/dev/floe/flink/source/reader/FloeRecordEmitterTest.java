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

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.flink.source.FloeDeserializer;
import dev.floe.flink.source.split.FloeSplit;
import dev.floe.flink.source.split.FloeSplitState;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.record.WalRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.runtime.metrics.groups.InternalSourceReaderMetricGroup;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

/** What the emitter hands the deserializer, and which records it drops. */
class FloeRecordEmitterTest {

    private final List<String> emitted = new ArrayList<>();
    private final ReaderMetrics metrics =
            new ReaderMetrics(InternalSourceReaderMetricGroup.mock(new UnregisteredMetricsGroup()));

    @Test
    void emitsEveryElementADeserializerMakesWithTheRecordsPartitionAndTimestamp() throws Exception {
        FloeRecordEmitter<String> emitter =
                new FloeRecordEmitter<>(
                        new TwoPerRecord(),
                        metrics,
                        new TimestampRange(Long.MIN_VALUE, Long.MAX_VALUE));
        FloeSplitState split = new FloeSplitState(new FloeSplit("s", 3, 0, 10, Long.MIN_VALUE));

        emitter.emitRecord(record(0, 100), new ListOutput(), split);

        assertThat(emitted).containsExactly("0@3 at 100", "0@3 again at 100");
        assertThat(split.toSplit().nextOffset()).isEqualTo(1);
    }

    @Test
    void dropsRecordsOutsideTheTimestampRangeButMovesPastThem() throws Exception {
        FloeRecordEmitter<String> emitter =
                new FloeRecordEmitter<>(new OnePerRecord(), metrics, new TimestampRange(100, 200));
        FloeSplitState split = new FloeSplitState(new FloeSplit("s", 0, 0, 10, Long.MIN_VALUE));

        for (long offset = 0; offset < 4; offset++) {
            emitter.emitRecord(record(offset, 50 + 50 * offset), new ListOutput(), split);
        }

        assertThat(emitted).containsExactly("1 at 100", "2 at 150");
        assertThat(split.toSplit().nextOffset()).isEqualTo(4);
    }

    private static LoggedRecord record(long offset, long timestamp) {
        return new LoggedRecord(
                offset,
                WalRecord.of(
                        timestamp, null, String.valueOf(offset).getBytes(StandardCharsets.UTF_8)));
    }

    /** The default path: one element per record, without the partition. */
    private static final class OnePerRecord implements FloeDeserializer<String> {
        @Override
        public String deserialize(LoggedRecord record) {
            return new String(record.value(), StandardCharsets.UTF_8);
        }

        @Override
        public TypeInformation<String> producedType() {
            return Types.STRING;
        }
    }

    /** Two elements per record, naming the partition. */
    private static final class TwoPerRecord implements FloeDeserializer<String> {
        @Override
        public String deserialize(LoggedRecord record) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void deserialize(LoggedRecord record, int partition, Collector<String> out) {
            String value = new String(record.value(), StandardCharsets.UTF_8) + "@" + partition;
            out.collect(value);
            out.collect(value + " again");
        }

        @Override
        public TypeInformation<String> producedType() {
            return Types.STRING;
        }
    }

    private final class ListOutput implements SourceOutput<String> {
        @Override
        public void collect(String element) {
            emitted.add(element);
        }

        @Override
        public void collect(String element, long timestamp) {
            emitted.add(element + " at " + timestamp);
        }

        @Override
        public void emitWatermark(Watermark watermark) {}

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}
    }
}
