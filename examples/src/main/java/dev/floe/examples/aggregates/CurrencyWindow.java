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

import java.time.Instant;
import java.util.Locale;

/**
 * Orders of one currency in one event-time window: count, revenue, largest order. A Flink POJO
 * (public fields, no-argument constructor). Not thread-safe.
 */
public class CurrencyWindow {

    /** Start of the window, epoch milliseconds. */
    public long windowStart;

    /** End of the window (exclusive), epoch milliseconds. */
    public long windowEnd;

    public String currency;
    public long orders;
    public double revenue;
    public double maxAmount;

    public CurrencyWindow() {}

    public CurrencyWindow(
            long windowStart,
            long windowEnd,
            String currency,
            long orders,
            double revenue,
            double maxAmount) {
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
        this.currency = currency;
        this.orders = orders;
        this.revenue = revenue;
        this.maxAmount = maxAmount;
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "%s %s: %d orders, revenue %.2f, largest %.2f",
                Instant.ofEpochMilli(windowStart),
                currency,
                orders,
                revenue,
                maxAmount);
    }
}
