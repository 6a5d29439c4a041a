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

import dev.floe.wal.format.RecordFrame;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.record.WalRecord;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.OperatorIOMetricGroup;
import org.apache.flink.metrics.groups.OperatorMetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.metrics.testutils.MetricListener;
import org.apache.flink.runtime.metrics.groups.InternalSourceReaderMetricGroup;
import org.apache.flink.runtime.metrics.groups.ProxyMetricGroup;
import org.junit.jupiter.api.Test;

/** The reader's FLIP-33 metrics, read from Flink's own source reader metric group. */
class ReaderMetricsTest {

    private final MetricListener listener = new MetricListener();
    private final Counter numBytesIn = new SimpleCounter();
    private final ReaderMetrics metrics =
            new ReaderMetrics(
                    InternalSourceReaderMetricGroup.wrap(
                            new ListenedOperatorGroup(listener.getMetricGroup(), numBytesIn)));

    @Test
    void countsTheEncodedBytesOfEveryRecordRead() {
        LoggedRecord small = record(0, new byte[10]);
        LoggedRecord large = record(1, new byte[30]);

        metrics.read(small);
        metrics.read(large);

        assertThat(numBytesIn.getCount())
                .isEqualTo(
                        RecordFrame.recordSize(small.record())
                                + RecordFrame.recordSize(large.record()));
    }

    @Test
    void pendingBytesIsTheRecordsLagAtTheMeanRecordSize() {
        metrics.reads(0);
        metrics.reads(1);
        metrics.lag(0, 10);
        metrics.lag(1, 5);
        assertThat(gauge("pendingRecords")).isEqualTo(15L);
        assertThat(gauge("pendingBytes")).as("nothing read yet").isEqualTo(0L);

        LoggedRecord small = record(0, new byte[10]);
        LoggedRecord large = record(1, new byte[30]);
        metrics.read(small);
        metrics.read(large);
        long mean =
                (RecordFrame.recordSize(small.record()) + RecordFrame.recordSize(large.record()))
                        / 2;

        assertThat(gauge("pendingBytes")).isEqualTo(15 * mean);
        metrics.lag(0, 0);
        metrics.lag(1, 0);
        assertThat(gauge("pendingBytes")).isEqualTo(0L);
    }

    private Object gauge(String name) {
        return listener.<Object>getGauge(name).map(Gauge::getValue).orElseThrow();
    }

    private static LoggedRecord record(long offset, byte[] value) {
        return new LoggedRecord(offset, WalRecord.of(0, new byte[] {1, 2}, value));
    }

    /**
     * An operator's metric group that registers into the listener's group, with a known numBytesIn.
     */
    private static final class ListenedOperatorGroup extends ProxyMetricGroup<MetricGroup>
            implements OperatorMetricGroup {

        private final OperatorIOMetricGroup io;

        ListenedOperatorGroup(MetricGroup parent, Counter numBytesIn) {
            super(parent);
            this.io = new TestIOMetricGroup(numBytesIn);
        }

        @Override
        public OperatorIOMetricGroup getIOMetricGroup() {
            return io;
        }
    }

    private static final class TestIOMetricGroup extends UnregisteredMetricsGroup
            implements OperatorIOMetricGroup {
        private final Counter numBytesIn;

        TestIOMetricGroup(Counter numBytesIn) {
            this.numBytesIn = numBytesIn;
        }

        @Override
        public Counter getNumRecordsInCounter() {
            return new SimpleCounter();
        }

        @Override
        public Counter getNumRecordsOutCounter() {
            return new SimpleCounter();
        }

        @Override
        public Counter getNumBytesInCounter() {
            return numBytesIn;
        }

        @Override
        public Counter getNumBytesOutCounter() {
            return new SimpleCounter();
        }
    }
}
