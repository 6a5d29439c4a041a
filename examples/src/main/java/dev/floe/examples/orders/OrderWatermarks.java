package dev.floe.examples.orders;

import java.time.Duration;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/** Event time of orders for Flink: the order's {@code event_time}. Stateless. */
public final class OrderWatermarks {

    /** Orders arrive up to this much out of event-time order. */
    public static final Duration MAX_DISORDER = Duration.ofSeconds(2);

    private OrderWatermarks() {}

    /** Timestamps from {@code event_time}, watermarks {@link #MAX_DISORDER} behind the newest. */
    public static WatermarkStrategy<GenericRecord> eventTime() {
        return WatermarkStrategy.<GenericRecord>forBoundedOutOfOrderness(MAX_DISORDER)
                .withTimestampAssigner((order, previous) -> Orders.eventTime(order))
                .withIdleness(Duration.ofSeconds(30));
    }
}
