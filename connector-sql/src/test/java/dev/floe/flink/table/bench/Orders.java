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

import static org.apache.flink.table.api.DataTypes.BIGINT;
import static org.apache.flink.table.api.DataTypes.DOUBLE;
import static org.apache.flink.table.api.DataTypes.FIELD;
import static org.apache.flink.table.api.DataTypes.INT;
import static org.apache.flink.table.api.DataTypes.ROW;
import static org.apache.flink.table.api.DataTypes.STRING;

import dev.floe.flink.table.internal.NativeAvro;
import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;

/**
 * The {@code sql} benchmark's records: an order of six typed fields per sequence number, made once
 * by {@link #of} and handed to the SQL job as a table row and to the DataStream job as an Avro
 * record of the same schema. Immutable; the factories are thread-safe.
 *
 * @param id the sequence number, also the order id
 */
record Orders(long id, String customer, double amount, String currency, String sku, int qty) {

    /** The table's columns, as {@code CREATE TABLE} declares them. */
    static final String COLUMNS =
            "order_id BIGINT NOT NULL, customer STRING NOT NULL, amount DOUBLE NOT NULL,"
                    + " currency STRING NOT NULL, sku STRING NOT NULL, qty INT NOT NULL";

    /** The same columns as a data type. */
    static final DataType DATA_TYPE =
            ROW(
                            FIELD("order_id", BIGINT().notNull()),
                            FIELD("customer", STRING().notNull()),
                            FIELD("amount", DOUBLE().notNull()),
                            FIELD("currency", STRING().notNull()),
                            FIELD("sku", STRING().notNull()),
                            FIELD("qty", INT().notNull()))
                    .notNull();

    static final RowType ROW_TYPE = (RowType) DATA_TYPE.getLogicalType();

    private static final String[] CURRENCIES = {"EUR", "USD", "GBP", "JPY", "CHF"};
    private static final byte[] DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /** The order of sequence number {@code id}. */
    static Orders of(long id) {
        long h = mix(id);
        byte[] customer = {'c', '-', 0, 0, 0, 0, 0, 0};
        fill(customer, 2, 6, (h & 0xFFFFF) % 1_000_000, 10);
        byte[] sku = new byte[8];
        fill(sku, 0, 8, h >>> 13, 16);
        return new Orders(
                id,
                new String(customer, StandardCharsets.US_ASCII),
                ((h >>> 20) % 1_000_000) / 100.0,
                CURRENCIES[(int) ((h >>> 41) % CURRENCIES.length)],
                new String(sku, StandardCharsets.US_ASCII),
                (int) ((h >>> 50) % 100));
    }

    /** The Avro value schema a table of {@link #COLUMNS} gives stream {@code stream}. */
    static Schema avroSchema(String stream) {
        return NativeAvro.valueSchema(ROW_TYPE, stream);
    }

    /** This order as a table row (Flink's internal row format). */
    RowData row() {
        return GenericRowData.of(
                id,
                StringData.fromString(customer),
                amount,
                StringData.fromString(currency),
                StringData.fromString(sku),
                qty);
    }

    /** This order as an Avro record of {@code schema}, an {@link #avroSchema}. */
    GenericRecord avro(Schema schema) {
        GenericRecord r = new GenericData.Record(schema);
        r.put(0, id);
        r.put(1, customer);
        r.put(2, amount);
        r.put(3, currency);
        r.put(4, sku);
        r.put(5, qty);
        return r;
    }

    /** Writes {@code value} in base {@code radix} into {@code width} bytes from {@code at}. */
    private static void fill(byte[] b, int at, int width, long value, int radix) {
        for (int i = at + width - 1; i >= at; i--) {
            b[i] = DIGITS[(int) Long.remainderUnsigned(value, radix)];
            value = Long.divideUnsigned(value, radix);
        }
    }

    /** SplitMix64's finalizer: well-spread bits from a sequence number. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
