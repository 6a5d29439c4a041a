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
package dev.floe.flink.table.bench;

import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A sink that discards the orders it reads after taking each one's order id, and counts orders and
 * sums their ids into a tally of this JVM named by a label: the benchmark's MiniCluster runs its
 * tasks in the benchmark's JVM. The sink is serializable and thread-safe; each writer is used by
 * one task thread.
 *
 * @param <T> the element type
 */
final class OrderCountingSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;

    private static final Map<String, Tally> TALLIES = new ConcurrentHashMap<>();

    /** The order id of an element: where the reader's decoded fields are handed over. */
    @FunctionalInterface
    interface OrderId<T> extends Serializable {
        long of(T element);
    }

    /** Orders counted and ids summed under one label. Thread-safe. */
    static final class Tally {
        private final LongAdder records = new LongAdder();
        private final LongAdder idSum = new LongAdder();

        long records() {
            return records.sum();
        }

        long idSum() {
            return idSum.sum();
        }
    }

    private final String label;
    private final OrderId<T> orderId;

    OrderCountingSink(String label, OrderId<T> orderId) {
        this.label = label;
        this.orderId = orderId;
    }

    /** Starts a fresh tally under {@code label}, for a job that has not started yet. */
    static Tally reset(String label) {
        Tally tally = new Tally();
        TALLIES.put(label, tally);
        return tally;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        Tally tally = TALLIES.get(label);
        if (tally == null) {
            throw new IllegalStateException("no tally named " + label + "; reset it first");
        }
        return new SinkWriter<>() {
            private long records;
            private long idSum;

            @Override
            public void write(T element, Context context) {
                records++;
                idSum += orderId.of(element);
            }

            @Override
            public void flush(boolean endOfInput) {
                tally.records.add(records);
                tally.idSum.add(idSum);
                records = 0;
                idSum = 0;
            }

            @Override
            public void close() {
                flush(true);
            }
        };
    }
}
