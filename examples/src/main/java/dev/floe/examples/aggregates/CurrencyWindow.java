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
