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
