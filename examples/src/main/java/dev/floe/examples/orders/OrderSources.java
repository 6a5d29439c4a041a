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

import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.formats.avro.typeutils.GenericRecordAvroTypeInfo;

/** Flink sources of generated orders. Stateless. */
public final class OrderSources {

    private OrderSources() {}

    /**
     * {@code count} orders ({@link Long#MAX_VALUE}: practically unbounded) at most {@code
     * ordersPerSecond} per second in total (0: as fast as possible), event times from {@code
     * startMillis}. Restored from a checkpoint, it continues after the last order the checkpoint
     * covers.
     */
    public static DataGeneratorSource<GenericRecord> generated(
            long count, double ordersPerSecond, long startMillis) {
        if (count < 1) {
            throw new IllegalArgumentException("order count must be at least 1, got " + count);
        }
        if (ordersPerSecond < 0) {
            throw new IllegalArgumentException(
                    "orders per second must be 0 (unthrottled) or more, got " + ordersPerSecond);
        }
        double eventRate = ordersPerSecond > 0 ? ordersPerSecond : 10_000;
        return new DataGeneratorSource<>(
                new OrderGenerator(startMillis, eventRate),
                count,
                ordersPerSecond > 0
                        ? RateLimiterStrategy.perSecond(ordersPerSecond)
                        : RateLimiterStrategy.noOp(),
                new GenericRecordAvroTypeInfo(Orders.SCHEMA));
    }
}
