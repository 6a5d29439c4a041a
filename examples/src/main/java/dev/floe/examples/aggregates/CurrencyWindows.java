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
package dev.floe.examples.aggregates;

import dev.floe.examples.orders.Orders;
import java.time.Duration;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Per-currency aggregates of orders over tumbling event-time windows, incrementally (one small
 * accumulator per currency and window). Stateless.
 */
public final class CurrencyWindows {

    private CurrencyWindows() {}

    /** Orders with event-time timestamps and watermarks, aggregated per currency and window. */
    public static DataStream<CurrencyWindow> of(DataStream<GenericRecord> orders, Duration window) {
        return orders.keyBy(Orders::currency, Types.STRING)
                .window(TumblingEventTimeWindows.of(window))
                .aggregate(new Totals(), new Labelled())
                .name("orders per currency and " + window.toSeconds() + " s");
    }

    /** Accumulator: count, revenue, largest amount. */
    static final class Totals implements AggregateFunction<GenericRecord, double[], double[]> {
        private static final long serialVersionUID = 1L;

        @Override
        public double[] createAccumulator() {
            return new double[3];
        }

        @Override
        public double[] add(GenericRecord order, double[] acc) {
            double amount = Orders.amount(order);
            acc[0]++;
            acc[1] += amount;
            acc[2] = Math.max(acc[2], amount);
            return acc;
        }

        @Override
        public double[] getResult(double[] acc) {
            return acc;
        }

        @Override
        public double[] merge(double[] a, double[] b) {
            return new double[] {a[0] + b[0], a[1] + b[1], Math.max(a[2], b[2])};
        }
    }

    /** Adds the currency and the window's bounds to the totals. */
    static final class Labelled
            extends ProcessWindowFunction<double[], CurrencyWindow, String, TimeWindow> {
        private static final long serialVersionUID = 1L;

        @Override
        public void process(
                String currency,
                Context context,
                Iterable<double[]> totals,
                Collector<CurrencyWindow> out) {
            double[] t = totals.iterator().next();
            out.collect(
                    new CurrencyWindow(
                            context.window().getStart(),
                            context.window().getEnd(),
                            currency,
                            (long) t[0],
                            Math.round(t[1] * 100) / 100.0,
                            t[2]));
        }
    }
}
