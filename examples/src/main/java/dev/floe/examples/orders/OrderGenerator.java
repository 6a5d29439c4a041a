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
package dev.floe.examples.orders;

import java.util.SplittableRandom;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * Makes order number {@code n}: the same order for the same {@code n} on every run and after every
 * restore, so a reader can check that each order arrived exactly once. Customers follow a skewed
 * distribution (a few buy often), amounts are log-normal-ish, and event times advance {@code 1000 /
 * ordersPerSecond} ms per order from a start time with up to two seconds of disorder. Not
 * thread-safe; Flink uses one instance per source reader.
 */
public final class OrderGenerator implements GeneratorFunction<Long, GenericRecord> {

    private static final long serialVersionUID = 1L;
    private static final String[] CURRENCIES = {"EUR", "EUR", "EUR", "USD", "USD", "GBP", "CHF"};
    private static final int CUSTOMERS = 10_000;
    private static final long MAX_DISORDER_MS = 2_000;

    private final long startMillis;
    private final double millisPerOrder;

    /**
     * @param startMillis event time of order 0
     * @param ordersPerSecond how fast event time advances, in orders per second of event time
     */
    public OrderGenerator(long startMillis, double ordersPerSecond) {
        if (ordersPerSecond <= 0) {
            throw new IllegalArgumentException(
                    "orders per second must be positive, got " + ordersPerSecond);
        }
        this.startMillis = startMillis;
        this.millisPerOrder = 1000.0 / ordersPerSecond;
    }

    @Override
    public GenericRecord map(Long n) {
        return order(n);
    }

    /** Order {@code n}. */
    public GenericRecord order(long n) {
        SplittableRandom random = new SplittableRandom(n * 0x9E3779B97F4A7C15L);
        double u = random.nextDouble();
        int customer = (int) (CUSTOMERS * u * u * u);
        double amount = Math.round(Math.exp(2.5 + 1.2 * random.nextDouble() * 2) * 100) / 100.0;
        String currency = CURRENCIES[random.nextInt(CURRENCIES.length)];
        long eventTime =
                startMillis + (long) (n * millisPerOrder) - random.nextLong(MAX_DISORDER_MS + 1);
        return Orders.order(
                n, String.format("c-%05d", customer), amount, currency, Math.max(0, eventTime));
    }
}
