package dev.floe.examples.orders;

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

    /** The value schema of an orders stream. */
    public static final Schema SCHEMA =
            new Schema.Parser()
                    .parse(
                            """
                            {"type": "record", "name": "Order", "namespace": "dev.floe.examples",
                             "fields": [
                               {"name": "order_id", "type": "long"},
                               {"name": "customer", "type": "string"},
                               {"name": "amount", "type": "double"},
                               {"name": "currency", "type": "string"},
                               {"name": "event_time",
                                "type": {"type": "long", "logicalType": "timestamp-millis"}}
                             ]}
                            """);

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

    public static String customer(GenericRecord order) {
        return order.get(CUSTOMER).toString();
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
}
