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

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * The order events every example writes and reads: an Avro record whose fields become typed Parquet
 * columns ({@code order_id}, {@code customer}, {@code amount}, {@code currency}, {@code
 * event_time}). Stateless and thread-safe.
 */
public final class Orders {

    public static final String ORDER_ID = "order_id";
    public static final String CUSTOMER = "customer";
    public static final String AMOUNT = "amount";
    public static final String CURRENCY = "currency";
    public static final String EVENT_TIME = "event_time";

    /** Where the schema is, on the classpath; the {@code floe} command's tests read it too. */
    public static final String SCHEMA_RESOURCE = "/dev/floe/examples/orders/orders.avsc";

    /** The value schema of an orders stream. */
    public static final Schema SCHEMA = readSchema();

    private Orders() {}

    /** A new order record. */
    public static GenericRecord order(
            long orderId, String customer, double amount, String currency, long eventTime) {
        GenericRecord r = new GenericData.Record(SCHEMA);
        r.put(ORDER_ID, orderId);
        r.put(CUSTOMER, customer);
        r.put(AMOUNT, amount);
        r.put(CURRENCY, currency);
        r.put(EVENT_TIME, eventTime);
        return r;
    }

    public static long orderId(GenericRecord order) {
        return (Long) order.get(ORDER_ID);
    }

    public static double amount(GenericRecord order) {
        return (Double) order.get(AMOUNT);
    }

    public static String currency(GenericRecord order) {
        return order.get(CURRENCY).toString();
    }

    public static long eventTime(GenericRecord order) {
        return (Long) order.get(EVENT_TIME);
    }

    private static Schema readSchema() {
        try (InputStream in = Orders.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SCHEMA_RESOURCE + " is not on the classpath");
            }
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SCHEMA_RESOURCE, e);
        }
    }
}
